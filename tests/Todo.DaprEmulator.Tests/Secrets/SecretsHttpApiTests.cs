using System.Net;
using System.Text.Json;
using Dapr;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Secrets;

public sealed class SecretsHttpApiTests
{
    private static readonly string Components = ComponentYaml.LocalFileSecretStore("secrets.json");

    private const string SecretsJson = """{"signing-key":"abc","db":{"user":"u","password":"p"},"list":["x","y"]}""";

    [Fact]
    public async Task TheSdkReadsAFlattenedNestedSecretOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var secret = await client.GetSecretAsync("secretstore", "db:password");

        Assert.Equal(new Dictionary<string, string> { ["db:password"] = "p" }, secret);
    }

    [Fact]
    public async Task BulkSecretsFlattenArraysByIndex()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var secrets = await client.GetBulkSecretAsync("secretstore");

        Assert.Equal("y", secrets["list:1"]["list:1"]);
        Assert.Equal("abc", secrets["signing-key"]["signing-key"]);
    }

    [Fact]
    public async Task HttpGetOfASecretReturnsItsKeyValueMap()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        var response = await http.GetAsync("/v1.0/secrets/secretstore/signing-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("signing-key").GetString());
    }

    [Fact]
    public async Task AnUnknownSecretStoreIs401OverHttpAndInvalidArgumentOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        using var client = emulator.Client();

        var response = await http.GetAsync("/v1.0/secrets/nope/signing-key");
        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetSecretAsync("nope", "signing-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("ERR_SECRET_STORE_NOT_FOUND", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, Assert.IsType<Grpc.Core.RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task AMissingSecretIsAnErrorFromTheFileStore()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        var response = await http.GetAsync("/v1.0/secrets/secretstore/missing");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ERR_SECRET_GET", await response.Content.ReadAsStringAsync());
    }

    private static Task<EmulatorFixture> StartAsync() =>
        EmulatorFixture.StartAsync([("secrets.yaml", Components), ("secrets.json", SecretsJson)]);
}
