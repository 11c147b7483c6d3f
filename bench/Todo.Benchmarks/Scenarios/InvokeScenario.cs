using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Todo.Benchmarks.Measurement;
using Todo.DaprEmulator.Hosting;

namespace Todo.Benchmarks.Scenarios;

/// <summary>
/// Latency the emulator adds to service invocation: caller → caller's sidecar (<c>/v1.0/invoke/bench-app/method/ping</c>)
/// → app, against the same call made directly to the app. Both paths run interleaved in the same open-loop schedule
/// (direct, sidecar, direct, ...), so machine noise hits both alike, and the difference is the sidecar's cost.
/// </summary>
internal sealed class InvokeScenario : IScenario
{
    private const double TargetP50 = 0.3;
    private const double TargetP99 = 1.5;

    public string Name => "invoke";

    public string Description => "caller → emulator sidecar → app vs caller → app (added latency at p50/p99)";

    public async Task<int> RunAsync(BenchOptions options, TextWriter report)
    {
        await using var app = await EchoApp.StartAsync();
        await using var emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            Apps =
            [
                new SidecarOptions { AppId = "bench-caller" },
                new SidecarOptions { AppId = "bench-app", AppPort = app.Port },
            ],
        });
        var sidecar = emulator["bench-caller"].HttpEndpoint;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AllowAutoRedirect = false,
        });
        await WaitUntilHealthyAsync(http, emulator["bench-app"].HttpEndpoint);

        var direct = new Uri(app.BaseAddress, "/ping");
        var viaSidecar = new Uri(sidecar, "/v1.0/invoke/bench-app/method/ping");
        report.WriteLine($"warming up {options.Warmup.TotalSeconds:F0} s ...");
        await MeasureAsync(http, direct, viaSidecar, options.Rate, options.Warmup);
        report.WriteLine($"measuring {options.Duration.TotalSeconds:F0} s at {options.Rate} req/s per path ...");
        var (directLatency, sidecarLatency) = await MeasureAsync(http, direct, viaSidecar, options.Rate, options.Duration);

        return Report(report, options, directLatency, sidecarLatency);
    }

    private static async Task<(LatencyRecorder Direct, LatencyRecorder Sidecar)> MeasureAsync(
        HttpClient http, Uri direct, Uri viaSidecar, int rate, TimeSpan duration)
    {
        var directLatency = new LatencyRecorder("direct");
        var sidecarLatency = new LatencyRecorder("via sidecar");
        // Two paths at `rate` each: one slot every 1/(2·rate) s, alternating between them.
        var slots = (int)(duration.TotalSeconds * rate * 2);
        await OpenLoopSchedule.RunAsync(slots, TimeSpan.FromSeconds(1.0 / (2 * rate)), (slot, due) => slot % 2 == 0
            ? SendAsync(http, direct, due, directLatency)
            : SendAsync(http, viaSidecar, due, sidecarLatency));
        return (directLatency, sidecarLatency);
    }

    private static async Task SendAsync(HttpClient http, Uri uri, long due, LatencyRecorder recorder)
    {
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
            var end = Stopwatch.GetTimestamp();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                recorder.Record(due, end);
            }
            else
            {
                recorder.RecordError();
            }
        }
        catch (HttpRequestException)
        {
            recorder.RecordError();
        }
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, Uri sidecar)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(new Uri(sidecar, "/v1.0/healthz"));
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the bench app's sidecar never became healthy");
            }

            await Task.Delay(50);
        }
    }

    private static int Report(TextWriter report, BenchOptions options, LatencyRecorder direct, LatencyRecorder sidecar)
    {
        var addedP50 = sidecar.Percentile(50) - direct.Percentile(50);
        var addedP99 = sidecar.Percentile(99) - direct.Percentile(99);
        var met = addedP50 <= TargetP50 && addedP99 <= TargetP99 && direct.Errors + sidecar.Errors == 0;
        var optimised = Assembly.GetEntryAssembly()?.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        report.WriteLine();
        report.WriteLine($"scenario invoke: caller → emulator sidecar → app vs caller → app, GET /ping (4-byte body)");
        report.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(optimised ? "Release" : "DEBUG build: numbers are not representative")}, load average {Machine.LoadAverage()}");
        report.WriteLine($"load: {options.Rate} req/s per path for {options.Duration.TotalSeconds:F0} s, open loop, interleaved, " +
            $"warm-up {options.Warmup.TotalSeconds:F0} s; latency from the scheduled send time");
        report.WriteLine();
        new TableWriter("path", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms")
            .Row(Cells(direct))
            .Row(Cells(sidecar))
            .Row("added by the sidecar", "", "", Ms(addedP50), Ms(sidecar.Percentile(90) - direct.Percentile(90)), Ms(addedP99), "")
            .WriteTo(report);
        report.WriteLine();
        report.WriteLine($"target: added ≤ {TargetP50:F2} ms p50, ≤ {TargetP99:F2} ms p99 → {(met ? "MET" : "NOT MET")}");
        report.WriteLine("reference: daprd adds about 1.1 ms p50 / 2.9 ms p99 across its two sidecars (caller's and callee's)");
        return met ? 0 : 1;
    }

    private static string[] Cells(LatencyRecorder r) =>
        [r.Name, r.Count.ToString(CultureInfo.InvariantCulture), r.Errors.ToString(CultureInfo.InvariantCulture),
            Ms(r.Percentile(50)), Ms(r.Percentile(90)), Ms(r.Percentile(99)), Ms(r.Max)];

    private static string Ms(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
