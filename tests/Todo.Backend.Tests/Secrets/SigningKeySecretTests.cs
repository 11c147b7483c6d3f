using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Backend.Tests.Infrastructure;
using Todo.ServiceDefaults.Auth;

namespace Todo.Backend.Tests.Secrets;

/// <summary>
/// In Kubernetes the signing key is one key of <c>todo-secrets</c>, which secretstores.kubernetes returns whole
/// (connection string and LLM key included): the provider takes the configured key or fails, never another value.
/// </summary>
public sealed class SigningKeySecretTests
{
    private static IConfiguration Settings(string key) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKeySecret"] = "todo-secrets", ["Auth:SigningKeySecretKey"] = key })
        .Build();

    [Fact]
    public async Task TheConfiguredKeyOfAMultiKeySecretIsTheSigningKey()
    {
        var signingKey = RandomNumberGenerator.GetBytes(32);
        await using var store = await MultiKeySecretStore.StartAsync(new Dictionary<string, string>
        {
            ["llm-api-key"] = "sk-a-long-enough-llm-key-that-is-not-the-signing-key",
            ["postgres-connection-string"] = "host=db password=database-password-long-enough-for-256-bits",
            ["token-signing-key"] = Convert.ToBase64String(signingKey),
        });

        var key = await new SigningKeyProvider(store.Dapr, Settings("token-signing-key"), NullLogger<SigningKeyProvider>.Instance).GetAsync(CancellationToken.None);

        Assert.Equal(signingKey, key.Key);
    }

    [Fact]
    public async Task AMissingKeyFailsWithItsNameInsteadOfUsingAnotherValue()
    {
        await using var store = await MultiKeySecretStore.StartAsync(new Dictionary<string, string>
        {
            ["postgres-connection-string"] = "host=db password=database-password-long-enough-for-256-bits",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SigningKeyProvider(store.Dapr, Settings("token-signing-key"), NullLogger<SigningKeyProvider>.Instance).GetAsync(CancellationToken.None).AsTask());

        Assert.Contains("no key 'token-signing-key'", error.Message, StringComparison.Ordinal);
    }
}
