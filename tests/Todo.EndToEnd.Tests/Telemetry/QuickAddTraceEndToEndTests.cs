using Microsoft.Playwright;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;
using Todo.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Todo.EndToEnd.Tests.Telemetry;

/// <summary>
/// One quick add followed by its trace, from the key press in one tab to the live update in another: every hop is a
/// span the apps (and the sidecars, as daprd would) export over OTLP, and each is the child of the hop before it.
/// </summary>
/// <remarks>
/// Alone in its collection: an ActivitySource is process-wide, so this stack's exporters also batch every span of the
/// other end-to-end stacks running in parallel, and a full export queue drops spans (the live pushes went missing in a
/// full run while the test passed alone).
/// </remarks>
[Collection(Name)]
public sealed class QuickAddTraceEndToEndTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    public const string Name = "traces, not in parallel";

    private const string ComponentsScope = "Microsoft.AspNetCore.Components";
    private const string WebSidecar = $"{DaprNames.WebAppId} sidecar";
    private const string BackendSidecar = $"{DaprNames.BackendAppId} sidecar";

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

        // The key press that added the task: Blazor's HandleEvent span of the Enter in the quick-add field (MudBlazor's
        // input receives the browser event and calls QuickAddBar's handler), the root of a new trace.
        var press = await Poll.UntilAsync(
            () => Task.FromResult(stack.Traces.Spans.Where(s => s.Scope == ComponentsScope && s.Name.StartsWith("Event onkeydown", StringComparison.Ordinal))
                .LastOrDefault(s => stack.Traces.Trace(s.TraceId).Any(IsInvokeOfCreate))),
            span => span is not null, "todo-web exported the HandleEvent span of the quick add's Enter, in the trace of the create");
        var trace = new TraceTree(stack.Traces, press!.TraceId, ServicesByPort());

        // Two live pushes (tab A's circuit and tab B's) end the trace; the exporters send in batches, so wait for them.
        await Poll.UntilAsync(() => trace.Refresh().Spans.Count(IsLivePush) >= 2, "both circuits' live pushes were exported", TimeSpan.FromSeconds(40));
        output.WriteLine(trace.Print());
        Assert.Equal("", press.ParentSpanId);
        Assert.Equal(DaprNames.WebAppId, trace.ServiceOf(press));

        // todo-web → its sidecar: the invoke call is made inside the event handler's span.
        var invoke = trace.Descendant(press, IsInvokeOfCreate, "web's call to its sidecar, POST /v1.0/invoke/todo-backend/method/api/tasks");
        Assert.Equal(DaprNames.WebAppId, trace.ServiceOf(invoke));
        var webSidecarSpan = trace.Child(invoke, s => s.Kind == ReceivedSpanKind.Server, "the web sidecar's server span");
        Assert.Equal(WebSidecar, trace.ServiceOf(webSidecarSpan));

        // The sidecar → todo-backend: the backend continues the sidecar's span (daprd mints its own hop).
        var create = trace.Child(webSidecarSpan, s => s.Kind == ReceivedSpanKind.Server && s["url.path"] == "/api/tasks", "todo-backend's POST /api/tasks");
        Assert.Equal(DaprNames.BackendAppId, trace.ServiceOf(create));

        // Inside the request, todo-backend saves the task and publishes the CloudEvent through its sidecar's gRPC API.
        SidecarCall(trace, create, "ExecuteStateTransaction", "SaveState");
        var publish = SidecarCall(trace, create, "PublishEvent");

        // The sidecar delivers to todo-web's subscription: its delivery span continues the CloudEvent's traceparent.
        var deliveries = trace.Children(publish).Where(s => s.Scope == DaprEmulatorHost.ActivitySourceName && s.Name == $"pubsub/{DaprNames.TaskEventsTopic}").ToList();
        var delivered = deliveries.SelectMany(trace.Children)
            .SingleOrDefault(s => s.Kind == ReceivedSpanKind.Server && s["url.path"] == "/events/task-events" && trace.ServiceOf(s) == DaprNames.WebAppId);
        Assert.True(delivered is not null, $"todo-web's POST /events/task-events under a delivery span of the publish\n{trace.Print()}");
        var delivery = trace.Parent(delivered)!;
        Assert.Equal(WebSidecar, trace.ServiceOf(delivery));
        Assert.Equal(DaprNames.TaskEventsTopic, delivery["messaging.destination.name"]);

        // …and pushes the change to both circuits of the user, tab A's and tab B's, each with two subscribers: its task
        // list and its projects sidebar (whose counts move with the task events).
        var pushes = trace.Children(delivered).Where(IsLivePush).ToList();
        Assert.Equal(4, pushes.Count);
        Assert.All(pushes, push => Assert.NotEqual(2, push.StatusCode));
        Assert.Equal(["0", "1", "2", "3"], pushes.Select(p => p["todo.live.subscriber"]).Order());
        Assert.All(pushes, push => Assert.EndsWith("-created", push["todo.event.id"]));
        Assert.All(trace.Spans, span => Assert.Equal(press.TraceId, span.TraceId));

        // Each app exported under its Dapr app id (APP_ID), as the sidecars name their own spans.
        Assert.Equal([DaprNames.BackendAppId, DaprNames.WebAppId], stack.Traces.Services);
    }

    /// <summary>
    /// A call of the backend to its sidecar's gRPC API under <paramref name="request"/>: grpc-dotnet's span, its HTTP/2
    /// request, and the sidecar's server span; returns the server span.
    /// </summary>
    private ReceivedSpan SidecarCall(TraceTree trace, ReceivedSpan request, params string[] methods)
    {
        var what = $"the backend's gRPC {string.Join(" or ", methods)} to its sidecar";
        var call = trace.Descendant(request, s => s.Kind == ReceivedSpanKind.Client && methods.Any(m => (s["grpc.method"] ?? "").EndsWith($"/{m}", StringComparison.Ordinal)), what);
        Assert.Equal(DaprNames.BackendAppId, trace.ServiceOf(call));
        var server = trace.Descendant(call, s => s.Kind == ReceivedSpanKind.Server, $"the sidecar's side of {what}");
        Assert.Equal(BackendSidecar, trace.ServiceOf(server));
        return server;
    }

    private Dictionary<int, string> ServicesByPort()
    {
        var web = stack.Emulator[DaprNames.WebAppId];
        var backend = stack.Emulator[DaprNames.BackendAppId];
        return new()
        {
            [stack.WebAddress.Port] = DaprNames.WebAppId,
            [stack.BackendAddress.Port] = DaprNames.BackendAppId,
            [web.HttpPort] = WebSidecar,
            [web.GrpcPort] = WebSidecar,
            [backend.HttpPort] = BackendSidecar,
            [backend.GrpcPort] = BackendSidecar,
        };
    }

    private static bool IsInvokeOfCreate(ReceivedSpan span) =>
        span.Kind == ReceivedSpanKind.Client && (span["url.full"] ?? "").EndsWith("/v1.0/invoke/todo-backend/method/api/tasks", StringComparison.Ordinal);

    private static bool IsLivePush(ReceivedSpan span) => span.Scope == "Todo.Web" && span.Name == "live push TaskChanged";
}

[CollectionDefinition(QuickAddTraceEndToEndTests.Name, DisableParallelization = true)]
public sealed class TraceCollection;
