using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

/// <summary>Each rule the other tests rely on must reject the mistake it is there to catch.</summary>
public sealed class RuleSelfTests
{
    private static YamlDoc Doc(string yaml) => Assert.Single(Yaml.LoadText(yaml));

    private const string GoodComponent = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.postgresql
          version: v1
          metadata:
            - name: connectionString
              secretKeyRef:
                name: todo-secrets
                key: postgres-connection-string
        scopes:
          - todo-backend
        """;

    [Fact]
    public void AWellFormedComponentPassesTheRules()
    {
        Assert.Empty(DaprRules.CheckResource(Doc(GoodComponent)));
        Assert.Empty(DaprRules.CheckScopes(Doc(GoodComponent), required: true));
    }

    [Theory]
    [InlineData("    - name: connectionString\n      secretKeyRef:", "    - name: connectionString\n      value: x\n      secretKeyRef:", "exactly one")]
    [InlineData("  type: state.postgresql", "  type: postgresql", "spec.type")]
    [InlineData("  version: v1", "  version: 1", "spec.version")]
    [InlineData("  name: statestore", "  nam: statestore", "metadata.name")]
    [InlineData("kind: Component", "kind: Component\nspec2: {}", "")]
    public void ComponentRuleRejectsABrokenComponent(string from, string to, string expected)
    {
        var broken = GoodComponent.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(GoodComponent, broken);
        var problems = DaprRules.CheckResource(Doc(broken));
        if (expected.Length == 0)
        {
            Assert.Empty(problems); // an unrelated extra key is not this rule's business
            return;
        }

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ComponentRuleRejectsScopesInsideSpec()
    {
        var broken = GoodComponent.Replace("scopes:\n  - todo-backend", "", StringComparison.Ordinal)
            .Replace("  version: v1", "  version: v1\n  scopes: [todo-backend]", StringComparison.Ordinal);
        Assert.Contains(DaprRules.CheckResource(Doc(broken)), p => p.Contains("top level", StringComparison.Ordinal));
        Assert.NotEmpty(DaprRules.CheckScopes(Doc(broken), required: true));
    }

    [Fact]
    public void ScopeRuleRejectsAnUnknownAppId() =>
        Assert.NotEmpty(DaprRules.CheckScopes(Doc(GoodComponent.Replace("- todo-backend", "- todo-api", StringComparison.Ordinal)), required: true));

    [Fact]
    public void DuplicateNamesAreReported() =>
        Assert.NotEmpty(DaprRules.CheckUniqueNames(Yaml.LoadText(GoodComponent + "\n---\n" + GoodComponent)));

    [Fact]
    public void DuplicateYamlKeysFailToLoad() =>
        Assert.ThrowsAny<Exception>(() => Yaml.LoadText("a: 1\na: 2\n"));

    [Fact]
    public void ResiliencyRuleRejectsUnknownTargetsMissingPoliciesAndUnboundedRetries()
    {
        var doc = Doc("""
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: r
            spec:
              policies:
                retries:
                  forever:
                    policy: constant
                    duration: 1s
                    maxRetries: -1
              targets:
                apps:
                  todo-api:
                    retry: forever
                components:
                  statestore:
                    outbound:
                      timeout: missing
            """);
        var problems = DaprRules.CheckResiliency(doc, new HashSet<string> { "statestore" });
        Assert.Contains(problems, p => p.Contains("bounded", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown app id 'todo-api'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("timeout 'missing'", StringComparison.Ordinal));
        Assert.Contains(DaprRules.CheckResiliency(doc, new HashSet<string>()), p => p.Contains("unknown component 'statestore'", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigurationRuleRejectsAllowByDefaultAndIncompletePolicies()
    {
        var doc = Doc("""
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: c
            spec:
              tracing:
                samplingRate: "5"
              accessControl:
                defaultAction: allow
                policies:
                  - appId: todo-web
                    trustDomain: public
              secrets:
                scopes:
                  - storeName: vault
            """);
        var problems = DaprRules.CheckConfiguration(doc, new HashSet<string> { "secretstore" });
        Assert.Contains(problems, p => p.Contains("defaultAction must be deny", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no namespace", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("samplingRate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown store 'vault'", StringComparison.Ordinal));
    }

    [Fact]
    public void ValuesPathRuleFindsDollarAndDotReferencesAndReportsMissingOnes()
    {
        var values = Yaml.LoadText("image:\n  repository: x\nempty: {}\n")[0].Root;
        const string template = """
            image: {{ .Values.image.repository }}
            {{- range $.Values.image.tags }}{{ end }}
            {{- with .Values.empty }}{{ end }}
            tag: {{ default .Chart.AppVersion .Values.image.tag | quote }}
            # .Values.outside.an.action is not read by helm
            """;
        Assert.Equal(["empty", "image.repository", "image.tag", "image.tags"], Helm.ValuesPaths(template).Order(StringComparer.Ordinal));
        Assert.Equal(["image.tag", "image.tags"], Helm.MissingValues(template, values));
    }

    [Fact]
    public void TemplateResolverReadsValuesAndRefusesWhatItCannotEvaluate()
    {
        var values = Yaml.LoadText("port: 8080\nname: web\n")[0].Root;
        Assert.Equal("8080", Helm.Resolve("{{ .Values.port | quote }}", values));
        Assert.Equal("todo", Helm.Resolve("\"todo\"", values));
        Assert.Throws<InvalidOperationException>(() => Helm.Resolve("{{ .Values.nope }}", values));
        Assert.Throws<InvalidOperationException>(() => Helm.Resolve("{{ .Values.port | add 1 }}", values));
        Assert.Throws<InvalidOperationException>(() => Helm.Resolve("{{ .Values.port }}-{{ .Values.name }}", values));
    }

    [Fact]
    public void SchemaValidationRejectsUnknownKeysWrongTypesAndBadEnums()
    {
        var schema = Path.Combine(Repo.Chart("backend"), "values.schema.json");
        var good = File.ReadAllText(Path.Combine(Repo.Chart("backend"), "values.yaml"));
        Assert.Empty(Schema.Validate(schema, Yaml.LoadText(good)[0].Root));

        Assert.NotEmpty(Schema.Validate(schema, Yaml.LoadText(good + "\nreplicas: 3\n")[0].Root));
        Assert.NotEmpty(Schema.Validate(schema, Yaml.LoadText(good.Replace("containerPort: 8080", "containerPort: \"8080\"", StringComparison.Ordinal))[0].Root));
        Assert.NotEmpty(Schema.Validate(schema, Yaml.LoadText(good.Replace("appId: todo-backend", "appId: backend", StringComparison.Ordinal))[0].Root));
        Assert.NotEmpty(Schema.Validate(schema, Yaml.LoadText(good.Replace("  maxReplicas: 6", "  maxReplicas: 0", StringComparison.Ordinal))[0].Root));
        Assert.NotEmpty(Schema.Validate(schema, Yaml.LoadText(good.Replace("  pullPolicy: IfNotPresent", "  pullPolicy: Sometimes", StringComparison.Ordinal))[0].Root));
    }

    [Fact]
    public void KafkaRetryRuleRejectsTheUnboundedDefaultAndHalfConfiguredBackoffs()
    {
        static YamlDoc Kafka(string metadata) => Doc($"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.kafka
              version: v1
              metadata:
                - name: brokers
                  value: "k:9092"
            {metadata}
            """);

        Assert.Contains(DaprRules.CheckKafkaRetry(Kafka("")), p => p.Contains("backOffMaxRetries", StringComparison.Ordinal));
        Assert.Contains(DaprRules.CheckKafkaRetry(Kafka("    - name: backOffMaxRetries\n      value: \"-1\"\n    - name: backOffPolicy\n      value: constant\n    - name: backOffDuration\n      value: 1s")),
            p => p.Contains("backOffMaxRetries", StringComparison.Ordinal));
        Assert.Contains(DaprRules.CheckKafkaRetry(Kafka("    - name: backOffMaxRetries\n      value: \"3\"\n    - name: backOffPolicy\n      value: exponential")),
            p => p.Contains("backOffMaxInterval", StringComparison.Ordinal));
        Assert.Empty(DaprRules.CheckKafkaRetry(Kafka("    - name: backOffMaxRetries\n      value: \"3\"\n    - name: backOffPolicy\n      value: constant\n    - name: backOffDuration\n      value: 1s")));
    }

    [Fact]
    public void AppOutcomeRuleRejectsAnInvokeBreakerAndAStateRetryOrBreaker()
    {
        var doc = Doc("""
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: r
            spec:
              targets:
                apps:
                  todo-backend:
                    circuitBreaker: cb
                components:
                  statestore:
                    outbound:
                      retry: again
                      circuitBreaker: cb
            """);
        var problems = DaprRules.CheckNoPolicyTrippedByAppOutcomes(doc, "statestore");
        Assert.Contains(problems, p => p.Contains("targets.apps.todo-backend", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("outbound retry 'again'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("outbound circuit breaker 'cb'", StringComparison.Ordinal));
    }

    [Fact]
    public void TopicLoopParserReadsTheLoopAndFailsWithoutIt()
    {
        const string md = "```bash\nfor t in b a c; do\nkubectl apply -n kafka -f - <<EOF\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nEOF\ndone\n```\n";
        Assert.Equal(["a", "b", "c"], DaprComponentTests.DeployMdTopics(md));
        Assert.ThrowsAny<Exception>(() => DaprComponentTests.DeployMdTopics(md.Replace("KafkaTopic", "Kafka", StringComparison.Ordinal)));
    }
}
