using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Todo.Benchmarks.Measurement;
using Todo.DaprEmulator.Hosting;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// A poison message on <c>pubsub.kafka</c>: 1,000 events keyed by user (<c>partitionKey</c>) over 50 users, published
/// through the emulator's sidecar into its partitioned log and delivered to a subscriber app, once without a poison
/// message (baseline) and once with one event of one user that always fails. No dead-letter topic, so the component
/// retries the poison message inline (constant back-off, <c>backOffMaxRetries</c>) and its partition waits, as
/// components-contrib's consumer.go does. The question: are the other partitions delayed? A last run puts the same
/// load on one partition (the broker default <c>num.partitions=1</c>) to show what a poison message does there.
/// Fixed load: <c>--rate/--duration/--warmup</c> are not used.
/// </summary>
internal sealed class KafkaScenario : IScenario
{
    private const int Messages = 1000;
    private const int Users = 50;
    private const int Partitions = 12;
    private const int BackOffMs = 100;
    private const int MaxRetries = 20;
    private const string PoisonUser = "user-7";
    private const int PoisonSeq = 3;

    public string Name => "kafka";

    public string Description => "1,000 keyed events over 50 users, one poison message: delay of the other partitions";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        report.WriteLine("warming up (100 events, no poison) ...");
        await RunOnceAsync(Partitions, poison: false, messages: 100);
        report.WriteLine($"baseline: {Messages} events, {Partitions} partitions, no poison ...");
        var baseline = await RunOnceAsync(Partitions, poison: false, Messages);
        report.WriteLine($"poison: {Messages} events, {Partitions} partitions, {PoisonUser} event {PoisonSeq} always fails ...");
        var poisoned = await RunOnceAsync(Partitions, poison: true, Messages);
        report.WriteLine($"poison on one partition: {Messages} events, 1 partition ...");
        var single = await RunOnceAsync(1, poison: true, Messages);
        return Report(report, baseline, poisoned, single);
    }

    private static async Task<Run> RunOnceAsync(int partitions, bool poison, int messages)
    {
        var directory = Path.Combine(Path.GetTempPath(), "todo-bench-kafka", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "pubsub.yaml"), $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: pubsub
                spec:
                  type: pubsub.kafka
                  version: v1
                  metadata:
                  - name: brokers
                    value: "bench-kafka:9092"
                  - name: authType
                    value: "none"
                  - name: initialOffset
                    value: "oldest"
                  - name: emulatorPartitions
                    value: "{partitions}"
                  - name: backOffPolicy
                    value: "constant"
                  - name: backOffDuration
                    value: "{BackOffMs}ms"
                  - name: backOffMaxRetries
                    value: "{MaxRetries}"
                """);
            var run = new Run(partitions, messages);
            await using var app = await SubscriberApp.StartAsync(run, poison);
            await using var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
            {
                ResourcesPaths = [directory],
                WorkingDirectory = directory,
                Apps =
                [
                    new SidecarOptions { AppId = "bench-publisher" },
                    new SidecarOptions { AppId = "bench-subscriber", AppPort = app.Port },
                ],
            });
            using var http = new HttpClient { BaseAddress = emulator["bench-publisher"].HttpEndpoint };
            var seqs = new int[Users];
            run.Started = Stopwatch.GetTimestamp();
            for (var i = 0; i < messages; i++)
            {
                // Users take turns, so every partition has work for the whole run.
                var user = i % Users;
                var seq = seqs[user]++;
                var key = $"user-{user}";
                run.Published[(key, seq)] = Stopwatch.GetTimestamp();
                using var content = new StringContent($$"""{"user":"{{key}}","seq":{{seq}}}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync($"/v1.0/publish/pubsub/user-events?metadata.partitionKey={key}", content);
                if (response.StatusCode != HttpStatusCode.NoContent)
                {
                    throw new InvalidOperationException($"publish failed: {(int)response.StatusCode}");
                }
            }

            run.PublishDone = Stopwatch.GetTimestamp();
            await run.AllDelivered.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return run;
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int Report(TextWriter report, Run baseline, Run poisoned, Run single)
    {
        var poisonPartition = poisoned.PartitionOf(PoisonUser);
        var blocked = poisoned.PoisonGaveUpAt is { } gaveUp ? Seconds(poisoned.PoisonFirstAt!.Value, gaveUp) : double.NaN;
        var others = poisoned.Deliveries.Where(d => d.Partition != poisonPartition).ToList();
        var baselineOthers = baseline.Deliveries.Where(d => d.Partition != poisonPartition).ToList();
        var othersDone = Seconds(poisoned.Started, others.Max(d => d.At));
        var baselineOthersDone = Seconds(baseline.Started, baselineOthers.Max(d => d.At));
        var othersDelayedMs = (othersDone - baselineOthersDone) * 1000;
        var othersBeforeGaveUp = others.Count(d => d.At < poisoned.PoisonGaveUpAt);
        var orderViolations = baseline.OrderViolations + poisoned.OrderViolations + single.OrderViolations;
        var met = orderViolations == 0 && othersDelayedMs < 250 && othersBeforeGaveUp == others.Count;

        report.WriteLine();
        report.WriteLine("scenario kafka: 1,000 events keyed by user over 50 users → pubsub.kafka (emulator log) → subscriber app");
        report.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {Machine.LoadAverage()}");
        report.WriteLine($"component: backOffPolicy constant, backOffDuration {BackOffMs}ms, backOffMaxRetries {MaxRetries}, no deadLetterTopic; " +
            $"poison = {PoisonUser} event {PoisonSeq} (partition {poisonPartition} of {Partitions}), answers 500 every time");
        report.WriteLine();
        new TableWriter("run / partitions", "events", "p50 ms", "p99 ms", "max ms", "last delivery s", "order violations")
            .Row(Cells($"baseline / all {Partitions}", baseline, baseline.Deliveries, baseline.Started, showViolations: true))
            .Row(Cells($"poison / the other {Partitions - 1}", poisoned, others, poisoned.Started, showViolations: true))
            .Row(Cells($"poison / the poisoned one", poisoned, poisoned.Deliveries.Where(d => d.Partition == poisonPartition).ToList(), poisoned.Started, showViolations: false))
            .Row(Cells("poison, 1 partition / all", single, single.Deliveries, single.Started, showViolations: true))
            .WriteTo(report);
        report.WriteLine();
        report.WriteLine($"poison message: {poisoned.PoisonAttempts} attempts (1 + backOffMaxRetries), its partition blocked {blocked:F2} s, then skipped uncommitted");
        report.WriteLine($"other partitions: last delivery {othersDone:F2} s vs {baselineOthersDone:F2} s without poison → delayed by {othersDelayedMs:F0} ms; " +
            $"{othersBeforeGaveUp}/{others.Count} of their events delivered while the poison partition was still blocked " +
            "(the difference of two runs on a shared machine: noise of ± a few hundred ms is expected)");
        report.WriteLine($"one partition: the poison message held up all {single.Deliveries.Count(d => d.At > single.PoisonFirstAt)} later events " +
            $"for {Seconds(single.PoisonFirstAt!.Value, single.PoisonGaveUpAt!.Value):F2} s");
        report.WriteLine($"target: other partitions delayed < 250 ms, all of them done before the poison partition unblocks, no order violation → {(met ? "MET" : "NOT MET")}");
        return met ? 0 : 1;
    }

    // Order violations are counted per run (both rows of the poison run share one count).
    private static string[] Cells(string name, Run run, List<Run.Delivery> deliveries, long started, bool showViolations)
    {
        var latency = new LatencyRecorder(name);
        foreach (var delivery in deliveries)
        {
            latency.Record(run.Published[(delivery.User, delivery.Seq)], delivery.At);
        }

        return [name, deliveries.Count.ToString(CultureInfo.InvariantCulture), Ms(latency.Percentile(50)), Ms(latency.Percentile(99)), Ms(latency.Max),
            Seconds(started, deliveries.Max(d => d.At)).ToString("F2", CultureInfo.InvariantCulture),
            showViolations ? run.OrderViolations.ToString(CultureInfo.InvariantCulture) : "(same run)"];
    }

    private static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    private static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);


    /// <summary>What one run saw: publish times, deliveries in arrival order, the poison message's attempts.</summary>
    private sealed class Run(int partitions, int messages)
    {
        private readonly ConcurrentDictionary<string, int> _lastSeq = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _partitions = new(StringComparer.Ordinal);
        private int _delivered;
        private int _violations;
        private int _poisonAttempts;

        public int PartitionCount { get; } = partitions;

        public long Started { get; set; }

        public long PublishDone { get; set; }

        public ConcurrentDictionary<(string User, int Seq), long> Published { get; } = new();

        public ConcurrentQueue<Delivery> DeliveryQueue { get; } = new();

        public List<Delivery> Deliveries => DeliveryQueue.ToList();

        public TaskCompletionSource AllDelivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long? PoisonFirstAt { get; private set; }

        public long? PoisonGaveUpAt { get; private set; }

        public int PoisonAttempts => Volatile.Read(ref _poisonAttempts);

        public int OrderViolations => Volatile.Read(ref _violations);

        public int PartitionOf(string user) => _partitions.TryGetValue(user, out var p) ? p : -1;

        public void PoisonAttempt(long at)
        {
            PoisonFirstAt ??= at;
            if (Interlocked.Increment(ref _poisonAttempts) == 1 + MaxRetries)
            {
                // The last attempt: the back-off gives up now and the partition moves on.
                PoisonGaveUpAt = at;
                Done();
            }
        }

        public void Delivered(string user, int seq, int partition, long at)
        {
            _partitions[user] = partition;
            var last = _lastSeq.GetOrAdd(user, -1);
            // The poison event is never acknowledged, so the next one of that user follows a gap of one.
            if (seq <= last)
            {
                Interlocked.Increment(ref _violations);
            }

            _lastSeq[user] = seq;
            DeliveryQueue.Enqueue(new Delivery(user, seq, partition, at));
            Interlocked.Increment(ref _delivered);
            Done();
        }

        private void Done()
        {
            var expected = messages - (PoisonFirstAt is null ? 0 : 1);
            if (Volatile.Read(ref _delivered) >= expected && (PoisonFirstAt is null || PoisonGaveUpAt is not null))
            {
                AllDelivered.TrySetResult();
            }
        }

        public sealed record Delivery(string User, int Seq, int Partition, long At);
    }

    /// <summary>The subscriber: one route for <c>user-events</c>, the poison event always answers 500.</summary>
    private sealed class SubscriberApp : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private SubscriberApp(WebApplication app, int port)
        {
            _app = app;
            Port = port;
        }

        public int Port { get; }

        public static async Task<SubscriberApp> StartAsync(Run run, bool poison)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapGet("/dapr/subscribe", () => Results.Text("""[{"pubsubName":"pubsub","topic":"user-events","route":"events"}]""", "application/json"));
            app.MapPost("/events", async (HttpRequest request) =>
            {
                var at = Stopwatch.GetTimestamp();
                using var document = await JsonDocument.ParseAsync(request.Body);
                var data = document.RootElement.GetProperty("data");
                var user = data.GetProperty("user").GetString()!;
                var seq = data.GetProperty("seq").GetInt32();
                if (poison && user == PoisonUser && seq == PoisonSeq)
                {
                    run.PoisonAttempt(at);
                    return Results.StatusCode(500);
                }

                run.Delivered(user, seq, int.Parse(request.Headers["__partition"].ToString(), CultureInfo.InvariantCulture), at);
                return Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SubscriberApp(app, new Uri(address).Port);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
