using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.BadInput;

/// <summary>
/// A backend whose sidecar and app share an app token (as every run mode configures one), so tests can reach the
/// sidecar-only routes' handlers with the token and see them refused without it.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public BackendFixture Backend { get; } = new() { AppApiToken = $"app-token-{Guid.NewGuid():N}" };

    public string AppToken => Backend.AppApiToken!;

    public Task InitializeAsync() => Backend.InitializeAsync();

    public Task DisposeAsync() => Backend.DisposeAsync();
}
