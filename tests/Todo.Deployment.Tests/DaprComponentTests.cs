using System.Text.Json.Nodes;
using Todo.Contracts;
using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

public sealed class DaprComponentTests
{
    private static readonly string[] s_coreNames = [DaprNames.StateStore, DaprNames.PubSub, DaprNames.SecretStore];

    public static TheoryData<string> Folders => new() { "kubernetes", "local" };

    private static IReadOnlyList<YamlDoc> Load(string folder) => DaprRules.LoadFolder(Path.Combine(Repo.Root, "dapr-components", folder));

    private static YamlDoc Component(IEnumerable<YamlDoc> docs, string name) =>
        Assert.Single(docs.OfKind("Component"), d => d.Name() == name);

    [Fact]
    public void EveryYamlFileUnderDaprComponentsParsesAndIsAWellFormedResource()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repo.Root, "dapr-components"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count >= 9, $"expected the Kubernetes and local resources, found {files.Count} files");

        var problems = new List<string>();
        foreach (var file in files)
        {
            var docs = Yaml.LoadFile(file).Where(d => d.Root is not null).ToList();
            if (docs.Count == 0)
            {
                problems.Add($"{file}: no YAML document");
            }

            problems.AddRange(docs.SelectMany(DaprRules.CheckResource));
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void NoFolderDefinesTheSameResourceTwice(string folder) =>
        Assert.Empty(DaprRules.CheckUniqueNames(Load(folder)));

    [Theory]
    [MemberData(nameof(Folders))]
    public void CoreComponentNamesMatchDaprNamesAndTheirBuildingBlock(string folder)
    {
        var docs = Load(folder);
        Assert.Equal(DaprNames.StateStore, Component(docs, "statestore").Name());
        Assert.StartsWith("state.", Component(docs, DaprNames.StateStore).Root.Str("spec.type"), StringComparison.Ordinal);
        Assert.StartsWith("pubsub.", Component(docs, DaprNames.PubSub).Root.Str("spec.type"), StringComparison.Ordinal);
        Assert.StartsWith("secretstores.", Component(docs, DaprNames.SecretStore).Root.Str("spec.type"), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalAndKubernetesSetsHaveTheSameCoreComponentNames()
    {
        static string[] Core(IEnumerable<YamlDoc> docs) =>
            docs.OfKind("Component").Select(d => d.Name()).Where(s_coreNames.Contains).Order(StringComparer.Ordinal).ToArray();

        var expected = s_coreNames.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, Core(Load("kubernetes")));
        Assert.Equal(expected, Core(Load("local")));
    }

    [Fact]
    public void EveryKubernetesComponentHasScopesNamingOnlyRealAppIds()
    {
        var scoped = Load("kubernetes").Where(d => d.Root.Str("kind") is "Component" or "Resiliency" or "Subscription").ToList();
        Assert.NotEmpty(scoped);
        Assert.Empty(scoped.SelectMany(d => DaprRules.CheckScopes(d, required: true)));
    }

    [Fact]
    public void LocalComponentScopesNameOnlyRealAppIds() =>
        Assert.Empty(Load("local").OfKind("Component").SelectMany(d => DaprRules.CheckScopes(d, required: true)));

    [Theory]
    [MemberData(nameof(Folders))]
    public void TheStateStoreIsScopedToBothAppsWithTheirKeysApart(string folder)
    {
        // todo-backend keeps its data there and todo-web its replicas' shared data-protection key ring; daprd loads a
        // component only for the app ids in its scopes (dapr/dapr pkg/operator/api/components.go, ListComponents;
        // pkg/internal/loader/disk/disk.go in self-hosted mode).
        var store = Component(Load(folder), DaprNames.StateStore);
        Assert.Equal(DaprRules.AppIds.Order(StringComparer.Ordinal), store.Root.Strings("scopes").Order(StringComparer.Ordinal));
        // The default keyPrefix `appid` is what keeps todo-web's keys (todo-web||dataprotection-keys) out of
        // todo-backend's reach and the reverse (pkg/components/state/state_config.go, GetModifiedStateKey); none or
        // a shared prefix would let either app read the other's keys.
        Assert.Contains(MetadataValue(store, "keyPrefix") ?? "appid", new[] { "appid", "namespace" }, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void BothAppsCanUseTheSecretStore(string folder) =>
        Assert.Equal(
            DaprRules.AppIds.Order(StringComparer.Ordinal),
            Component(Load(folder), DaprNames.SecretStore).Root.Strings("scopes").Order(StringComparer.Ordinal));

    [Fact]
    public void KubernetesComponentTypesAreTheProductionOnes()
    {
        var docs = Load("kubernetes");
        Assert.Equal("state.postgresql", Component(docs, DaprNames.StateStore).Root.Str("spec.type"));
        Assert.Equal("pubsub.kafka", Component(docs, DaprNames.PubSub).Root.Str("spec.type"));
        Assert.Equal("secretstores.kubernetes", Component(docs, DaprNames.SecretStore).Root.Str("spec.type"));
    }

    [Fact]
    public void PostgresConnectionStringComesFromTheKubernetesSecret()
    {
        var entry = Metadata(Component(Load("kubernetes"), DaprNames.StateStore), "connectionString");
        Assert.False(entry.ContainsKey("value"), "the connection string must not be written in the component");
        Assert.Equal("todo-secrets", entry.Str("secretKeyRef.name"));
        Assert.Equal("postgres-connection-string", entry.Str("secretKeyRef.key"));
    }

    [Fact]
    public void BackendReplicasShareOneKafkaConsumerGroup()
    {
        var pubsub = Component(Load("kubernetes"), DaprNames.PubSub);
        Assert.Equal([DaprNames.BackendAppId], pubsub.Root.Strings("scopes"));
        var group = MetadataValue(pubsub, "consumerGroup") ?? MetadataValue(pubsub, "consumerID") ?? "{appID}";
        Assert.DoesNotContain("{podName}", group, StringComparison.Ordinal);
        Assert.DoesNotContain("{uuid}", group, StringComparison.Ordinal);
        Assert.Equal("none", MetadataValue(pubsub, "authType"));
    }

    [Fact]
    public void EveryWebReplicaGetsItsOwnKafkaConsumerGroupThroughPubsubWeb()
    {
        var docs = Load("kubernetes");
        var web = Component(docs, "pubsub-web");
        Assert.Equal("pubsub.kafka", web.Root.Str("spec.type"));
        Assert.Equal([DaprNames.WebAppId], web.Root.Strings("scopes"));
        Assert.Equal("{podName}", MetadataValue(web, "consumerID"));
        Assert.Null(MetadataValue(web, "consumerGroup")); // would override consumerID and merge the replicas again
        Assert.Equal("newest", MetadataValue(web, "initialOffset"));
        Assert.Equal(MetadataValue(Component(docs, DaprNames.PubSub), "brokers"), MetadataValue(web, "brokers"));
    }

    [Fact]
    public void LocalComponentsUseTheEmulatorTypesAndGitIgnoredFiles()
    {
        var docs = Load("local");
        Assert.Equal("state.sqlite", Component(docs, DaprNames.StateStore).Root.Str("spec.type"));
        Assert.Equal("../../.dapr/todo.db", MetadataValue(Component(docs, DaprNames.StateStore), "connectionString"));
        Assert.Equal("pubsub.in-memory", Component(docs, DaprNames.PubSub).Root.Str("spec.type"));
        var secrets = Component(docs, DaprNames.SecretStore);
        Assert.Equal("secretstores.local.file", secrets.Root.Str("spec.type"));
        Assert.Equal("../../.dapr/secrets.json", MetadataValue(secrets, "secretsFile"));
        Assert.Equal(":", MetadataValue(secrets, "nestedSeparator"));

        // Relative to src/<App>, both files land in <repo>/.dapr/, which .gitignore must exclude.
        var ignore = File.ReadAllLines(Path.Combine(Repo.Root, ".gitignore")).Select(l => l.Trim());
        Assert.Contains(".dapr/", ignore);
    }

    [Fact]
    public void BothKafkaComponentsBoundTheirConsumerRetry()
    {
        var kafka = Load("kubernetes").OfKind("Component").Where(d => d.Root.Str("spec.type") == "pubsub.kafka").ToList();
        Assert.Equal(2, kafka.Count);
        Assert.Empty(kafka.SelectMany(DaprRules.CheckKafkaRetry));
    }

    [Fact]
    public void DeployMdCreatesEveryTopicInDaprNames()
    {
        // Kafka consumes all topics of a component in one consumer: one topic missing (auto-create off) stalls the
        // component's other subscriptions, so every topic the apps use, dead-letter topics included, is created.
        var topics = typeof(DaprNames).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Topic", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(DaprNames.DiagnosticsDeadLetterTopic, topics);
        Assert.True(topics.Count >= 6, string.Join(", ", topics));

        Assert.Equal(topics, DeployMdTopics(File.ReadAllText(Path.Combine(Repo.Root, "docs", "deploy.md"))));
    }

    /// <summary>The topics of the KafkaTopic creation loop in docs/deploy.md (<c>for t in a b c; do</c>).</summary>
    internal static List<string> DeployMdTopics(string markdown)
    {
        var loop = System.Text.RegularExpressions.Regex.Match(markdown,
            @"^for t in (?<topics>[^;\n]+); do\s*\n(?:.*\n){0,3}?.*kind: KafkaTopic", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(loop.Success, "docs/deploy.md has no `for t in ...; do` loop creating KafkaTopic resources");
        return loop.Groups["topics"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
    }

    private static JsonObject Metadata(YamlDoc component, string name) =>
        Assert.IsType<JsonObject>((component.Root.At("spec.metadata") as JsonArray ?? []).SingleOrDefault(m => m.Str("name") == name), exactMatch: false);

    private static string? MetadataValue(YamlDoc component, string name) =>
        (component.Root.At("spec.metadata") as JsonArray ?? []).SingleOrDefault(m => m.Str("name") == name).Str("value");
}
