using Microsoft.Extensions.Configuration;
using Todo.Backend.Features.Mcp;

namespace Todo.Backend.Tests.Mcp;

public sealed class McpOriginPolicyTests
{
    [Fact]
    public void AllowedOriginsComeFromACommaSeparatedStringAndFromAnArray()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:AllowedOrigins"] = "https://a.example, https://b.example/",
            ["Mcp:AllowedOrigins:0"] = "https://c.example",
        }).Build();

        var policy = new McpOriginPolicy(configuration);

        Assert.True(policy.IsAllowed("https://a.example"));
        Assert.True(policy.IsAllowed("https://b.example"));
        Assert.True(policy.IsAllowed("https://C.example/"));
        Assert.True(policy.IsAllowed(null));
        Assert.True(policy.IsAllowed(""));
        Assert.False(policy.IsAllowed("https://evil.example"));
        Assert.False(policy.IsAllowed("null"));
    }
}
