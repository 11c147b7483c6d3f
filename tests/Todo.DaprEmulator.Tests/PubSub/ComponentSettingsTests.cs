using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.PubSub;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

public sealed class ComponentSettingsTests
{
    [Fact]
    public void TopicScopesFollowDaprdRules()
    {
        var metadata = new Dictionary<string, string>
        {
            ["allowedTopics"] = "a,b,c,p",
            ["protectedTopics"] = "p",
            ["publishingScopes"] = "app1=a,p;app2=",
            ["subscriptionScopes"] = "app1=b",
        };
        var scopes = new TopicScopes(metadata.GetValueOrDefault);

        Assert.True(scopes.CanPublish("app1", "a"));
        Assert.True(scopes.CanPublish("app1", "p"));
        Assert.False(scopes.CanPublish("app1", "b"));
        Assert.False(scopes.CanPublish("app2", "a"));
        Assert.True(scopes.CanPublish("app3", "c"));
        Assert.False(scopes.CanPublish("app3", "p"));
        Assert.False(scopes.CanPublish("app3", "z"));
        Assert.True(scopes.CanSubscribe("app1", "b"));
        Assert.False(scopes.CanSubscribe("app1", "a"));
    }

    [Fact]
    public async Task APodNameTemplateWithoutPodNameFailsStartUpNamingTheComponent()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")));
        var component = Component("""
              - name: consumerID
                value: "{podName}"
            """, name: "events");

        var error = await Assert.ThrowsAsync<ComponentLoadException>(() => StartAsync(component, App("a")));

        Assert.Contains("'events'", error.Message);
        Assert.Contains("POD_NAME", error.Message);
    }

    [Fact]
    public async Task InMemoryIgnoresMetadataItDoesNotKnowAsContribDoes()
    {
        // The emulator's former retry settings (still in some app test fixtures) are unknown metadata now: ignored,
        // as components-contrib ignores unknown fields (dapr/kit metadata.DecodeMetadata has no ErrorUnused).
        var component = Component("""
              - name: retryInitialInterval
                value: soon
              - name: maxDeliveryAttempts
                value: "not a number"
            """);

        await using var emulator = await StartAsync(component, App("a"));

        Assert.NotNull(emulator.Host.Components.Find("pubsub", "a"));
    }

    [Fact]
    public void ConsumerGroupTemplatesExpandPerApp()
    {
        var settings = new PubSubSettings("{namespace}-{appID}-{uuid}", TopicScopes.None);

        var group = settings.ConsumerGroupFor("web", "prod", null);

        Assert.Matches("^prod\\.web-web-[0-9a-f-]{36}$", group);
        Assert.Equal("web", new PubSubSettings(null, TopicScopes.None).ConsumerGroupFor("web", null, null));
    }
}
