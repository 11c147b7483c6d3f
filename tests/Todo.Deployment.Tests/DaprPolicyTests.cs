using Todo.Contracts;
using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

public sealed class DaprPolicyTests
{
    private static readonly IReadOnlyList<YamlDoc> s_docs = DaprRules.LoadFolder(Repo.KubernetesComponents);

    private static IReadOnlySet<string> ComponentNames => s_docs.OfKind("Component").Select(d => d.Name()).ToHashSet();

    [Fact]
    public void ResiliencyReferencesOnlyExistingAppIdsComponentsAndPolicies()
    {
        var resiliency = Assert.Single(s_docs.OfKind("Resiliency"));
        Assert.Empty(DaprRules.CheckResiliency(resiliency, ComponentNames));
    }

    [Fact]
    public void ResiliencyCoversBackendInvocationStateAndEveryPubSubInbound()
    {
        var root = Assert.Single(s_docs.OfKind("Resiliency")).Root;
        var backend = root.At($"spec.targets.apps.{DaprNames.BackendAppId}");
        Assert.NotNull(backend.Str("timeout"));
        Assert.NotNull(backend.Str("retry"));
        Assert.NotNull(root.Str($"spec.targets.components.{DaprNames.StateStore}.outbound.timeout"));

        var pubsubs = s_docs.OfKind("Component").Where(d => d.Root.Str("spec.type")!.StartsWith("pubsub.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pubsubs.Count);
        foreach (var pubsub in pubsubs)
        {
            Assert.True(root.Str($"spec.targets.components.{pubsub.Name()}.inbound.retry") is not null, $"{pubsub.Name()} has no bounded inbound retry");
        }
    }

    [Fact]
    public void NoCircuitBreakerOrStateRetryCanBeTrippedByFourHundredsOrETagConflicts()
    {
        // Both the file operators apply and the copy the backend chart installs.
        var resiliencies = new[]
        {
            Assert.Single(s_docs.OfKind("Resiliency")),
            Assert.Single(Tools.Render("backend", ("daprComponents.enabled", "true")).OfKind("Resiliency")),
        };
        foreach (var resiliency in resiliencies)
        {
            Assert.Empty(DaprRules.CheckNoPolicyTrippedByAppOutcomes(resiliency, DaprNames.StateStore));
            Assert.Empty(DaprRules.CheckResiliency(resiliency, ComponentNames));
        }
    }

    [Fact]
    public void ExponentialRetriesDoNotPretendToHaveADuration()
    {
        // daprd's exponential policy ignores `duration` (dapr/kit retry.Config: InitialInterval, 500 ms by default).
        var root = Assert.Single(s_docs.OfKind("Resiliency")).Root;
        foreach (var (name, retry) in root.At("spec.policies.retries") as System.Text.Json.Nodes.JsonObject ?? [])
        {
            if (retry.Str("policy") == "exponential")
            {
                Assert.True(retry.At("duration") is null, $"retry policy '{name}' sets a duration that daprd ignores");
            }
        }
    }

    [Fact]
    public void InvocationRetriesOnlyTransientFailures()
    {
        // Without `matching`, Dapr retries every status >= 400 and would repeat non-idempotent POSTs.
        var root = Assert.Single(s_docs.OfKind("Resiliency")).Root;
        var retry = root.Str($"spec.targets.apps.{DaprNames.BackendAppId}.retry")!;
        var codes = root.Str($"spec.policies.retries.{retry}.matching.httpStatusCodes");
        Assert.NotNull(codes);
        Assert.DoesNotContain("400", codes, StringComparison.Ordinal);
        Assert.DoesNotContain("409", codes, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationReferencesOnlyExistingAppIdsAndStores()
    {
        var config = Assert.Single(s_docs.OfKind("Configuration"));
        Assert.Equal("todo-config", config.Name());
        Assert.Empty(DaprRules.CheckConfiguration(config, ComponentNames));
    }

    [Fact]
    public void AccessControlDeniesByDefaultAndLetsOnlyTheWebAppCallTheApi()
    {
        var root = Assert.Single(s_docs.OfKind("Configuration")).Root;
        Assert.Equal("deny", root.Str("spec.accessControl.defaultAction"));
        var policy = Assert.Single(Assert.IsType<System.Text.Json.Nodes.JsonArray>(root.At("spec.accessControl.policies"), exactMatch: false));
        Assert.Equal(DaprNames.WebAppId, policy.Str("appId"));
        Assert.Equal("deny", policy.Str("defaultAction"));
        Assert.Equal("public", policy.Str("trustDomain"));
        Assert.Equal("todo", policy.Str("namespace"));
        var allowed = (policy.At("operations") as System.Text.Json.Nodes.JsonArray ?? [])
            .Where(o => o.Str("action") == "allow")
            .Select(o => o.Str("name"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["/api/**", "/health"], allowed);
    }

    [Fact]
    public void TracingGoesToAnOtlpCollector()
    {
        var root = Assert.Single(s_docs.OfKind("Configuration")).Root;
        Assert.False(string.IsNullOrWhiteSpace(root.Str("spec.tracing.otel.endpointAddress")));
        Assert.NotNull(root.Str("spec.tracing.samplingRate"));
    }
}
