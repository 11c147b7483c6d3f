using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

/// <summary>
/// The charts as the cluster gets them: rendered by the real helm (installed into .tools/ by scripts/test.sh) and
/// validated against the Kubernetes API schema. These fail, never skip, when helm or the validator is missing.
/// </summary>
public sealed class RenderedChartTests
{
    public static TheoryData<string> Charts => new() { "backend", "frontend" };

    /// <summary>Value sets that switch on every optional object, so each template is rendered at least once.</summary>
    public static TheoryData<string, string> Variants => new()
    {
        { "backend", "defaults" },
        { "backend", "everything-on" },
        { "backend", "tokens-off" },
        { "frontend", "defaults" },
        { "frontend", "everything-on" },
        { "frontend", "tokens-off" },
    };

    private static (string, string)[] VariantValues(string variant) => variant switch
    {
        "defaults" => [],
        "everything-on" =>
        [
            ("daprComponents.enabled", "true"), ("networkPolicy.enabled", "true"), ("ingress.enabled", "true"),
            ("autoscaling.enabled", "false"), ("networkPolicy.metricsNamespace", "monitoring"),
            ("ingress.tls[0].secretName", "todo-tls"), ("ingress.tls[0].hosts[0]", "todo.example.com"),
        ],
        "tokens-off" => [("dapr.apiTokenSecret", ""), ("dapr.appTokenSecret", ""), ("shutdown.preStopSleepSeconds", "0")],
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void HelmLintPassesInStrictMode(string chart)
    {
        var (exit, stdout, stderr) = Tools.Run(Tools.HelmPath, "lint", "--strict", Repo.Chart(chart));
        Assert.True(exit == 0, $"helm lint --strict {chart} failed:\n{stdout}\n{stderr}");
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryRenderedManifestValidatesAgainstTheKubernetesApiSchema(string chart, string variant)
    {
        var manifest = Tools.HelmTemplate(chart, VariantValues(variant));
        var results = Tools.ValidateKubernetes(manifest);

        Assert.Contains(results, r => r.Kind == "Deployment" && r.Status == "valid");
        Assert.Empty(results.Where(r => r.Status == "invalid").Select(r => r.ToString()));
        // Only Dapr's own resources are left to DaprRules; everything else went through the Kubernetes schema.
        Assert.All(results.Where(r => r.Status == "skipped"), r => Assert.Contains(r.Kind, new[] { "Component", "Configuration", "Resiliency", "Subscription" }));
        if (variant == "everything-on")
        {
            foreach (var kind in new[] { "Service", "Ingress", "PodDisruptionBudget", "ServiceAccount", "NetworkPolicy", "Role", "RoleBinding", "Component" })
            {
                Assert.Contains(results, r => r.Kind == kind);
            }
        }
    }

    [Fact]
    public void TheSchemaValidatorRejectsWrongTypesMissingFieldsAndUnknownKinds()
    {
        var manifest = Tools.HelmTemplate("frontend");
        var wrongType = Regex.Replace(manifest, @"containerPort: 8080", "containerPort: \"8080\"");
        // Container.name is required by the schema: `- name: frontend` + `image: ...` becomes `- image: ...`.
        var missingName = Regex.Replace(manifest, @"- name: frontend\n\s*image:", "- image:");
        const string unknownKind = "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n";

        Assert.Contains(Tools.ValidateKubernetes(wrongType), r => r.Kind == "Deployment" && r.Status == "invalid" && r.Errors.Any(e => e.Contains("containerPort", StringComparison.Ordinal)));
        Assert.NotEqual(manifest, missingName);
        Assert.Contains(Tools.ValidateKubernetes(missingName), r => r.Kind == "Deployment" && r.Status == "invalid" && r.Errors.Any(e => e.Contains("name", StringComparison.Ordinal)));
        Assert.Equal("invalid", Assert.Single(Tools.ValidateKubernetes(unknownKind)).Status);
    }

    public static TheoryData<string, string, string> TokenCombinations => new()
    {
        { "backend", "api-secret", "app-secret" },
        { "backend", "", "app-secret" },
        { "backend", "api-secret", "" },
        { "backend", "", "" },
        { "frontend", "api-secret", "app-secret" },
        { "frontend", "", "app-secret" },
        { "frontend", "api-secret", "" },
        { "frontend", "", "" },
    };

    [Theory]
    [MemberData(nameof(TokenCombinations))]
    public void EachTokenAnnotationComesWithTheAppEnvFromTheSameSecret(string chart, string apiSecret, string appSecret)
    {
        var deployment = Deployment(Tools.Render(chart, ("dapr.apiTokenSecret", apiSecret), ("dapr.appTokenSecret", appSecret)));

        // The injector gives DAPR_API_TOKEN / APP_API_TOKEN to daprd only; the app container must mount them itself.
        foreach (var (annotation, env, secret) in new[] { ("dapr.io/api-token-secret", "DAPR_API_TOKEN", apiSecret), ("dapr.io/app-token-secret", "APP_API_TOKEN", appSecret) })
        {
            var rendered = Annotation(deployment, annotation);
            var entry = Env(deployment, env);
            if (secret.Length == 0)
            {
                Assert.Null(rendered);
                Assert.Null(entry);
                continue;
            }

            Assert.Equal(secret, rendered);
            Assert.NotNull(entry);
            Assert.Equal(secret, entry.Str("valueFrom.secretKeyRef.name"));
            Assert.Equal("token", entry.Str("valueFrom.secretKeyRef.key")); // the key the injector reads for daprd
            Assert.Null(entry.At("value"));
        }
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void ByDefaultBothTokensAreOnForDaprdAndTheApp(string chart)
    {
        var deployment = Deployment(Tools.Render(chart));
        Assert.Equal("todo-dapr-api-token", Annotation(deployment, "dapr.io/api-token-secret"));
        Assert.Equal("todo-app-api-token", Annotation(deployment, "dapr.io/app-token-secret"));
        Assert.Equal("todo-dapr-api-token", Env(deployment, "DAPR_API_TOKEN").Str("valueFrom.secretKeyRef.name"));
        Assert.Equal("todo-app-api-token", Env(deployment, "APP_API_TOKEN").Str("valueFrom.secretKeyRef.name"));
    }

    [Theory]
    [InlineData("backend", "dapr.extraAnnotations", "dapr.io/api-token-secret")]
    [InlineData("backend", "podAnnotations", "dapr.io/app-token-secret")]
    [InlineData("frontend", "dapr.extraAnnotations", "dapr.io/app-token-secret")]
    [InlineData("frontend", "podAnnotations", "dapr.io/block-shutdown-duration")]
    public void TokenAndShutdownAnnotationsCannotBeSetAroundTheirValues(string chart, string values, string annotation)
    {
        var (exit, _, stderr) = Tools.TryHelmTemplate(chart, ($"string:{values}.{annotation.Replace(".", "\\.", StringComparison.Ordinal)}", "x"));
        Assert.NotEqual(0, exit);
        Assert.Contains($"must not set {annotation}", stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, int, int> ShutdownSettings => new()
    {
        { "backend", 5, 20, 10 },
        { "backend", 0, 45, 3 },
        { "frontend", 5, 20, 10 },
        { "frontend", 10, 60, 15 },
    };

    [Theory]
    [MemberData(nameof(ShutdownSettings))]
    public void RolloutsDrainTheAppBeforeTheSidecarAndTheKubeletWaitsForBoth(string chart, int preStop, int appTimeout, int sidecarGrace)
    {
        var deployment = Deployment(Tools.Render(chart,
            ("shutdown.preStopSleepSeconds", preStop.ToString(CultureInfo.InvariantCulture)),
            ("shutdown.appTimeoutSeconds", appTimeout.ToString(CultureInfo.InvariantCulture)),
            ("shutdown.sidecarGracefulSeconds", sidecarGrace.ToString(CultureInfo.InvariantCulture))));

        var block = Annotation(deployment, "dapr.io/block-shutdown-duration");
        Assert.NotNull(block);
        Assert.Matches(@"^\d+s$", block);
        var blockSeconds = int.Parse(block.TrimEnd('s'), CultureInfo.InvariantCulture);
        var graceful = int.Parse(Annotation(deployment, "dapr.io/graceful-shutdown-seconds") ?? "", CultureInfo.InvariantCulture);
        var appShutdown = int.Parse(Env(deployment, "DOTNET_SHUTDOWNTIMEOUTSECONDS").Str("value") ?? "", CultureInfo.InvariantCulture);
        var sleep = deployment.Root.At("spec.template.spec.containers") is JsonArray containers
            ? (int?)containers[0].At("lifecycle.preStop.sleep.seconds")?.GetValue<long>() ?? 0
            : 0;
        var grace = deployment.Root.At("spec.template.spec.terminationGracePeriodSeconds")?.GetValue<long>();

        Assert.Equal(appTimeout, appShutdown);
        Assert.Equal(preStop, sleep);
        Assert.Equal(sidecarGrace, graceful);
        // daprd stops its subscriptions at SIGTERM but must keep serving the app while the app still drains ...
        Assert.True(blockSeconds >= sleep + appShutdown, $"block-shutdown-duration {blockSeconds}s < preStop {sleep}s + app drain {appShutdown}s");
        // ... and the kubelet must not kill the pod before daprd has finished its own graceful shutdown.
        Assert.NotNull(grace);
        Assert.True(grace >= blockSeconds + graceful, $"terminationGracePeriodSeconds {grace} < {blockSeconds} + {graceful}");
    }

    [Fact]
    public void TheBackendReadsTheLlmKeyAsOneKeyOfTodoSecrets()
    {
        var deployment = Deployment(Tools.Render("backend"));
        Assert.Equal("todo-secrets", Env(deployment, "Chat__ApiKeySecret").Str("value"));
        Assert.Equal("llm-api-key", Env(deployment, "Chat__ApiKeySecretKey").Str("value"));
        Assert.Equal("todo-secrets", Env(deployment, "Auth__SigningKeySecret").Str("value"));
        Assert.Equal("token-signing-key", Env(deployment, "Auth__SigningKeySecretKey").Str("value"));
    }

    [Fact]
    public void TheConfigurationsSecretScopesAllowExactlyTheSecretsTheAppsRead()
    {
        // Every secret name an app asks the `secretstore` for, as the charts configure the apps: the env the chart
        // renders, or else the app's own default (appsettings.json, then the code's default).
        var read = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (chart, project) in new[] { ("backend", "Todo.Backend"), ("frontend", "Todo.Web") })
        {
            var deployment = Deployment(Tools.Render(chart));
            var appsettings = Path.Combine(Repo.Root, "src", project, "appsettings.json");
            var defaults = File.Exists(appsettings) ? JsonNode.Parse(File.ReadAllText(appsettings), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }) : null;
            foreach (var (setting, fallback) in new[] { ("Auth:SigningKeySecret", Todo.Contracts.Accounts.UserTokenDefaults.SigningKeySecretName), ("Chat:ApiKeySecret", null) })
            {
                var name = Env(deployment, setting.Replace(":", "__", StringComparison.Ordinal)).Str("value")
                    ?? defaults.Str(setting.Replace(':', '.'))
                    ?? fallback;
                if (name is { Length: > 0 })
                {
                    read.Add(name);
                }
            }
        }

        Assert.NotEmpty(read);
        var configurations = new[]
        {
            Assert.Single(DaprRules.LoadFolder(Repo.KubernetesComponents).OfKind("Configuration")),
            Assert.Single(Tools.Render("backend", ("daprComponents.enabled", "true")).OfKind("Configuration")),
        };
        foreach (var configuration in configurations)
        {
            var scope = Assert.Single(configuration.Root.At("spec.secrets.scopes") as JsonArray ?? [], s => s.Str("storeName") == "secretstore");
            Assert.Equal("deny", scope.Str("defaultAccess"));
            Assert.Equal(read, new SortedSet<string>(scope.Strings("allowedSecrets"), StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void RenderedKafkaComponentsBoundTheirConsumerRetries(string chart)
    {
        var kafka = Tools.Render(chart, ("daprComponents.enabled", "true")).OfKind("Component").Where(c => c.Root.Str("spec.type") == "pubsub.kafka").ToList();
        Assert.NotEmpty(kafka);
        Assert.All(kafka, c => Assert.Empty(DaprRules.CheckKafkaRetry(c)));
    }

    [Theory]
    [InlineData("backend", "todo-backend")]
    [InlineData("frontend", "todo-web")]
    public void TheAppExportsItsTelemetryToTheCollectorDaprTracesTo(string chart, string appId)
    {
        var deployment = Deployment(Tools.Render(chart));
        var off = Deployment(Tools.Render(chart, ("telemetry.otlpEndpoint", "")));

        Assert.Equal("http://otel-collector.observability.svc.cluster.local:4317", Env(deployment, "OTEL_EXPORTER_OTLP_ENDPOINT").Str("value"));
        Assert.Equal(appId, Env(deployment, "OTEL_SERVICE_NAME").Str("value"));
        Assert.Null(Env(off, "OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public void TheWebsIngressRefusesTheSidecarOnlyRoutesAtTheEdge()
    {
        var ingresses = Tools.Render("frontend").OfKind("Ingress").ToList();
        var blocked = Assert.Single(ingresses, i => i.Root.Str("metadata.name") == "todo-web-sidecar-only");
        var paths = (blocked.Root.At("spec.rules") as JsonArray)!.SelectMany(rule => (rule.At("http.paths") as JsonArray)!).ToList();

        Assert.Equal("0.0.0.0/0,::/0", (blocked.Root.At("metadata.annotations") as JsonObject)?["nginx.ingress.kubernetes.io/denylist-source-range"]?.ToString());
        Assert.Equal(["/events", "/dapr"], paths.Select(p => p.Str("path")));
        Assert.All(paths, p => Assert.Equal("Prefix", p.Str("pathType")));
        Assert.DoesNotContain(Tools.Render("frontend", ("ingress.blockSidecarOnlyRoutes", "false")).OfKind("Ingress"),
            i => i.Root.Str("metadata.name") == "todo-web-sidecar-only");
    }

    private static YamlDoc Deployment(IEnumerable<YamlDoc> docs) => Assert.Single(docs.OfKind("Deployment"));

    private static string? Annotation(YamlDoc deployment, string name) =>
        (deployment.Root.At("spec.template.metadata.annotations") as JsonObject)?[name]?.ToString();

    private static JsonNode? Env(YamlDoc deployment, string name)
    {
        var container = (deployment.Root.At("spec.template.spec.containers") as JsonArray)?[0];
        return (container.At("env") as JsonArray ?? []).SingleOrDefault(e => e.Str("name") == name);
    }
}
