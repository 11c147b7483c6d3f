using System.Diagnostics;

namespace Todo.DaprEmulator.Tests.CommandLine;

/// <summary>The emulator's command line stops gracefully on SIGTERM (what Kubernetes and `kill` send), not only on Ctrl+C.</summary>
public sealed class CommandLineShutdownTests
{
    [Fact]
    public async Task SigtermStopsTheEmulatorWithExitCodeZero()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Todo.DaprEmulator.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--app", "app-a:0:0:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("DAPR_HTTP_ENDPOINT=", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
