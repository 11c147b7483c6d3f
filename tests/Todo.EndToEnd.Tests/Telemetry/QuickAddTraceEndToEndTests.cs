using System.Text;
using Microsoft.Playwright;
using Todo.Contracts;
using Todo.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Todo.EndToEnd.Tests.Telemetry;

/// <summary>
/// One quick add followed by its trace, from the key press in one tab to the live update in another: every hop is a
/// span the apps (and the sidecars, as daprd would) export over OTLP, and each is the child of the hop before it.
/// </summary>
public sealed class QuickAddTraceEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private const string ComponentsScope = "Microsoft.AspNetCore.Components";

    [Fact]
    public async Task AQuickAddIsOneTraceFromTheKeyPressToTheLiveUpdateInTheSecondTab()
    {
        await using var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebAddress.ToString() });
        var tabA = await context.NewPageAsync();
        await BrowserSteps.RegisterAsync(tabA);
        var tabB = await context.NewPageAsync();
        await tabB.GotoAsync("/");
        await BrowserSteps.WaitForTasksAsync(tabB);

        var title = $"Traced {Guid.NewGuid():N}"[..20];
        await BrowserSteps.AddAsync(tabA, title);
        await Expect(tabB.Locator(".task-row", new PageLocatorOptions { HasText = title })).ToBeVisibleAsync();

        // The key press that added the task: Blazor's HandleEvent span of QuickAddBar's key handler.
        var press = await Poll.UntilAsync(
            () => Task.FromResult(stack.Traces.Spans.LastOrDefault(s => s.Scope == ComponentsScope && Mentions(s, "QuickAddBar") && Mentions(s, "KeyDown"))),
            span => span is not null, "todo-web exported the HandleEvent span of the quick add's Enter");
        var trace = new TraceTree(stack.Traces, press!.TraceId);

        // Two live pushes (tab A's circuit and tab B's) end the trace; the exporters send in batches, so wait for them.
        await Poll.UntilAsync(() => trace.Refresh().Spans.Count(IsLivePush) >= 2, "both circuits' live pushes were exported");
        output.WriteLine(trace.Print());

        var webSidecar = stack.Emulator[DaprNames.WebAppId].HttpEndpoint.Port;
        var backendSidecar = stack.Emulator[DaprNames.BackendAppId];
        var webPort = stack.WebAddress.Port;

        // todo-web → its sidecar: the invoke call is made inside the event handler's span.
        var invoke = trace.Descendant(press, s => s.Kind == ReceivedSpanKind.Client && (s["url.full"] ?? "").Contains("/v1.0/invoke/todo-backend/method/api/tasks"),
            "web's call to its sidecar, POST /v1.0/invoke/todo-backend/method/api/tasks");
        var webSidecarSpan = trace.Child(invoke, s => s.Kind == ReceivedSpanKind.Server && s["server.port"] == $"{webSidecar}", "the web sidecar's server span");
        // The sidecar → todo-backend: the backend continues the sidecar's span (daprd mints its own hop).
        var create = trace.Child(webSidecarSpan, s => s.Kind == ReceivedSpanKind.Server && s["url.path"] == "/api/tasks", "todo-backend's POST /api/tasks");
        // todo-backend publishes the CloudEvent on task-events through its sidecar, inside the request.
        var publish = trace.Descendant(create, s => s.Kind == ReceivedSpanKind.Client && Mentions(s, "publish", StringComparison.OrdinalIgnoreCase) && Mentions(s, DaprNames.TaskEventsTopic),
            "the backend's publish to task-events");
        var publishSidecar = trace.Child(publish, s => s.Kind == ReceivedSpanKind.Server, "the backend sidecar's publish span");
        // The sidecar delivers to todo-web's subscription: its delivery span continues the CloudEvent's traceparent.
        var deliveries = trace.Children(publishSidecar).Where(s => s.Scope == Todo.DaprEmulator.Hosting.DaprEmulatorHost.ActivitySourceName && s.Name == $"pubsub/{DaprNames.TaskEventsTopic}").ToList();
        Assert.NotEmpty(deliveries);
        var delivered = deliveries.SelectMany(trace.Children)
            .SingleOrDefault(s => s.Kind == ReceivedSpanKind.Server && s["url.path"] == "/events/task-events" && s["server.port"] == $"{webPort}");
        Assert.True(delivered is not null, $"todo-web's POST /events/task-events under a delivery span\n{trace.Print()}");
        // …and pushes the change to both circuits of the user: tab A's and tab B's.
        var pushes = trace.Children(delivered).Where(IsLivePush).ToList();
        Assert.Equal(2, pushes.Count);
        Assert.All(pushes, push => Assert.NotEqual(2, push.StatusCode));
        Assert.All(trace.Spans, span => Assert.Equal(press.TraceId, span.TraceId));
    }

    private static bool IsLivePush(ReceivedSpan span) => span.Scope == "Todo.Web" && span.Name == "live push TaskChanged";

    private static bool Mentions(ReceivedSpan span, string text, StringComparison comparison = StringComparison.Ordinal) =>
        span.Name.Contains(text, comparison) || span.Attributes.Values.Any(v => v.Contains(text, comparison));

    /// <summary>The spans of one trace and the parent/child steps between them.</summary>
    private sealed class TraceTree(OtlpTraceReceiver receiver, string traceId)
    {
        public IReadOnlyList<ReceivedSpan> Spans { get; private set; } = receiver.Trace(traceId);

        public TraceTree Refresh()
        {
            Spans = receiver.Trace(traceId);
            return this;
        }

        public IEnumerable<ReceivedSpan> Children(ReceivedSpan parent) => Spans.Where(s => s.ParentSpanId == parent.SpanId);

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
            var where = span["url.full"] ?? (span["url.path"] is { } path ? $"{span["server.port"]}{path}" : null);
            text.Append(' ', depth * 2).Append($"{span.Kind} {span.Name} [{span.Scope}]").AppendLine(where is null ? "" : $"  {where}");
            foreach (var child in Children(span))
            {
                Print(child, depth + 1, text);
            }
        }

        private Exception Missing(string what, ReceivedSpan under) =>
            new Xunit.Sdk.XunitException($"No span for {what} under {under}\n{Print()}\n{string.Join("\n", Spans.Select(s => $"{s} {string.Join(", ", s.Attributes.Select(a => $"{a.Key}={a.Value}"))}"))}");
    }
}
