using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Resiliency;
using static Todo.DaprEmulator.Tests.Resiliency.ResiliencyKit;

namespace Todo.DaprEmulator.Tests.Resiliency;

/// <summary>
/// Loading Resiliency resources as daprd's standalone loader does (dapr/dapr v1.18.3 pkg/resiliency/resiliency.go
/// <c>loadLocalResiliencyPath</c>, <c>filterResiliencyConfigs</c>, <c>DecodeConfiguration</c>), and the repo's own.
/// </summary>
public sealed class ResiliencyLoadingTests
{
    [Fact]
    public void TheRepositorysResiliencyLoadsForBothAppsWithEveryPolicy()
    {
        var resource = Assert.Single(ResourceLoader.LoadFile(RepoRoot.Combine("dapr-components", "kubernetes", "resiliency.yaml")).Resiliencies);
        Assert.Equal("todo-resiliency", resource.Name);
        Assert.Equal(["todo-web", "todo-backend"], resource.Scopes);
        var registry = new ResiliencyRegistry([resource], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        foreach (var app in new[] { "todo-web", "todo-backend" })
        {
            var sidecar = registry.For(app);
            Assert.Empty(sidecar.Rejected);
            Assert.Equal(["todo-resiliency"], sidecar.Loaded);
            var invoke = sidecar.Endpoint("todo-backend", "todo-backend:api/tasks");
            Assert.Equal(TimeSpan.FromSeconds(15), invoke.Timeout);
            Assert.True(invoke.HasRetries);
            var state = sidecar.ComponentOutbound("statestore", ComponentKind.Statestore);
            Assert.Equal(TimeSpan.FromSeconds(5), state.Timeout);
            Assert.False(state.HasRetries); // on purpose: see the comments in the file
            Assert.True(sidecar.ComponentInbound("pubsub", ComponentKind.Pubsub).HasRetries);
            Assert.True(sidecar.ComponentInbound("pubsub-web", ComponentKind.Pubsub).HasRetries);
            Assert.Same(PolicyRunner.None, sidecar.ComponentOutbound("pubsub", ComponentKind.Pubsub));
        }

        Assert.Empty(registry.For("someone-else").Loaded);
    }

    [Fact]
    public void ExponentialFieldsOutsideTheCrdAreDroppedAndDaprKitDefaultsApply()
    {
        var file = WriteTemp(Resource("""
            retries:
              exp:
                policy: exponential
                initialInterval: 10s
                multiplier: 9
                maxInterval: 2s
                maxRetries: 4
            """, "apps: {}"));

        var spec = Assert.Single(ResourceLoader.LoadFile(file).Resiliencies).Retries["exp"];
        var backOff = RetryBackOff.From(spec.Fields, prefix: "");

        Assert.True(backOff.Exponential);
        Assert.Equal(TimeSpan.FromMilliseconds(500), backOff.InitialInterval);
        Assert.Equal(1.5, backOff.Multiplier);
        Assert.Equal(TimeSpan.FromSeconds(2), backOff.MaxInterval);
        Assert.Equal(4, backOff.MaxRetries);
    }

    [Fact]
    public void AResiliencyIsReadOnlyAsTheFirstDocumentOfItsFile()
    {
        var file = WriteTemp(ComponentYaml.InMemoryStateStore + "\n---\n" + Resource("timeouts:\n  t: 1s", "apps: {}"));

        Assert.Empty(ResourceLoader.LoadFile(file).Resiliencies);
    }

    [Fact]
    public void AResourceThatDoesNotDecodeIsSkippedAndTheOthersApply()
    {
        var bad = new ResiliencyResource("bad", new Dictionary<string, string> { ["t"] = "soon" }, new Dictionary<string, RetrySpec>(),
            new Dictionary<string, CircuitBreakerSpec>(), new Dictionary<string, PolicyNames> { ["x"] = new("t", null, null) },
            new Dictionary<string, ComponentPolicyNames>(), [], "bad.yaml");
        var good = bad with { Name = "good", Timeouts = new Dictionary<string, string> { ["t"] = "250" } };

        var sidecar = new SidecarResiliency([bad, good], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal("bad", Assert.Single(sidecar.Rejected).Name);
        Assert.Equal(TimeSpan.FromMilliseconds(250), sidecar.Endpoint("x", "x:m").Timeout); // a bare number is milliseconds
    }

    [Fact]
    public void AppTargetsWinOverDefaultsAndDefaultsFillTheRest()
    {
        var file = WriteTemp(Resource("""
            timeouts:
              DefaultTimeoutPolicy: 3s
              DefaultAppTimeoutPolicy: 2s
              own: 1s
            """, """
            apps:
              named:
                timeout: own
            """));
        var sidecar = new SidecarResiliency(ResourceLoader.LoadFile(file).Resiliencies, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal(TimeSpan.FromSeconds(1), sidecar.Endpoint("named", "named:m").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), sidecar.Endpoint("other", "other:m").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3), sidecar.ComponentOutbound("statestore", ComponentKind.Statestore).Timeout);
        Assert.True(sidecar.HasAppTarget("named"));
        Assert.False(sidecar.HasAppTarget("other"));
    }

    private static string WriteTemp(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"resiliency-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }
}
