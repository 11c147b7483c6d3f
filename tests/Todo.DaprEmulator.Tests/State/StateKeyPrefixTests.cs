using Todo.DaprEmulator.State;

namespace Todo.DaprEmulator.Tests.State;

public sealed class StateKeyPrefixTests
{
    [Theory]
    [InlineData(null, "ns", "app-a||k")]
    [InlineData("AppId", "ns", "app-a||k")]
    [InlineData("name", "ns", "store||k")]
    [InlineData("namespace", "ns", "ns.app-a||k")]
    [InlineData("namespace", null, "app-a||k")]
    [InlineData("None", "ns", "k")]
    [InlineData("shared", "ns", "shared||k")]
    public void EachStrategyBuildsDaprdsStoredKey(string? keyPrefix, string? @namespace, string expected) =>
        Assert.Equal(expected, StateKeyPrefix.Parse(keyPrefix).Apply("k", "store", "app-a", @namespace));

    [Fact]
    public void AnEmptyAppIdStoresTheBareKey() =>
        Assert.Equal("k", StateKeyPrefix.AppId.Apply("k", "store", "", null));

    [Fact]
    public void StrippingKeepsEverythingAfterTheFirstSeparator() =>
        Assert.Equal("actor||id||k", StateKeyPrefix.Strip("app||actor||id||k"));
}
