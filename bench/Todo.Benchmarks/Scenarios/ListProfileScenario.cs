using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Todo.Backend.Features.Tasks;
using Todo.Benchmarks.Measurement;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Todo.Testing;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Where the time of the tasks page's list goes (issue 12, target 5: list of 1,000 open tasks through the sidecar,
/// p50 ≤ 8 ms, p99 ≤ 20 ms). One user with 1,000 open tasks in SQLite, as in <c>tasks</c>; each part measured alone,
/// interleaved round by round so load changes hit every part alike: the whole call through the sidecar, the same call
/// straight to the app, the state reads the backend makes for it (its account, then its sidebar beside its Inbox
/// index, then the tasks in bulk reads of <see cref="TaskStore.BulkReadKeys"/> keys, <see cref="TaskStore.ParallelBulkReads"/> at a time, as <c>TaskStore</c>
/// does) through the backend's sidecar over gRPC, the same task reads in other shapes (raw gRPC without JSON, more at
/// once, one big read), the JSON of the 1,000 stored documents read into <see cref="TaskRecord"/> in this process, and
/// the JSON of the answer written once more. What is left is the app's own work (auth, mapping, sorting, Kestrel) and
/// the sidecar's invoke hop.
/// </summary>
internal sealed class ListProfileScenario : IScenario
{
    private const int Rounds = 200;
    private const int BulkKeys = TaskStore.BulkReadKeys;
    private const int ParallelBulkReads = TaskStore.ParallelBulkReads;

    public string Name => "list-profile";

    public string Description => "where the time of a list of 1,000 open tasks goes: sidecar hop, state reads, JSON, the rest";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        using var folder = new TempResources();
        await using var stack = await SignedInBackend.StartAsync(folder.Directory);
        var (http, direct, user, backendSidecar) = (stack.ViaSidecar, stack.Direct, stack.User, stack.Sidecar);
        report.WriteLine("seeding 1,000 tasks ...");
        await TasksScenario.SeedAsync(http);

        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(backendSidecar.GrpcEndpoint.ToString()).UseJsonSerializationOptions(TodoJson.Options).Build();
        var page = (await direct.GetFromJsonAsync<TaskPage>("api/tasks?status=open&limit=1000", TodoJson.Options))!;
        var ids = page.Items.Select(t => t.Id).ToList();
        var bodyBytes = JsonSerializer.SerializeToUtf8Bytes(page, TodoJson.Options).Length;
        using var channel = GrpcChannel.ForAddress(backendSidecar.GrpcEndpoint);
        var raw = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);
        var documents = (await dapr.GetBulkStateAsync(DaprNames.StateStore, ids.Select(id => $"task-{user.UserId}-{id}").ToList(), parallelism: 8))
            .Select(item => Encoding.UTF8.GetBytes(item.Value)).ToList();

        var viaSidecar = new LatencyRecorder("whole call through the sidecar");
        var straight = new LatencyRecorder("whole call straight to the app");
        var calls = (ids.Count + BulkKeys - 1) / BulkKeys;
        var state = new LatencyRecorder($"state reads (account; sidebar beside index; {calls} bulk reads, {ParallelBulkReads} at a time)");
        var json = new LatencyRecorder("JSON of the answer, written (in process)");
        var jsonIn = new LatencyRecorder($"JSON of the {documents.Count:N0} stored tasks, read (in process)");
        var jsonInGenerated = new LatencyRecorder("  the same with source-generated metadata");
        var jsonGenerated = new LatencyRecorder("JSON of the answer, written with source-generated metadata");
        // The same task reads in other shapes, to see whether TaskStore's shape is the cheap one and what JSON costs in it.
        var tasksOnly = new LatencyRecorder($"  the tasks in {calls} bulk reads, {ParallelBulkReads} at a time (TaskStore)");
        var rawOnly = new LatencyRecorder("  the same over raw gRPC, no JSON");
        var sqlite = new LatencyRecorder($"  the store's own work: {calls} SQLite IN queries, {ParallelBulkReads} at a time");
        var rawOne = new LatencyRecorder("  raw, one bulk read of 1,000 keys");
        var fourAtOnce = new LatencyRecorder($"  the tasks in {calls} bulk reads, 4 at a time (before)");
        var allAtOnce = new LatencyRecorder($"  the tasks in {calls} bulk reads, all at once");
        var oneBulk = new LatencyRecorder("  the tasks in one bulk read of 1,000 keys");
        report.WriteLine($"measuring {Rounds} rounds (after {Rounds / 5} of warm-up) ...");
        for (var round = -Rounds / 5; round < Rounds; round++)
        {
            var measured = round >= 0;
            await TimeAsync(measured ? viaSidecar : null, async () => await (await http.GetAsync("api/tasks?status=open&limit=1000")).Content.LoadIntoBufferAsync());
            await TimeAsync(measured ? straight : null, async () => await (await direct.GetAsync("api/tasks?status=open&limit=1000")).Content.LoadIntoBufferAsync());
            await TimeAsync(measured ? state : null, () => ReadStateAsync(dapr, user.UserId, ids));
            await TimeAsync(measured ? json : null, () => JsonSerializer.SerializeAsync(Stream.Null, page, TodoJson.Options));
            await TimeAsync(measured ? jsonIn : null, () => ReadDocuments(documents, TodoJson.Options));
            await TimeAsync(measured ? jsonInGenerated : null, () => ReadDocuments(documents, GeneratedTaskJson.Options));
            await TimeAsync(measured ? jsonGenerated : null, () => JsonSerializer.SerializeAsync(Stream.Null, page, GeneratedTaskJson.Options));
            await TimeAsync(measured ? tasksOnly : null, () => ReadTasksAsync(dapr, user.UserId, ids, BulkKeys, ParallelBulkReads));
            await TimeAsync(measured ? rawOnly : null, () => ReadRawAsync(raw, user.UserId, ids, BulkKeys, ParallelBulkReads));
            await TimeAsync(measured ? sqlite : null, () => ReadSqliteAsync(Path.Combine(folder.Directory, "bench.db"), user.UserId, ids, BulkKeys, ParallelBulkReads));
            await TimeAsync(measured ? rawOne : null, () => ReadRawAsync(raw, user.UserId, ids, ids.Count, 1));
            await TimeAsync(measured ? fourAtOnce : null, () => ReadTasksAsync(dapr, user.UserId, ids, BulkKeys, 4));
            await TimeAsync(measured ? allAtOnce : null, () => ReadTasksAsync(dapr, user.UserId, ids, BulkKeys, calls));
            await TimeAsync(measured ? oneBulk : null, () => ReadTasksAsync(dapr, user.UserId, ids, ids.Count, 1));
        }

        report.WriteLine();
        report.WriteLine($"scenario list-profile: 1 user, {ids.Count:N0} open tasks, state.sqlite, response {bodyBytes / 1024.0:F0} KB of JSON; " +
            $"load average {Machine.LoadAverage()}");
        var table = new TableWriter("part", "p50 ms", "p90 ms", "p99 ms");
        foreach (var recorder in new[] { viaSidecar, straight, state, tasksOnly, rawOnly, sqlite, rawOne, fourAtOnce, allAtOnce, oneBulk, jsonIn, jsonInGenerated, json, jsonGenerated })
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

    /// <summary>
    /// The backend's reads for the tasks page, in its order and parallelism (AccountStore in authentication, then
    /// ProjectStore's sidebar beside TaskStore's Inbox index, then TaskStore's bulk reads).
    /// </summary>
    private static async Task ReadStateAsync(DaprClient dapr, string userId, IReadOnlyList<string> ids)
    {
        await dapr.GetStateAsync<JsonElement?>(DaprNames.StateStore, $"user-{userId}");
        await Task.WhenAll(
            dapr.GetStateAsync<JsonElement?>(DaprNames.StateStore, $"projects-{userId}"),
            dapr.GetStateAndETagAsync<JsonElement?>(DaprNames.StateStore, $"tasks-{userId}"));
        await ReadTasksAsync(dapr, userId, ids, BulkKeys, ParallelBulkReads);
    }

    private static Task ReadTasksAsync(DaprClient dapr, string userId, IReadOnlyList<string> ids, int keysPerCall, int callsAtOnce) =>
        Parallel.ForEachAsync(ids.Chunk(keysPerCall), new ParallelOptions { MaxDegreeOfParallelism = callsAtOnce }, async (chunk, token) =>
            await dapr.GetBulkStateAsync<TaskRecord?>(DaprNames.StateStore, chunk.Select(id => $"task-{userId}-{id}").ToList(), parallelism: 8, cancellationToken: token));

    /// <summary>The same bulk reads on the generated gRPC client: what the sidecar and the transfer cost without the JSON.</summary>
    private static Task ReadRawAsync(Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient raw, string userId, IReadOnlyList<string> ids, int keysPerCall, int callsAtOnce) =>
        Parallel.ForEachAsync(ids.Chunk(keysPerCall), new ParallelOptions { MaxDegreeOfParallelism = callsAtOnce }, async (chunk, token) =>
        {
            var request = new GetBulkStateRequest { StoreName = DaprNames.StateStore, Parallelism = 8 };
            request.Keys.AddRange(chunk.Select(id => $"task-{userId}-{id}"));
            await raw.GetBulkStateAsync(request, cancellationToken: token);
        });

    /// <summary>
    /// The store's part of the same reads: one <c>key IN (…)</c> query per bulk read, as the emulator's state.sqlite and
    /// daprd's do (components-contrib state/sqlite/sqlite_dbaccess.go BulkGet; daprd v1.18.3 pkg/api/grpc/grpc.go
    /// GetBulkState makes one store.BulkGet call per request), on a pooled connection to the same file.
    /// </summary>
    private static Task ReadSqliteAsync(string file, string userId, IReadOnlyList<string> ids, int keysPerCall, int callsAtOnce) =>
        Parallel.ForEachAsync(ids.Chunk(keysPerCall), new ParallelOptions { MaxDegreeOfParallelism = callsAtOnce }, async (chunk, token) =>
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString());
            await connection.OpenAsync(token);
            await using var command = connection.CreateCommand();
            var names = chunk.Select((id, i) =>
            {
                command.Parameters.AddWithValue($"$k{i}", $"{DaprNames.BackendAppId}||task-{userId}-{id}");
                return $"$k{i}";
            }).ToList();
            command.CommandText = "SELECT key, value, is_binary, etag, expiration_time FROM state WHERE key IN (" + string.Join(',', names) +
                ") AND (expiration_time IS NULL OR expiration_time > strftime('%Y-%m-%d %H:%M:%f', 'now'))";
            await using var reader = await command.ExecuteReaderAsync(token);
            var rows = 0;
            while (await reader.ReadAsync(token))
            {
                _ = reader.GetFieldValue<byte[]>(1);
                rows++;
            }

            if (rows != chunk.Length)
            {
                throw new InvalidOperationException($"the SQLite read found {rows} of {chunk.Length} tasks (key layout changed?)");
            }
        });

    /// <summary>The stored documents read into the backend's record with the options its DaprClient uses.</summary>
    private static Task ReadDocuments(List<byte[]> documents, JsonSerializerOptions options)
    {
        foreach (var document in documents)
        {
            JsonSerializer.Deserialize<TaskRecord>(document, options);
        }

        return Task.CompletedTask;
    }

    private static async Task TimeAsync(LatencyRecorder? recorder, Func<Task> part)
    {
        var start = Stopwatch.GetTimestamp();
        await part();
        recorder?.Record(start, Stopwatch.GetTimestamp());
    }

    private static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
