using System.Text;
using Todo.EndToEnd.Tests.Infrastructure;

namespace Todo.EndToEnd.Tests.Telemetry;

/// <summary>
/// The spans of one trace, the parent/child steps between them, and the service each hop ran in. The service is read
/// from where a span ran (the port of its server span, the source that made it), not from the exporter's resource:
/// the apps share this process, so each of their exporters sends every span (see <see cref="OtlpTraceReceiver"/>).
/// </summary>
internal sealed class TraceTree(OtlpTraceReceiver receiver, string traceId, IReadOnlyDictionary<int, string> serviceByPort)
{
    public IReadOnlyList<ReceivedSpan> Spans { get; private set; } = receiver.Trace(traceId);

    public TraceTree Refresh()
    {
        Spans = receiver.Trace(traceId);
        return this;
    }

    public IEnumerable<ReceivedSpan> Children(ReceivedSpan parent) => Spans.Where(s => s.ParentSpanId == parent.SpanId);

    public ReceivedSpan? Parent(ReceivedSpan child) => Spans.FirstOrDefault(s => s.SpanId == child.ParentSpanId);

    public ReceivedSpan Child(ReceivedSpan parent, Func<ReceivedSpan, bool> match, string what) =>
        Children(parent).FirstOrDefault(match) ?? throw Missing(what, parent);

    public ReceivedSpan Descendant(ReceivedSpan ancestor, Func<ReceivedSpan, bool> match, string what)
    {
        var pending = new Queue<ReceivedSpan>(Children(ancestor));
        while (pending.TryDequeue(out var span))
        {
            if (match(span))
            {
                return span;
            }

            foreach (var child in Children(span))
            {
                pending.Enqueue(child);
            }
        }

        throw Missing(what, ancestor);
    }

    /// <summary>
    /// The app (or sidecar) a span ran in: a server span by its port; Blazor's and the web's own spans in todo-web; a
    /// pub/sub delivery in the sidecar of the app it delivers to, as daprd's subscriber side makes it; a client span in
    /// the service of its parent.
    /// </summary>
    public string ServiceOf(ReceivedSpan span)
    {
        if (span.Kind == ReceivedSpanKind.Server && int.TryParse(span["server.port"], out var port))
        {
            return serviceByPort.GetValueOrDefault(port, $"port {port}");
        }

        if (span.Scope.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) || span.Scope == "Todo.Web")
        {
            return Contracts.DaprNames.WebAppId;
        }

        if (span.Scope == Todo.DaprEmulator.Hosting.DaprEmulatorHost.ActivitySourceName)
        {
            return Children(span).FirstOrDefault() is { } delivered ? $"{ServiceOf(delivered)} sidecar" : "sidecar";
        }

        return Parent(span) is { } parent ? ServiceOf(parent) : "?";
    }

    public string Print()
    {
        var text = new StringBuilder($"trace {traceId}, {Spans.Count} spans\n");
        var ids = Spans.Select(s => s.SpanId).ToHashSet();
        foreach (var root in Spans.Where(s => !ids.Contains(s.ParentSpanId)))
        {
            Print(root, 0, text);
        }

        return text.ToString();
    }

    private void Print(ReceivedSpan span, int depth, StringBuilder text)
    {
        var where = span["url.full"] ?? span["url.path"] ?? span["grpc.method"];
        text.Append(' ', depth * 2).Append($"{ServiceOf(span)}: {span.Kind} {Shorten(span.Name)} [{span.Scope}]")
            .AppendLine(where is null || span.Name.Contains(where, StringComparison.Ordinal) ? "" : $"  {where}");
        foreach (var child in Children(span))
        {
            Print(child, depth + 1, text);
        }
    }

    // Blazor names a generic component by its full CLR name; the assembly-qualified argument only hides the handler.
    private static string Shorten(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"`1\[\[([^,\]]+)[^\]]*\]\]", "<$1>");

    private Exception Missing(string what, ReceivedSpan under) =>
        new Xunit.Sdk.XunitException($"No span for {what} under {under}\n{Print()}\n{string.Join("\n", Spans.Select(s => $"{s} {string.Join(", ", s.Attributes.Select(a => $"{a.Key}={a.Value}"))}"))}");
}
