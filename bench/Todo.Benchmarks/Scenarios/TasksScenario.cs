using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.IdentityModel.Tokens;
using Todo.Benchmarks.Measurement;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;
using Todo.Testing;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// The tasks API under a realistic list size: one user with 1,000 tasks in a SQLite state store behind the emulator,
/// every call going caller → sidecar → todo-backend (as todo-web calls it). Measures list (all 1,000), list with a
/// filter and a search, create and update, each closed-loop one request at a time.
/// </summary>
internal sealed class TasksScenario : IScenario
{
    private const int TaskCount = 1_000;
    private const double TargetListP99 = 50;
    private const double TargetCreateP99 = 20;
    private const double TargetOpenListP50 = 8;
    private const double TargetOpenListP99 = 20;

    public string Name => "tasks";

    public string Description => "tasks API with 1,000 tasks: list / filtered list / create / update through the sidecar";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        using var folder = new TempResources();
        return await RunInAsync(folder.Directory, options, report);
    }

    private static async Task<int> RunInAsync(string folder, BenchOptions options, TextWriter report)
    {
        await using var stack = await SignedInBackend.StartAsync(folder);
        var (http, direct, key, backendSidecar) = (stack.ViaSidecar, stack.Direct, stack.Key, stack.Sidecar);

        report.WriteLine($"seeding {TaskCount:N0} tasks ...");
        var seeding = Stopwatch.StartNew();
        var ids = await SeedAsync(http);
        seeding.Stop();
        var iterations = Math.Max(50, (int)options.Duration.TotalSeconds * 10);
        report.WriteLine($"measuring {iterations} requests per operation ...");
        var list = await MeasureAsync("list all (1,000)", iterations, _ => http.GetAsync("api/tasks?status=all&limit=1000"));
        // The same call straight to the app (direct), to show what the sidecar hop costs for a large response.
        var listDirect = await MeasureAsync("list all, no sidecar", iterations, _ => direct.GetAsync("api/tasks?status=all&limit=1000"));
        var listOpen = await MeasureAsync("list open (1,000)", iterations, _ => http.GetAsync("api/tasks?status=open&limit=1000"));
        var listOpenDirect = await MeasureAsync("list open, no sidecar", iterations, _ => direct.GetAsync("api/tasks?status=open&limit=1000"));
        var filtered = await MeasureAsync("list filter+search", iterations, _ => http.GetAsync("api/tasks?priority=high&tag=work&q=report"));
        var create = await MeasureAsync("create", iterations, i => http.PostAsJsonAsync("api/tasks",
            new CreateTaskRequest($"bench task {i}", Tags: ["bench"]), TodoJson.Options));
        var update = await MeasureAsync("update", iterations, i => http.PatchAsync($"api/tasks/{ids[i % ids.Count]}",
            JsonContent.Create(new { title = $"renamed {i}" })));

        var met = list.Percentile(99) <= TargetListP99 && create.Percentile(99) <= TargetCreateP99 &&
                  list.Errors + listDirect.Errors + filtered.Errors + create.Errors + update.Errors == 0;
        report.WriteLine();
        report.WriteLine("scenario tasks: 1 user, 1,000 tasks, state.sqlite, caller → emulator sidecar → todo-backend (real Kestrel)");
        report.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Machine.LoadAverage()}; " +
            $"seeding took {seeding.Elapsed.TotalSeconds:F1} s");
        report.WriteLine();
        var table = new TableWriter("operation", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms");
        foreach (var recorder in new[] { list, listDirect, listOpen, listOpenDirect, filtered, create, update })
        {
            table.Row(recorder.Name, recorder.Count.ToString(CultureInfo.InvariantCulture), recorder.Errors.ToString(CultureInfo.InvariantCulture),
                Ms(recorder.Percentile(50)), Ms(recorder.Percentile(90)), Ms(recorder.Percentile(99)), Ms(recorder.Max));
        }

        table.WriteTo(report);
        report.WriteLine();
        report.WriteLine($"target: list of 1,000 p99 ≤ {TargetListP99} ms, create p99 ≤ {TargetCreateP99} ms → {(met ? "MET" : "NOT MET")}");
        var openMet = listOpen.Percentile(50) <= TargetOpenListP50 && listOpen.Percentile(99) <= TargetOpenListP99;
        report.WriteLine($"target: list of 1,000 open p50 ≤ {TargetOpenListP50} ms, p99 ≤ {TargetOpenListP99} ms → {(openMet ? "MET" : "NOT MET")}");

        var yearsMet = await YearsOfUseBench.RunAsync(http.BaseAddress!, stack.App.ClientOptions.BaseAddress, backendSidecar.GrpcEndpoint.ToString(), key, iterations, report);
        report.WriteLine($"machine: load average {Machine.LoadAverage()} at the end");
        return met && openMet && yearsMet ? 0 : 1;
    }

    internal static async Task<LatencyRecorder> MeasureAsync(string name, int iterations, Func<int, Task<HttpResponseMessage>> call)
    {
        var recorder = new LatencyRecorder(name);
        for (var i = 0; i < iterations / 5; i++)
        {
            using var warmup = await call(i);
        }

        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await call(i);
            await response.Content.LoadIntoBufferAsync();
            var end = Stopwatch.GetTimestamp();
            if (response.IsSuccessStatusCode)
            {
                recorder.Record(start, end);
            }
            else
            {
                recorder.RecordError();
            }
        }

        return recorder;
    }

    internal static async Task<List<string>> SeedAsync(HttpClient http)
    {
        var ids = new List<string>();
        string[] words = ["report", "call", "buy", "plan", "review", "fix", "email", "book"];
        string[][] tags = [["work"], ["home"], ["work", "urgent"], []];
        TaskPriority[] priorities = [TaskPriority.None, TaskPriority.Low, TaskPriority.Medium, TaskPriority.High];
        for (var batch = 0; batch < TaskCount; batch += 8)
        {
            var created = await Task.WhenAll(Enumerable.Range(batch, Math.Min(8, TaskCount - batch)).Select(async i =>
            {
                var request = new CreateTaskRequest($"{words[i % words.Length]} item {i}", Priority: priorities[i % 4], Tags: tags[i % 4],
                    Due: i % 3 == 0 ? null : new DueDto(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i % 30)));
                using var response = await http.PostAsJsonAsync("api/tasks", request, TodoJson.Options);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<TaskDto>(TodoJson.Options))!.Id;
            }));
            ids.AddRange(created);
        }

        return ids;
    }

    internal static async Task<UserProfile> RegisterAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("api/accounts/register", new RegisterRequest($"bench{Guid.NewGuid():N}"[..20], "bench password"), TodoJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UserProfile>(TodoJson.Options))!;
    }

    internal static void WriteComponents(string folder, SymmetricSecurityKey key)
    {
        BenchFiles.WriteStores(folder, key);
        File.WriteAllText(Path.Combine(folder, "pubsub.yaml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.in-memory
              version: v1
              metadata: []
            """);
    }

    private static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
