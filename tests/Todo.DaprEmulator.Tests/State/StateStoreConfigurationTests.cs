using System.Net;
using System.Text.Json;
using Dapr;
using Grpc.Core;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.State;

public sealed class StateStoreConfigurationTests
{
    [Fact]
    public async Task AnAppWithoutAnyStateStoreGets500NotConfiguredAndFailedPrecondition()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
            [("state.yaml", ComponentYaml.Component("elsewhere", "state.in-memory", new Dictionary<string, string>(), ["other-app"]))]);
        using var http = emulator.Http();
        using var client = emulator.Client();

        var response = await http.GetAsync("/v1.0/state/elsewhere/k");
        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<int>("elsewhere", "k"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("ERR_STATE_STORE_NOT_CONFIGURED", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(StatusCode.FailedPrecondition, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task ASqliteStoreWithoutAConnectionStringFailsStartUpNamingTheField()
    {
        var error = await Assert.ThrowsAsync<ComponentLoadException>(() =>
            EmulatorFixture.StartAsync([("state.yaml", ComponentYaml.Component("s", "state.sqlite", new Dictionary<string, string>()))]));

        Assert.Contains("connectionString", error.Message);
    }

    [Fact]
    public async Task ACustomKeyPrefixContainingTheSeparatorFailsStartUp()
    {
        var error = await Assert.ThrowsAsync<ComponentLoadException>(() =>
            EmulatorFixture.StartAsync([("state.yaml", ComponentYaml.Component("s", "state.in-memory", new Dictionary<string, string> { ["keyPrefix"] = "a||b" }))]));

        Assert.Contains("keyPrefix", error.Message);
    }
}
