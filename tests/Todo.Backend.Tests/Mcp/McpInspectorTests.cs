using System.Diagnostics;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Mcp;

/// <summary>
/// A second, independent MCP client: the official Inspector CLI (node) run by scripts/mcp-inspector.sh, which calls
/// every tool with timed tasks present and fails when the Inspector rejects a result against its outputSchema. When
/// npx cannot download it the test fails with the script's message; a skipped interoperability check proves nothing.
/// </summary>
public sealed class McpInspectorTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task TheMcpInspectorCliCallsEveryToolWithTimedTasksAndAcceptsEveryResult()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var script = RepoRoot.Combine("scripts", "mcp-inspector.sh");
        var start = new ProcessStartInfo("bash", [script, new Uri(backend.BackendAddress, "/mcp").ToString(), mcp.Token])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scripts/mcp-inspector.sh did not finish within 300 s (npx download stuck?). Output so far: {await output} {await error}");
        }

        Assert.True(process.ExitCode == 0, $"scripts/mcp-inspector.sh exited {process.ExitCode}: {await output}\n{await error}");
        Assert.Contains("all 12 tools called with timed tasks present", await output);
        var listed = await mcp.CallOkAsync("list_tasks", new { query = "Inspector task" });
        Assert.Equal("high", listed.GetProperty("items")[0].GetProperty("priority").GetString());
        Assert.Equal("08:45:00", listed.GetProperty("items")[0].GetProperty("due").GetProperty("time").GetString());
    }
}
