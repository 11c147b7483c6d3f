using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;
using Todo.Backend;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Todo.DaprEmulator.Hosting;
using Todo.ServiceDefaults.Auth;

namespace Todo.Benchmarks.Scenarios;

/// <summary>One reminder as planned: its owner (index into the run's users) and its instant.</summary>
internal readonly record struct PlannedReminder(int User, DateTimeOffset At);

/// <summary>
/// What became of one reminder: when the backend got the trigger, when it had published, each time the web got it,
/// and the partition and offset it came from (-1 when it never came).
/// </summary>
internal sealed record ReminderOutcome(string UserId, string TaskId, string EventId, DateTimeOffset Due, int Partition, long Offset,
    DateTimeOffset? Triggered, DateTimeOffset? Published, IReadOnlyList<DateTimeOffset> Received);

/// <summary>The result of one run: each reminder's outcome (the poison one included), the poison message's fate.</summary>
internal sealed record RemindersResult(int Partitions, IReadOnlyList<ReminderOutcome> Reminders, string? PoisonEventId,
    IReadOnlyList<(DateTimeOffset At, int Partition)> PoisonAttempts, DateTimeOffset? PoisonDeadLetteredAt, int DeadLettered);

/// <summary>
/// One run of the real reminder path on a fresh emulator: tasks created through the sidecar (each schedules its Dapr
/// job) → the emulator's scheduler fires <c>POST /job/reminder-{id}</c> at the due instant → todo-backend reads the
/// task and publishes <c>com.todo.reminder.due</c> on <c>reminders</c> through <c>pubsub</c> (<c>pubsub.kafka</c>,
/// keyed by user) → the emulator's partitioned log → todo-web's subscription on <c>pubsub-web</c> →
/// <see cref="RemindersSubscriber"/>. The components are the production files of dapr-components/kubernetes with the
/// topic's partition count added (<c>emulatorPartitions</c>, the KafkaTopic's <c>partitions</c> in docs/deploy.md)
/// and the Resiliency file as it is.
/// </summary>
internal static class RemindersRun
{
    private const string WebAppId = "todo-web";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    /// <param name="users">How many users to register.</param>
    /// <param name="plan">Builds the reminders from the instant the tasks may be created at.</param>
    /// <param name="poison">The index of a reminder that always fails at the web, or null.</param>
    /// <param name="webRetry">Replaces the production <c>webSubscriberRetry</c> (constant 200 ms, 3 retries), or null.</param>
    public static async Task<RemindersResult> RunAsync(int partitions, int users, Func<DateTimeOffset, IReadOnlyList<PlannedReminder>> plan,
        int? poison, TextWriter report, (string Duration, int MaxRetries)? webRetry = null, bool perUserLanes = false)
    {
        var folder = Directory.CreateTempSubdirectory("todo-bench-reminders-");
        try
        {
            WriteResiliency(folder.FullName, webRetry);
            return await RunInAsync(folder.FullName, partitions, users, plan, poison, perUserLanes, report);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<RemindersResult> RunInAsync(string folder, int partitions, int userCount,
        Func<DateTimeOffset, IReadOnlyList<PlannedReminder>> plan, int? poison, bool perUserLanes, TextWriter report)
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var appToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        WriteComponents(folder, key, partitions);
        var triggers = new ConcurrentDictionary<string, (DateTimeOffset Arrived, DateTimeOffset Answered)>(StringComparer.Ordinal);
        string? poisonEventId = null;
        var poisonHolder = new PoisonHolder();
        await using var subscriber = await RemindersSubscriber.StartAsync(appToken, poisonHolder, perUserLanes);
        await using var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [folder],
            WorkingDirectory = folder,
            Apps =
            [
                new SidecarOptions { AppId = DaprNames.BackendAppId, AppApiToken = appToken },
                new SidecarOptions { AppId = WebAppId, AppPort = subscriber.Port, AppApiToken = appToken, PodName = "todo-web-bench-0" },
                new SidecarOptions { AppId = "bench-caller" },
            ],
        });
        var backendSidecar = emulator[DaprNames.BackendAppId];
        await using var backend = new WebApplicationFactory<BackendAssemblyMarker>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DAPR_HTTP_ENDPOINT", backendSidecar.HttpEndpoint.ToString());
            web.UseSetting("DAPR_GRPC_ENDPOINT", backendSidecar.GrpcEndpoint.ToString());
            web.UseSetting("APP_API_TOKEN", appToken);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseContentRoot(BenchFiles.RepositoryPath("src", "Todo.Backend"));
            web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new JobTriggerClock(triggers)));
        });
        backend.UseKestrel();
        backend.StartServer();
        backendSidecar.ConnectApp(backend.ClientOptions.BaseAddress.Port);

        using var http = new HttpClient { BaseAddress = new Uri(emulator["bench-caller"].HttpEndpoint, $"/v1.0/invoke/{DaprNames.BackendAppId}/method/") };
        await WaitUntilAsync(async () => (await http.GetAsync("health")).IsSuccessStatusCode, "todo-backend did not become healthy");
        await WaitUntilAsync(() => Task.FromResult(emulator[WebAppId].Subscriptions.Any(s => s.Topic == DaprNames.RemindersTopic)),
            "todo-web's sidecar did not subscribe to reminders");

        var profiles = new List<(string UserId, AuthenticationHeaderValue Auth)>();
        for (var i = 0; i < userCount; i++)
        {
            var profile = await TasksScenario.RegisterAsync(http);
            profiles.Add((profile.UserId, new AuthenticationHeaderValue("Bearer",
                UserTokenIssuer.Issue(key, profile.UserId, profile.Username, DateTimeOffset.UtcNow, sessionStamp: profile.SessionStamp))));
        }

        // Whole milliseconds: the job's dueTime carries no more (ReminderJobs), so a finer instant would fire "early".
        var now = DateTimeOffset.UtcNow;
        var planned = plan(now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)));
        report.WriteLine($"  creating {planned.Count} tasks with reminders (first due in {(planned.Min(p => p.At) - DateTimeOffset.UtcNow).TotalSeconds:F1} s) ...");
        var tasks = new (string TaskId, PlannedReminder Plan)[planned.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, planned.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var (userId, auth) = profiles[planned[i].User];
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks")
            {
                Content = JsonContent.Create(new CreateTaskRequest($"reminder {i}", Reminder: new ReminderDto(At: planned[i].At)), options: TodoJson.Options),
            };
            request.Headers.Authorization = auth;
            using var response = await http.SendAsync(request, token);
            response.EnsureSuccessStatusCode();
            tasks[i] = ((await response.Content.ReadFromJsonAsync<TaskDto>(TodoJson.Options, token))!.Id, planned[i]);
        });
        var late = planned.Min(p => p.At) - DateTimeOffset.UtcNow;
        if (late < TimeSpan.Zero)
        {
            report.WriteLine($"  WARNING: creating the tasks ended {-late.TotalSeconds:F1} s after the first reminder was due");
        }

        if (poison is { } poisonIndex)
        {
            poisonEventId = EventId(tasks[poisonIndex].TaskId, tasks[poisonIndex].Plan.At);
            poisonHolder.EventId = poisonEventId;
        }

        var expected = tasks.Select(t => EventId(t.TaskId, t.Plan.At)).ToHashSet(StringComparer.Ordinal);
        var lastDue = planned.Max(p => p.At);
        var stop = Stopwatch.StartNew();
        while (stop.Elapsed < TimeSpan.FromMinutes(3))
        {
            var received = subscriber.Received.Arrivals.Select(a => a.Reminder.EventId).Where(expected.Contains).Distinct().Count();
            var allIn = received >= expected.Count - (poison is null ? 0 : 1) && (poison is null || subscriber.Received.DeadLetters.Count > 0);
            if (allIn || DateTimeOffset.UtcNow > lastDue + TimeSpan.FromMinutes(2))
            {
                break;
            }

            await Task.Delay(100);
        }

        // Let duplicates (a redelivery) show up before counting.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var arrivals = subscriber.Received.Arrivals.ToLookup(a => a.Reminder.EventId, StringComparer.Ordinal);
        var outcomes = tasks.Select(t =>
        {
            var eventId = EventId(t.TaskId, t.Plan.At);
            var userId = profiles[t.Plan.User].UserId;
            triggers.TryGetValue("reminder-" + t.TaskId, out var trigger);
            var received = arrivals[eventId].ToList();
            var partition = received.Count > 0 ? received[0].Partition
                : subscriber.Received.PoisonAttempts.Select(a => a.Partition).FirstOrDefault(-1) is var p && eventId == poisonEventId ? p : -1;
            var offset = received.Count > 0 ? received[0].Offset : -1;
            return new ReminderOutcome(userId, t.TaskId, eventId, t.Plan.At, partition, offset,
                trigger == default ? null : trigger.Arrived, trigger == default ? null : trigger.Answered, [.. received.Select(a => a.At)]);
        }).ToList();
        var deadLetters = subscriber.Received.DeadLetters;
        var deadLettered = deadLetters.FirstOrDefault(d => d.Reminder.EventId == poisonEventId);
        return new RemindersResult(partitions, outcomes, poisonEventId, subscriber.Received.PoisonAttempts,
            deadLettered == default ? null : deadLettered.At, deadLetters.Count);
    }

    /// <summary>The backend's event id for a reminder (ReminderEndpoints: task id and the instant's Unix seconds).</summary>
    public static string EventId(string taskId, DateTimeOffset at) => $"reminder-{taskId}-{at.ToUnixTimeSeconds()}";

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Settle)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(failure);
    }

    /// <summary>
    /// The production components (dapr-components/kubernetes) with the topic's partition count added, a SQLite
    /// state store and a local secret file instead of PostgreSQL and Kubernetes secrets.
    /// </summary>
    private static void WriteComponents(string folder, SymmetricSecurityKey key, int partitions)
    {
        foreach (var file in new[] { "pubsub.yaml", "pubsub-web.yaml" })
        {
            var text = File.ReadAllText(BenchFiles.RepositoryPath("dapr-components", "kubernetes", file));
            const string brokers = "    - name: brokers\n";
            if (!text.Contains(brokers, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{file}: no brokers entry to put emulatorPartitions before");
            }

            File.WriteAllText(Path.Combine(folder, file),
                text.Replace(brokers, $"    - name: emulatorPartitions\n      value: \"{partitions}\"\n{brokers}", StringComparison.Ordinal));
        }

        BenchFiles.WriteStores(folder, key);
    }

    /// <summary>The production Resiliency file, with todo-web's inbound retry replaced when the run asks for it.</summary>
    private static void WriteResiliency(string folder, (string Duration, int MaxRetries)? webRetry)
    {
        var text = File.ReadAllText(BenchFiles.RepositoryPath("dapr-components", "kubernetes", "resiliency.yaml"));
        if (webRetry is { } retry)
        {
            const string production = "      webSubscriberRetry:\n        policy: constant\n        duration: 200ms\n        maxRetries: 3\n";
            if (!text.Contains(production, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("resiliency.yaml: webSubscriberRetry is no longer constant 200ms x 3; update the bench");
            }

            text = text.Replace(production,
                $"      webSubscriberRetry:\n        policy: constant\n        duration: {retry.Duration}\n        maxRetries: {retry.MaxRetries}\n", StringComparison.Ordinal);
        }

        File.WriteAllText(Path.Combine(folder, "resiliency.yaml"), text);
    }

    /// <summary>The poison event id, known only once its task exists (after the subscriber started).</summary>
    internal sealed class PoisonHolder
    {
        public volatile string? EventId;
    }

    /// <summary>Notes when each job trigger reached todo-backend and when it answered (after its publish).</summary>
    private sealed class JobTriggerClock(ConcurrentDictionary<string, (DateTimeOffset Arrived, DateTimeOffset Answered)> triggers) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (!context.Request.Path.StartsWithSegments("/job", out var rest))
                {
                    await inner(context);
                    return;
                }

                var arrived = DateTimeOffset.UtcNow;
                await inner(context);
                triggers.TryAdd(rest.Value!.TrimStart('/'), (arrived, DateTimeOffset.UtcNow));
            });
            next(app);
        };
    }
}
