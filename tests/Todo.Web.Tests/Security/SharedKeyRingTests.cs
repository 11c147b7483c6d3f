using Todo.Contracts;
using Todo.Web.Features.Security;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.Security;

/// <summary>todo-web as it runs: its data-protection keys go to the state store through its sidecar.</summary>
public sealed class SharedKeyRingTests(WebStackFixture stack) : IClassFixture<WebStackFixture>
{
    [Fact]
    public async Task TheWebKeepsTheKeyThatProtectsItsAntiforgeryCookieInTheStateStore()
    {
        using var browser = new BrowserSession(stack.Browser());
        // The sign-in form carries an antiforgery token, protected with the ring's current key.
        using var page = await browser.GetAsync("/sign-in");
        page.EnsureSuccessStatusCode();

        using var dapr = DaprKeyRingTests.ClientOf(stack.Emulator[DaprNames.WebAppId]);
        var ring = await dapr.GetStateAsync<KeyRingState?>(DaprNames.StateStore, DaprKeyRing.StateKey);

        Assert.NotNull(ring);
        Assert.Contains(ring.Keys, k => k.Name.StartsWith("key-", StringComparison.Ordinal) && k.Xml.Contains("<masterKey", StringComparison.Ordinal));
    }
}
