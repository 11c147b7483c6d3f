using Todo.DaprEmulator.Configuration;

namespace Todo.DaprEmulator.Tests.Configuration;

/// <summary>
/// The access-control evaluation on its own, case by case against dapr/dapr v1.18.3 pkg/acl/acl.go
/// (isOperationAllowedByAccessControlPolicy) and pkg/config/acl_trie.go (Search), the code the emulator ports.
/// </summary>
public sealed class AccessControlListTests
{
    private static readonly SpiffeId Web = new("public", "todo", "todo-web");

    private static AccessControlList Acl(string? defaultAction, params AppOperation[] operations) =>
        AccessControlList.Parse(new AccessControlSpec("deny", "public",
            [new AppPolicySpec("todo-web", defaultAction, "public", "todo", operations)]), isHttp: true)!;

    private static AppOperation Op(string name, string action, params string[] verbs) => new(name, verbs, action);

    [Theory]
    [InlineData("api/tasks", true)]
    [InlineData("api/tasks/42/complete", true)]
    [InlineData("api", true)] // acl_trie.go: the "/**" child also matches the bare prefix
    [InlineData("apix/tasks", false)]
    [InlineData("mcp", false)]
    public void ADoubleStarGlobMatchesEverySegmentBelowItsPrefix(string operation, bool allowed)
    {
        var acl = Acl(null, Op("/api/**", "allow", "*"));

        Assert.Equal(allowed, acl.Apply(Web, operation, "GET", isHttp: true).Allowed);
    }

    [Theory]
    [InlineData("items/1", true)]
    [InlineData("items/1/history", false)]
    [InlineData("items", true)] // acl_trie.go: a last segment without an operation of its own still matches its "/*" child
    public void ASingleStarGlobMatchesOneSegmentButNotTwo(string operation, bool allowed)
    {
        var acl = Acl(null, Op("/items/*", "allow", "GET"));

        Assert.Equal(allowed, acl.Apply(Web, operation, "GET", isHttp: true).Allowed);
    }

    [Fact]
    public void AStarInsideASegmentMatchesAnyCharacters()
    {
        var acl = Acl(null, Op("/heal*", "allow", "GET"));

        Assert.True(acl.Apply(Web, "health", "GET", isHttp: true).Allowed);
        Assert.True(acl.Apply(Web, "heal", "GET", isHttp: true).Allowed);
        Assert.False(acl.Apply(Web, "hello", "GET", isHttp: true).Allowed);
    }

    [Fact]
    public void OperationsOfAnHttpAppCompareCaseInsensitively()
    {
        var acl = Acl(null, Op("/API/Tasks", "allow", "GET"));

        Assert.True(acl.Apply(Web, "api/TASKS", "GET", isHttp: true).Allowed);
    }

    [Fact]
    public void VerbsMatchAsWrittenOrByTheStarAndAnUnlistedVerbFallsBackToTheAppDefault()
    {
        var acl = Acl("deny", Op("/health", "allow", "GET"), Op("/lower", "allow", "get"), Op("/any", "allow", "*"));

        Assert.True(acl.Apply(Web, "health", "GET", isHttp: true).Allowed);
        Assert.False(acl.Apply(Web, "health", "POST", isHttp: true).Allowed);
        // daprd looks the verb up by the enum's upper-case name, so "get" in a policy never matches.
        Assert.False(acl.Apply(Web, "lower", "GET", isHttp: true).Allowed);
        Assert.True(acl.Apply(Web, "any", "PATCH", isHttp: true).Allowed);
    }

    [Fact]
    public void AnHttpCallWithoutAVerbTakesTheAppPolicysDefaultEvenWhenItIsEmpty()
    {
        var acl = Acl(null, Op("/health", "allow", "GET"));

        Assert.False(acl.Apply(Web, "health", null, isHttp: true).Allowed);
    }

    [Fact]
    public void AnAppPolicysDefaultActionDecidesOperationsItDoesNotList()
    {
        var allowing = Acl("allow", Op("/admin/**", "deny", "*"));

        Assert.True(allowing.Apply(Web, "anything", "GET", isHttp: true).Allowed);
        Assert.False(allowing.Apply(Web, "admin/users", "GET", isHttp: true).Allowed);
    }

    [Fact]
    public void AnotherTrustDomainNamespaceOrAppIdGetsTheGlobalDefault()
    {
        var acl = Acl("allow");

        Assert.True(acl.Apply(Web, "x", "GET", isHttp: true).Allowed);
        Assert.False(acl.Apply(Web with { TrustDomain = "corp" }, "x", "GET", isHttp: true).Allowed);
        Assert.False(acl.Apply(Web with { Namespace = "default" }, "x", "GET", isHttp: true).Allowed);
        Assert.False(acl.Apply(Web with { AppId = "intruder" }, "x", "GET", isHttp: true).Allowed);
    }

    [Fact]
    public void TheRefusalMessageNamesTheCallersSpiffeIdTheOperationAndTheVerb()
    {
        var acl = Acl(null);

        var (allowed, message) = acl.Apply(Web with { AppId = "intruder" }, "api/tasks", "DELETE", isHttp: true);
        var (_, anonymous) = acl.Apply(null, "api/tasks", null, isHttp: true);

        Assert.False(allowed);
        Assert.Equal("access control policy has denied access to id: spiffe://public/ns/todo/intruder operation: api/tasks verb: DELETE", message);
        Assert.Equal("access control policy has denied access to id:  operation: api/tasks verb: NONE", anonymous);
    }

    [Fact]
    public void APolicyWithoutTrustDomainOrNamespaceIsRejectedWithDaprdsMessage()
    {
        var spec = new AccessControlSpec("deny", "public",
        [
            new AppPolicySpec("todo-web", null, null, "todo", []),
            new AppPolicySpec("todo-cli", null, "public", null, []),
        ]);

        var error = Assert.Throws<InvalidOperationException>(() => AccessControlList.Parse(spec, isHttp: true));

        Assert.Equal("invalid access control spec. missing trustdomain for apps: [todo-web], missing namespace for apps: [todo-cli], " +
            "missing app name on at least one of the app policies: false", error.Message);
    }

    [Fact]
    public void PoliciesWithoutAGlobalDefaultActionKeepDaprdsDefaultConfigurationsAllow()
    {
        // LoadKubernetesConfiguration unmarshals the resource over LoadDefaultConfiguration (defaultAction: allow), and
        // every CRD field is omitempty: a Configuration that lists policies but omits defaultAction lets other callers in.
        var configuration = SidecarConfiguration.From(new ConfigurationResource("c", null,
            new AccessControlSpec(null, null, [new AppPolicySpec("todo-web", "deny", "public", "todo", [])]), "c.yaml"));

        Assert.Equal("allow", configuration.AccessControl!.DefaultAction);
        Assert.Equal("public", configuration.AccessControl.TrustDomain);
        Assert.True(configuration.AccessControl.Apply(new SpiffeId("public", "todo", "someone-else"), "x", "GET", isHttp: true).Allowed);
        Assert.False(configuration.AccessControl.Apply(Web, "x", "GET", isHttp: true).Allowed);
    }

    [Fact]
    public void WithoutAConfigurationEveryCallIsAllowed()
    {
        var acl = SidecarConfiguration.Default.AccessControl!;

        Assert.True(acl.Apply(null, "anything", "DELETE", isHttp: true).Allowed);
        Assert.Equal("public", SidecarConfiguration.Default.TrustDomain);
    }
}
