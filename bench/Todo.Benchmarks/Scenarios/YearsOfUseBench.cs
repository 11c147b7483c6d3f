using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapr.Client;
using Microsoft.IdentityModel.Tokens;
using Todo.Benchmarks.Measurement;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Todo.ServiceDefaults.Auth;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Part of the <c>tasks</c> scenario (issue 12, target 4): users who kept 100, 1,000 and 10,000 tasks, nine in ten of
/// them completed. Their tasks are written straight into the backend's state in the format stored before ADR 0010 (one
/// index of every task id), so the first read also measures the lazy migration. Then, per user: the tasks page (every
/// open task), the web's own list call, create, update and complete, and the completed tasks browsed and searched.
/// </summary>
internal static class YearsOfUseBench
{
    public const double TargetPageP99 = 25;
    public const double TargetWriteP99 = 10;
    private static readonly int[] Sizes = [100, 1_000, 10_000];

    public static async Task<bool> RunAsync(Uri callerBase, Uri directBase, string backendGrpc, SymmetricSecurityKey key, int iterations, TextWriter report)
    {
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(backendGrpc).UseJsonSerializationOptions(TodoJson.Options).Build();
        var table = new TableWriter("tasks (open)", "operation", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms");
        var migrations = new List<string>();
        var met = true;
        foreach (var size in Sizes)
        {
            using var http = new HttpClient { BaseAddress = callerBase };
            var user = await TasksScenario.RegisterAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                UserTokenIssuer.Issue(key, user.UserId, user.Username, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            using var direct = new HttpClient { BaseAddress = directBase };
            direct.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
            var openIds = await SeedOldFormatAsync(dapr, user.UserId, size);

            var migration = Stopwatch.StartNew();
            using (var first = await http.GetAsync("api/tasks?status=open&limit=1"))
            {
                first.EnsureSuccessStatusCode();
            }

            migrations.Add($"{size:N0} tasks: first read (migration) {migration.Elapsed.TotalMilliseconds:F0} ms");
            var created = new List<string>();
            var label = $"{size:N0} ({size / 10:N0})";
            var page = await TasksScenario.MeasureAsync("tasks page (all open)", iterations, _ => http.GetAsync("api/tasks?status=open&limit=1000"));
            var pageDirect = await TasksScenario.MeasureAsync("tasks page, no sidecar", iterations, _ => direct.GetAsync("api/tasks?status=open&limit=1000"));
            var web = await TasksScenario.MeasureAsync("web's list (status=all, 500)", iterations, _ => http.GetAsync("api/tasks?status=all&limit=500"));
            var create = await TasksScenario.MeasureAsync("create", iterations, async i =>
            {
                var response = await http.PostAsJsonAsync("api/tasks", new CreateTaskRequest($"bench new {i}"), TodoJson.Options);
                if (response.IsSuccessStatusCode)
                {
                    created.Add((await response.Content.ReadFromJsonAsync<TaskDto>(TodoJson.Options))!.Id);
                }

                return response;
            });
            var update = await TasksScenario.MeasureAsync("update", iterations, i => http.PatchAsync($"api/tasks/{openIds[i % openIds.Count]}",
                JsonContent.Create(new { title = $"renamed {i}" })));
            // The measurer calls warm-up and measured rounds with the same i; a counter gives each completion a task of its own.
            var next = 0;
            var complete = await TasksScenario.MeasureAsync("complete", iterations, _ =>
                http.PostAsync($"api/tasks/{(created.Count == 0 ? "none" : created[next++ % created.Count])}/complete", null));
            var completed = await TasksScenario.MeasureAsync("completed, newest 100", iterations, _ => http.GetAsync("api/tasks?status=completed&limit=100"));
            var search = await TasksScenario.MeasureAsync("completed, search", iterations, _ => http.GetAsync("api/tasks?status=completed&q=invoice&limit=20"));
            foreach (var recorder in new[] { page, pageDirect, web, create, update, complete, completed, search })
            {
                table.Row(label, recorder.Name, recorder.Count.ToString(CultureInfo.InvariantCulture), recorder.Errors.ToString(CultureInfo.InvariantCulture),
                    Ms(recorder.Percentile(50)), Ms(recorder.Percentile(90)), Ms(recorder.Percentile(99)), Ms(recorder.Max));
                met &= recorder.Errors == 0;
            }

            met &= page.Percentile(99) <= TargetPageP99 && new[] { create, update, complete }.All(r => r.Percentile(99) <= TargetWriteP99);
        }

        report.WriteLine();
        report.WriteLine("years of use: users with 100 / 1,000 / 10,000 tasks, 90 % completed, stored in the pre-ADR-0010 format");
        report.WriteLine(string.Join("; ", migrations));
        report.WriteLine();
        table.WriteTo(report);
        report.WriteLine();
        report.WriteLine($"target: tasks page p99 ≤ {TargetPageP99} ms, create/update/complete p99 ≤ {TargetWriteP99} ms at every size → {(met ? "MET" : "NOT MET")}");
        return met;
    }

    /// <summary>Writes <paramref name="size"/> tasks (one in ten open) and an old-format index; returns the open ids.</summary>
    private static async Task<List<string>> SeedOldFormatAsync(DaprClient dapr, string userId, int size)
    {
        string[] words = ["report", "call", "buy", "plan", "review", "fix", "email", "book", "invoice"];
        var start = DateTimeOffset.UtcNow.AddDays(-3 * 365);
        var tasks = Enumerable.Range(0, size).Select(i => new SeedTask(
            Guid.NewGuid().ToString("N"), userId, $"{words[i % words.Length]} item {i}", TaskPriority.Medium, i % 2 == 0 ? ["work"] : [],
            i % 3 == 0 ? null : new DueDto(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i % 30)),
            Completed: i % 10 != 0, CompletedAt: i % 10 != 0 ? start.AddHours(i) : null, start.AddHours(i), start.AddHours(i))).ToList();
        foreach (var chunk in tasks.Chunk(200))
        {
            await dapr.SaveBulkStateAsync(DaprNames.StateStore,
                chunk.Select(t => new SaveStateItem<SeedTask>($"task-{userId}-{t.Id}", t, etag: null!)).ToList());
        }

        await dapr.SaveStateAsync(DaprNames.StateStore, $"tasks-{userId}", new { taskIds = tasks.Select(t => t.Id).ToList() });
        return tasks.Where(t => !t.Completed).Select(t => t.Id).ToList();
    }

    /// <summary>A task document as the backend stores it (its TaskRecord is internal to the backend).</summary>
    private sealed record SeedTask(string Id, string UserId, string Title, TaskPriority Priority, IReadOnlyList<string> Tags, DueDto? Due,
        bool Completed, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
