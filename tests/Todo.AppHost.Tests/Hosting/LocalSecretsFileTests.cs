using System.Text.Json;
using Todo.AppHost.Secrets;
using Todo.AppHost.Tests.Infrastructure;

namespace Todo.AppHost.Tests.Hosting;

public sealed class LocalSecretsFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void TheFirstRunCreatesAPrivateFileWithARandom256BitSigningKey()
    {
        Assert.True(LocalSecretsFile.EnsureExists(_temp.Path));

        var file = Path.Combine(_temp.Path, ".dapr", "secrets.json");
        var key = ReadKey(file);
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        // Another folder gets another key.
        using var other = new TempFolder();
        LocalSecretsFile.EnsureExists(other.Path);
        Assert.NotEqual(key, ReadKey(Path.Combine(other.Path, ".dapr", "secrets.json")));
    }

    [Fact]
    public void AnExistingSecretsFileIsNeverTouched()
    {
        var file = _temp.File(".dapr/secrets.json", """{"token-signing-key":"mine","llm-key":"x"}""");

        Assert.False(LocalSecretsFile.EnsureExists(_temp.Path));

        Assert.Equal("""{"token-signing-key":"mine","llm-key":"x"}""", File.ReadAllText(file));
    }

    private static string ReadKey(string file) =>
        JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty(LocalSecretsFile.SigningKeyName).GetString()!;

    public void Dispose() => _temp.Dispose();
}
