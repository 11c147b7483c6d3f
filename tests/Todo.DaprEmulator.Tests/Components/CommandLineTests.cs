namespace Todo.DaprEmulator.Tests.Components;

/// <summary>
/// <c>EmulatorProgram.Main</c> in-process: every case here fails before the emulator would start serving, so none can
/// hang. Console.Error is process-wide, hence the lock; no other test writes to it.
/// </summary>
public sealed class CommandLineTests
{
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--resources-path")]
    [InlineData("--app", "todo-backend:5280:3500")]
    [InlineData("--app", "todo-backend:http:3500:50001")]
    public async Task BadArgumentsExitWith2AndAUsageMessage(params string[] args)
    {
        var (exitCode, error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("appId:appPort:httpPort:grpcPort", error);
    }

    [Fact]
    public async Task NoAppExitsWith2InsteadOfServingNothing()
    {
        using var resources = new TempResources();

        var (exitCode, error) = await RunAsync(["--resources-path", resources.Directory]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--app", error);
    }

    [Fact]
    public async Task AResourcesFolderThatDoesNotExistExitsWith1AndNamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "todo-emulator-tests", Guid.NewGuid().ToString("N"));

        var (exitCode, error) = await RunAsync(["--resources-path", missing, "--app", "app-a:0:0:0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains(missing, error);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task ABrokenComponentExitsWith1AndNamesFileAndComponent()
    {
        using var resources = new TempResources();
        resources.Write("cache.yaml", LoadKit.Component("cache", "state.redis"));

        var (exitCode, error) = await RunAsync(["--resources-path", resources.Directory, "--app", "app-a:0:0:0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("cache.yaml", error);
        Assert.Contains("'cache'", error);
    }

    [Fact]
    public async Task AConfigNamedWithConfigThatIsNotInTheResourcesExitsWith1AndNamesIt()
    {
        using var resources = new TempResources();

        var (exitCode, error) = await RunAsync(["--resources-path", resources.Directory, "--config", "app-a=todo-config", "--app", "app-a:0:0:0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("configuration todo-config not found", error);
    }

    [Fact]
    public async Task AKubernetesSecretsFileThatDoesNotExistExitsWith1AndNamesIt()
    {
        using var resources = new TempResources();
        resources.Write("secretstore.yaml", LoadKit.Component("secretstore", "secretstores.kubernetes"));
        var missing = Path.Combine(resources.Directory, "no-such-secrets.yaml");

        var (exitCode, error) = await RunAsync(["--resources-path", resources.Directory, "--kubernetes-secrets", missing, "--app", "app-a:0:0:0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains(missing, error);
        Assert.Contains("'kubernetes'", error);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string[] args)
    {
        await ConsoleLock.WaitAsync();
        var original = Console.Error;
        using var captured = new StringWriter();
        try
        {
            Console.SetError(captured);
            var exitCode = await EmulatorProgram.Main(args).WaitAsync(TimeSpan.FromSeconds(60));
            return (exitCode, captured.ToString());
        }
        finally
        {
            Console.SetError(original);
            ConsoleLock.Release();
        }
    }
}
