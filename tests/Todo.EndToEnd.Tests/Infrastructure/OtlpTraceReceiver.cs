using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Todo.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A collector in miniature: OTLP/HTTP with protobuf bodies on a loopback port, as the apps' OTLP exporters send to
/// a real collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>). Spans are
/// kept by span id: apps hosted in one process share ActivitySources by name, so every tracer provider exports the
/// spans of every host and each span arrives more than once (so a span's <see cref="ReceivedSpan.Service"/> is
/// whichever exporter sent it first, and <see cref="Services"/> are the names the exporters gave themselves). Metrics
/// and logs are accepted and dropped.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ReceivedSpan> _spans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _services = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = default!;

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.Values.ToArray();

    /// <summary>The <c>service.name</c> of every resource that has exported spans.</summary>
    public IReadOnlyCollection<string> Services => _services.Keys.Order(StringComparer.Ordinal).ToArray();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveTracesAsync);
        app.MapPost("/v1/metrics", Accepted);
        app.MapPost("/v1/logs", Accepted);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>The spans of one trace, or none yet.</summary>
    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => Spans.Where(s => s.TraceId == traceId).OrderBy(s => s.StartNanos).ToList();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ReceiveTracesAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        foreach (var span in OtlpTraces.Decode(body.ToArray()))
        {
            _spans.TryAdd(span.SpanId, span);
            _services.TryAdd(span.Service, 0);
        }

        await Accepted(context);
    }

    // An empty Export*ServiceResponse is a valid protobuf body of zero bytes: full success.
    private static Task Accepted(HttpContext context)
    {
        context.Response.ContentType = "application/x-protobuf";
        return Task.CompletedTask;
    }
}

/// <summary>One span as OTLP carried it; ids in lower-case hex, <see cref="ParentSpanId"/> empty for a root.</summary>
public sealed record ReceivedSpan(
    string TraceId, string SpanId, string ParentSpanId, string Name, ReceivedSpanKind Kind, string Scope, string Service,
    ulong StartNanos, int StatusCode, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public override string ToString() => $"{Kind} '{Name}' [{Scope}] {SpanId} <- {(ParentSpanId.Length == 0 ? "root" : ParentSpanId)}";
}

/// <summary>OTLP's SpanKind values.</summary>
public enum ReceivedSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>
/// Reads an ExportTraceServiceRequest (opentelemetry-proto, opentelemetry/proto/collector/trace/v1 and trace/v1) with
/// Google.Protobuf's wire reader: the generated OpenTelemetry.Proto types are not served, and only the fields a trace
/// test looks at are read; every other field is skipped as protobuf allows.
/// </summary>
internal static class OtlpTraces
{
    public static IEnumerable<ReceivedSpan> Decode(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        // ExportTraceServiceRequest: 1 = repeated ResourceSpans.
        foreach (var resourceSpans in Messages(request, 1))
        {
            var service = "";
            var scopeSpansList = new List<ByteString>();
            Read(resourceSpans, (field, input) =>
            {
                switch (field)
                {
                    // ResourceSpans: 1 = Resource (1 = repeated KeyValue attributes), 2 = repeated ScopeSpans.
                    case 1:
                        service = Attributes(Messages(input.ReadBytes(), 1)).GetValueOrDefault("service.name", "");
                        return true;
                    case 2:
                        scopeSpansList.Add(input.ReadBytes());
                        return true;
                    default:
                        return false;
                }
            });

            foreach (var scopeSpans in scopeSpansList)
            {
                var scope = "";
                var spanMessages = new List<ByteString>();
                Read(scopeSpans, (field, input) =>
                {
                    switch (field)
                    {
                        // ScopeSpans: 1 = InstrumentationScope (1 = name), 2 = repeated Span.
                        case 1:
                            Read(input.ReadBytes(), (f, i) => f == 1 && Assign(i.ReadString(), out scope));
                            return true;
                        case 2:
                            spanMessages.Add(input.ReadBytes());
                            return true;
                        default:
                            return false;
                    }
                });
                spans.AddRange(spanMessages.Select(span => Span(span, scope, service)));
            }
        }

        return spans;
    }

    private static ReceivedSpan Span(ByteString message, string scope, string service)
    {
        string traceId = "", spanId = "", parentId = "", name = "";
        var kind = 0;
        ulong start = 0;
        var status = 0;
        var attributes = new List<ByteString>();
        Read(message, (field, input) =>
        {
            // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 7 start_time_unix_nano, 9 attributes,
            // 15 status (3 = code).
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().Span); return true;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().Span); return true;
                case 4: parentId = Convert.ToHexStringLower(input.ReadBytes().Span); return true;
                case 5: name = input.ReadString(); return true;
                case 6: kind = input.ReadEnum(); return true;
                case 7: start = input.ReadFixed64(); return true;
                case 9: attributes.Add(input.ReadBytes()); return true;
                case 15: Read(input.ReadBytes(), (f, i) => f == 3 && Assign(i.ReadEnum(), out status)); return true;
                default: return false;
            }
        });
        return new ReceivedSpan(traceId, spanId, parentId, name, (ReceivedSpanKind)kind, scope, service, start, status, Attributes(attributes));
    }

    // KeyValue: 1 key, 2 AnyValue (1 string, 2 bool, 3 int64, 4 double; arrays and maps are not needed here).
    private static Dictionary<string, string> Attributes(IEnumerable<ByteString> keyValues)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            string key = "", value = "";
            Read(keyValue, (field, input) =>
            {
                switch (field)
                {
                    case 1:
                        key = input.ReadString();
                        return true;
                    case 2:
                        Read(input.ReadBytes(), (f, i) => f switch
                        {
                            1 => Assign(i.ReadString(), out value),
                            2 => Assign(i.ReadBool() ? "true" : "false", out value),
                            3 => Assign(i.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), out value),
                            4 => Assign(i.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture), out value),
                            _ => false,
                        });
                        return true;
                    default:
                        return false;
                }
            });
            attributes[key] = value;
        }

        return attributes;
    }

    private static IEnumerable<ByteString> Messages(byte[] message, int field) => Messages(ByteString.CopyFrom(message), field);

    private static List<ByteString> Messages(ByteString message, int field)
    {
        var found = new List<ByteString>();
        Read(message, (f, input) => f == field && Assign(input.ReadBytes(), found));
        return found;
    }

    /// <summary>Calls <paramref name="onField"/> per field; a field it does not read (returns false) is skipped.</summary>
    private static void Read(ByteString message, Func<int, CodedInputStream, bool> onField)
    {
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!onField(WireFormat.GetTagFieldNumber(tag), input))
            {
                input.SkipLastField();
            }
        }
    }

    private static bool Assign<T>(T value, out T target)
    {
        target = value;
        return true;
    }

    private static bool Assign(ByteString value, List<ByteString> list)
    {
        list.Add(value);
        return true;
    }
}
