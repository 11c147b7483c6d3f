using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.CommandLine;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator;

/// <summary>
/// Command-line host: one emulator process, one sidecar per <c>--app</c>.
/// <code>Todo.DaprEmulator --resources-path dapr-components/local --app todo-backend:5280:3500:50001 --app todo-web:5180:3510:50011</code>
/// The options are in <see cref="EmulatorCommandLine"/> (<c>--help</c> lists them). DAPR_API_TOKEN and APP_API_TOKEN
/// from the environment apply to every sidecar, as they would to each daprd. (An explicit class, not top-level
/// statements, so test projects that also reference an app do not see two global <c>Program</c> types.)
/// </summary>
public static class EmulatorProgram
{
    /// <summary>Exit code of a command line that cannot be read (unknown option, bad value, no <c>--app</c>).</summary>
    public const int UsageExitCode = 2;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var commandLine = new EmulatorCommandLine();
        var parse = commandLine.Command.Parse(args);
        return HelpOrErrors.Answer(parse, output, error, UsageExitCode)
            ?? await ServeAsync(commandLine.ToOptions(parse), output, error);
    }

    private static async Task<int> ServeAsync(EmulatorOptions options, TextWriter output, TextWriter error)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning));
        using var stop = new CancellationTokenSource();
        // SIGINT (Ctrl+C) and SIGTERM (what Kubernetes, systemd and `kill` send) both stop gracefully, as daprd does:
        // the sidecars are disposed (deliveries and calls in flight end), then the process exits 0.
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await using var host = await DaprEmulatorHost.StartAsync(options, loggerFactory);
            foreach (var sidecar in host.Sidecars.All)
            {
                output.WriteLine($"{sidecar.AppId}: DAPR_HTTP_ENDPOINT={sidecar.HttpEndpoint} DAPR_GRPC_ENDPOINT={sidecar.GrpcEndpoint}");
            }

            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        }
        catch (Todo.DaprEmulator.Components.ComponentLoadException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
