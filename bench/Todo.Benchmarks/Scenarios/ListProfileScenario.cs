using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using Todo.Benchmarks.Measurement;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Todo.Testing;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Where the time of the tasks page's list goes (issue 12, target 5: list of 1,000 open tasks through the sidecar,
/// p50 ≤ 8 ms, p99 ≤ 20 ms). One user with 1,000 open tasks in SQLite, as in <c>tasks</c>; each part measured alone,
/// interleaved round by round so load changes hit every part alike: the whole call through the sidecar, the same call
/// straight to the app, the state reads the backend makes for it (its account, its sidebar, its index, then the tasks
/// in bulk reads of 128 keys, 4 at a time, as <c>TaskStore</c> does) through the backend's sidecar over gRPC, and the
/// JSON of the 1,000 tasks written once more in this process. What is left is the app's own work (auth, mapping,
/// sorting, Kestrel) and the sidecar's invoke hop.
/// </summary>
internal sealed class ListProfileScenario : IScenario
{
    private const int Rounds = 200;
    private const int BulkKeys = 128;
    private const int ParallelBulkReads = 4;

    public string Name => "list-profile";

    public string Description => "where the time of a list of 1,000 open tasks goes: sidecar hop, state reads, JSON, the rest";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        using var folder = new TempResources();
        await using var stack = await SignedInBackend.StartAsync(folder.Directory);
        var (http, direct, user, backendSidecar) = (stack.ViaSidecar, stack.Direct, stack.User, stack.Sidecar);
        report.WriteLine("seeding 1,000 tasks ...");
        await TasksScenario.SeedAsync(http);

        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(backendSidecar.GrpcEndpoint.ToString()).Build();
        var page = (await direct.GetFromJsonAsync<TaskPage>("api/tasks?status=open&limit=1000", TodoJson.Options))!;
        var ids = page.Items.Select(t => t.Id).ToList();
        var bodyBytes = JsonSerializer.SerializeToUtf8Bytes(page, TodoJson.Options).Length;

        var viaSidecar = new LatencyRecorder("whole call through the sidecar");
        var straight = new LatencyRecorder("whole call straight to the app");
        var state = new LatencyRecorder("state reads (account, sidebar, index, 8 bulk reads)");
        var json = new LatencyRecorder("JSON of the page (in process)");
        // The same task reads in other shapes, to see whether TaskStore's 128 keys × 4 at a time is the cheap one.
        var oneBulk = new LatencyRecorder("  the tasks in one bulk read of 1,000 keys");
        var sequential = new LatencyRecorder("  the tasks in 8 bulk reads one at a time");
        var tasksOnly = new LatencyRecorder("  the tasks in 8 bulk reads, 4 at a time (TaskStore)");
        report.WriteLine($"measuring {Rounds} rounds (after {Rounds / 5} of warm-up) ...");
        for (var round = -Rounds / 5; round < Rounds; round++)
        {
            var measured = round >= 0;
            await TimeAsync(measured ? viaSidecar : null, async () => await (await http.GetAsync("api/tasks?status=open&limit=1000")).Content.LoadIntoBufferAsync());
            await TimeAsync(measured ? straight : null, async () => await (await direct.GetAsync("api/tasks?status=open&limit=1000")).Content.LoadIntoBufferAsync());
            await TimeAsync(measured ? state : null, () => ReadStateAsync(dapr, user.UserId, ids));
            await TimeAsync(measured ? json : null, () => JsonSerializer.SerializeAsync(Stream.Null, page, TodoJson.Options));
            await TimeAsync(measured ? tasksOnly : null, () => ReadTasksAsync(dapr, user.UserId, ids, BulkKeys, ParallelBulkReads));
            await TimeAsync(measured ? oneBulk : null, () => ReadTasksAsync(dapr, user.UserId, ids, ids.Count, 1));
            await TimeAsync(measured ? sequential : null, () => ReadTasksAsync(dapr, user.UserId, ids, BulkKeys, 1));
        }

        report.WriteLine();
        report.WriteLine($"scenario list-profile: 1 user, {ids.Count:N0} open tasks, state.sqlite, response {bodyBytes / 1024.0:F0} KB of JSON; " +
            $"load average {Machine.LoadAverage()}");
        var table = new TableWriter("part", "p50 ms", "p90 ms", "p99 ms");
        foreach (var recorder in new[] { viaSidecar, straight, state, tasksOnly, oneBulk, sequential, json })
        {
            table.Row(recorder.Name, Ms(recorder.Percentile(50)), Ms(recorder.Percentile(90)), Ms(recorder.Percentile(99)));
        }

        table.Row("→ the sidecar's invoke hop (through − straight)", Ms(viaSidecar.Percentile(50) - straight.Percentile(50)), "", "");
        table.Row("→ the app's own work (straight − state − JSON)",
            Ms(straight.Percentile(50) - state.Percentile(50) - json.Percentile(50)), "", "");
        table.WriteTo(report);
        var met = viaSidecar.Percentile(50) <= 8 && viaSidecar.Percentile(99) <= 20;
        report.WriteLine();
        report.WriteLine($"target 5: list of 1,000 open through the sidecar p50 ≤ 8 ms, p99 ≤ 20 ms → {(met ? "MET" : "NOT MET")}");
        return met ? 0 : 1;
    }

    /// <summary>The backend's reads for the tasks page, in its order and parallelism (TaskStore, ProjectStore, AccountStore).</summary>
    private static async Task ReadStateAsync(DaprClient dapr, string userId, IReadOnlyList<string> ids)
    {
        await dapr.GetStateAsync<JsonElement?>(DaprNames.StateStore, $"user-{userId}");
        await dapr.GetStateAsync<JsonElement?>(DaprNames.StateStore, $"projects-{userId}");
        await dapr.GetStateAndETagAsync<JsonElement?>(DaprNames.StateStore, $"tasks-{userId}");
        await ReadTasksAsync(dapr, userId, ids, BulkKeys, ParallelBulkReads);
    }

    private static Task ReadTasksAsync(DaprClient dapr, string userId, IReadOnlyList<string> ids, int keysPerCall, int callsAtOnce) =>
        Parallel.ForEachAsync(ids.Chunk(keysPerCall), new ParallelOptions { MaxDegreeOfParallelism = callsAtOnce }, async (chunk, token) =>
            await dapr.GetBulkStateAsync<JsonElement?>(DaprNames.StateStore, chunk.Select(id => $"task-{userId}-{id}").ToList(), parallelism: 8, cancellationToken: token));

    private static async Task TimeAsync(LatencyRecorder? recorder, Func<Task> part)
    {
        var start = Stopwatch.GetTimestamp();
        await part();
        recorder?.Record(start, Stopwatch.GetTimestamp());
    }

    private static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
