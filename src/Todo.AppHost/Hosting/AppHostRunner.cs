using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Todo.AppHost.Output;
using Todo.AppHost.Ports;
using Todo.AppHost.Processes;
using Todo.AppHost.Secrets;
using Todo.AppHost.Template;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Hosting;

/// <summary>
/// Runs a template the way <c>dapr run -f</c> does, with the emulator's sidecars in this process instead of one
/// daprd each. The lines it prints about itself are stable (tests and tools read them):
/// <code>
/// [apphost] sidecar todo-web http=http://127.0.0.1:3510 grpc=http://127.0.0.1:50011 app=http://127.0.0.1:5180
/// [apphost] started todo-web pid=1234: dotnet run --no-launch-profile --no-build
/// [apphost] pids todo-web 1234 1250
/// [apphost] ready in 9.8 s (build 4.1 s, start 5.7 s): open http://127.0.0.1:5180/ (todo-web)
/// [apphost] stopped
/// </code>
/// </summary>
internal sealed class AppHostRunner(AppHostOptions options, ConsoleOutput output)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(StopSignals signals)
    {
        var stop = signals.Token;
        var sinceLaunch = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var clock = Stopwatch.StartNew();
        var template = RunTemplateParser.Load(options.ResolveTemplatePath());
        output.Info($"{template.FilePath}: {string.Join(", ", template.Apps.Select(a => a.AppId))} on emulated Dapr {options.DaprVersionFor(template)}");
        if (LocalSecretsFile.EnsureExists(template.Directory))
        {
            output.Info($"created {Path.Combine(template.Directory, ".dapr", "secrets.json")} with a new random {LocalSecretsFile.SigningKeyName}");
        }

        var ports = PortPlan.For(template, options.Ports);
        var tokens = RunTokens.Create(template);
        if (!options.NoBuild)
        {
            await AppBuilder.BuildAsync(template.Apps, output, stop);
        }

        var buildTime = clock.Elapsed;
        using var loggerFactory = CreateLoggerFactory();
        await using var emulator = await StartEmulatorAsync(template, ports, tokens, loggerFactory, stop);
        var apps = new List<RunningApp>();
        try
        {
            foreach (var app in template.Apps)
            {
                apps.Add(Launch(app, ports[app.AppId].AppPort, tokens[app.AppId], emulator[app.AppId]));
            }

            var exited = WhenAnyExitsAsync(apps);
            var ready = ReadinessProbe.WaitAsync(apps, output.Info, stop);
            if (await Task.WhenAny(ready, exited) == exited)
            {
                return ReportExit(await exited);
            }

            await ready;
            var startTime = clock.Elapsed - buildTime;
            var web = apps.LastOrDefault(a => a.App.AppId.EndsWith("web", StringComparison.Ordinal) && a.Url is not null)
                ?? apps.LastOrDefault(a => a.Url is not null);
            // The process ids first: "ready" is the last start-up line, so a reader of it has everything.
            foreach (var app in apps)
            {
                output.Info($"pids {app.App.AppId} {string.Join(' ', app.Process.Tree())}");
            }

            var build = options.NoBuild ? "build skipped" : $"build {buildTime.TotalSeconds:F1} s";
            output.Info($"ready in {(sinceLaunch + clock.Elapsed).TotalSeconds:F1} s ({build}, start {startTime.TotalSeconds:F1} s)" +
                (web is null ? "" : $": open {web.Url} ({web.App.AppId})"));

            var finished = await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stop));
            return finished == exited ? ReportExit(await exited) : 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            if (stop.IsCancellationRequested)
            {
                output.Info($"stopping ({signals.Reason})");
            }

            await Task.WhenAll(apps.Select(async app =>
            {
                await app.Process.StopAsync(StopGrace);
                await app.Process.DisposeAsync();
            }));
            output.Info("stopped");
        }
    }

    private ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System", LogLevel.Warning)
        // Kestrel warns that the sidecar HTTP port offers HTTP/2 without TLS; daprd says nothing, so neither do we.
        .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error)
        .AddProvider(new PrefixedLoggerProvider(output, ConsoleOutput.DaprSource)));

    private async Task<DaprEmulatorHost> StartEmulatorAsync(
        RunTemplate template, IReadOnlyDictionary<string, AppPorts> ports, IReadOnlyDictionary<string, AppTokens> tokens,
        ILoggerFactory loggerFactory, CancellationToken stop)
    {
        // One emulator hosts every sidecar with one component registry, so it loads the union of the apps' resource
        // folders; per-app visibility comes from each component's scopes, as it would with separate daprd processes.
        var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = template.Apps.SelectMany(a => a.ResourcesPaths).Distinct(StringComparer.Ordinal).ToList(),
            // daprd runs in appDirPath; our apps all sit one level below src/, so relative component paths agree.
            WorkingDirectory = template.Apps[0].AppDirPath,
            DaprVersion = options.DaprVersionFor(template),
            Apps = template.Apps.Select(app => new SidecarOptions
            {
                AppId = app.AppId,
                AppPort = ports[app.AppId].AppPort,
                AppChannelAddress = app.AppChannelAddress,
                HttpPort = ports[app.AppId].DaprHttpPort,
                GrpcPort = ports[app.AppId].DaprGrpcPort,
                DaprApiToken = tokens[app.AppId].DaprApiToken,
                AppApiToken = tokens[app.AppId].AppApiToken,
            }).ToList(),
        }, loggerFactory, cancellationToken: stop);
        foreach (var app in template.Apps)
        {
            var sidecar = host[app.AppId];
            var appPort = ports[app.AppId].AppPort;
            output.Info($"sidecar {app.AppId} http={sidecar.HttpEndpoint.ToString().TrimEnd('/')} grpc={sidecar.GrpcEndpoint.ToString().TrimEnd('/')}" +
                (appPort is null ? "" : $" app=http://{app.AppChannelAddress}:{appPort}"));
        }

        return host;
    }

    private RunningApp Launch(TemplateApp app, int? appPort, AppTokens tokens, Sidecar sidecar)
    {
        if (app.Command.Count == 0)
        {
            throw new AppHostException($"{app.AppId}: the template gives no command to start it");
        }

        var command = DotnetRunCommand.WithNoBuild(app.Command);
        var env = AppEnvironment.For(app, appPort, sidecar.HttpPort, sidecar.GrpcPort);
        env[RunTokens.DaprApiTokenName] = tokens.DaprApiToken;
        env[RunTokens.AppApiTokenName] = tokens.AppApiToken;
        if (options.Traces)
        {
            env["Telemetry__ConsoleTraces"] = "true";
        }
        var process = ChildProcess.Start(app.AppId, command, app.AppDirPath, env, output);
        output.Info($"started {app.AppId} pid={process.Pid}: {string.Join(' ', command)}");
        return new RunningApp(app, appPort, sidecar, process);
    }

    private static async Task<RunningApp> WhenAnyExitsAsync(IReadOnlyList<RunningApp> apps)
    {
        var exits = apps.Select(async app =>
        {
            await app.Process.WaitForExitAsync();
            return app;
        });
        return await await Task.WhenAny(exits);
    }

    private int ReportExit(RunningApp app)
    {
        output.Error($"{app.App.AppId} exited with code {app.Process.ExitCode}; stopping the others");
        return 1;
    }
}
