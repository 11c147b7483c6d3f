using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Contracts;
using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

public sealed class HelmChartTests
{
    public static TheoryData<string, string> Charts => new()
    {
        { "backend", DaprNames.BackendAppId },
        { "frontend", DaprNames.WebAppId },
    };

    private static JsonNode? Values(string chart) => Yaml.LoadSingle(Path.Combine(Repo.Chart(chart), "values.yaml"));

    private static string Template(string chart, string file) => File.ReadAllText(Path.Combine(Repo.Chart(chart), "templates", file));

    [Theory]
    [MemberData(nameof(Charts))]
    public void ChartYamlIsAHelm3ChartNamedAfterItsFolder(string chart, string appId)
    {
        _ = appId;
        var root = Yaml.LoadSingle(Path.Combine(Repo.Chart(chart), "Chart.yaml"));
        Assert.Equal("v2", root.Str("apiVersion"));
        Assert.Equal(chart, root.Str("name"));
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", root.Str("version") ?? "");
        Assert.False(string.IsNullOrWhiteSpace(root.Str("appVersion")));
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void EveryValuesPathUsedInTemplatesExistsInValuesYaml(string chart, string appId)
    {
        _ = appId;
        var values = Values(chart);
        var missing = new List<string>();
        var used = 0;
        foreach (var file in Helm.TemplateFiles(Repo.Chart(chart)))
        {
            var text = File.ReadAllText(file);
            used += Helm.ValuesPaths(text).Count;
            missing.AddRange(Helm.MissingValues(text, values).Select(p => $"{Path.GetFileName(file)}: .Values.{p}"));
        }

        Assert.True(used > 30, $"only {used} .Values references found; is the regex still matching?");
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void ValuesYamlValidatesAgainstValuesSchemaJson(string chart, string appId)
    {
        _ = appId;
        var schemaPath = Path.Combine(Repo.Chart(chart), "values.schema.json");
        Assert.Equal("http://json-schema.org/draft-07/schema#", JsonNode.Parse(File.ReadAllText(schemaPath)).Str("$schema"));
        Assert.False(JsonNode.Parse(File.ReadAllText(schemaPath))!["additionalProperties"]!.GetValue<bool>());
        Assert.Empty(Schema.Validate(schemaPath, Values(chart)));
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void DeploymentCarriesTheDaprAppIdAndAnAppPortEqualToTheContainerPort(string chart, string appId)
    {
        var values = Values(chart);
        var deployment = Template(chart, "deployment.yaml");

        Assert.Equal("true", Helm.Resolve(Helm.LineValue(deployment, "dapr.io/enabled"), values));
        Assert.Equal(appId, Helm.Resolve(Helm.LineValue(deployment, "dapr.io/app-id"), values));

        var appPort = Helm.Resolve(Helm.LineValue(deployment, "dapr.io/app-port"), values);
        Assert.Equal(appPort, Helm.Resolve(Helm.LineValue(deployment, "containerPort"), values));
        Assert.Equal(appPort, Helm.Resolve(Helm.EnvValue(deployment, "ASPNETCORE_HTTP_PORTS"), values));
        Assert.Equal("8080", appPort);

        // The Configuration the sidecar is told to load must exist.
        var config = Helm.Resolve(Helm.LineValue(deployment, "dapr.io/config"), values);
        Assert.Contains(DaprRules.LoadFolder(Repo.KubernetesComponents).OfKind("Configuration"), d => d.Name() == config);

        foreach (var annotation in new[] { "dapr.io/log-level", "dapr.io/enable-api-logging", "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-memory-request", "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-memory-limit" })
        {
            Assert.False(string.IsNullOrWhiteSpace(Helm.Resolve(Helm.LineValue(deployment, annotation), values)), annotation);
        }

        // The token annotations are rendered only when their value is set; by default both are.
        foreach (var (annotation, path) in new[] { ("dapr.io/api-token-secret", "dapr.apiTokenSecret"), ("dapr.io/app-token-secret", "dapr.appTokenSecret") })
        {
            Assert.Matches(new Regex($@"\{{\{{- with \.Values\.{Regex.Escape(path)} \}}\}}\s*\n\s*{Regex.Escape(annotation)}: \{{\{{ \. \| quote \}}\}}"), deployment);
            Assert.False(string.IsNullOrWhiteSpace(values.Str(path)), path);
        }
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void DeploymentExposesPodNameAndProbesHealthAndAlive(string chart, string appId)
    {
        _ = appId;
        var deployment = Template(chart, "deployment.yaml");
        Assert.Matches(new Regex(@"- name: POD_NAME\s*\n\s*valueFrom:\s*\n\s*fieldRef:\s*\n\s*fieldPath: metadata\.name"), deployment);
        Assert.Matches(new Regex(@"readinessProbe:\s*\n\s*httpGet:\s*\n\s*path: /health\s*\n\s*port: http\s*\n"), deployment);
        Assert.Matches(new Regex(@"livenessProbe:\s*\n\s*httpGet:\s*\n\s*path: /alive\s*\n\s*port: http\s*\n"), deployment);
        // Port name "http" must be the container port.
        Assert.Matches(new Regex(@"- name: http\s*\n\s*containerPort: \{\{ \.Values\.containerPort \}\}"), deployment);
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void PodsRunAsTheNonRootAppUserWithAReadOnlyRootFilesystem(string chart, string appId)
    {
        _ = appId;
        var values = Values(chart);
        Assert.Equal(true, values.At("podSecurityContext.runAsNonRoot")?.GetValue<bool>());
        Assert.Equal(1654L, values.At("podSecurityContext.runAsUser")?.GetValue<long>());
        Assert.Equal("RuntimeDefault", values.Str("podSecurityContext.seccompProfile.type"));
        Assert.Equal(true, values.At("securityContext.readOnlyRootFilesystem")?.GetValue<bool>());
        Assert.Equal(false, values.At("securityContext.allowPrivilegeEscalation")?.GetValue<bool>());
        Assert.Equal(["ALL"], values.Strings("securityContext.capabilities.drop"));

        var deployment = Template(chart, "deployment.yaml");
        Assert.Contains("{{- toYaml .Values.podSecurityContext | nindent 8 }}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- toYaml .Values.securityContext | nindent 12 }}", deployment, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"- name: tmp\s*\n\s*mountPath: /tmp"), deployment);
        Assert.Matches(new Regex(@"- name: tmp\s*\n\s*emptyDir: \{\}"), deployment);
    }

    [Fact]
    public void FrontendSubscribesThroughPubsubWebAndCallsTheBackendAppId()
    {
        var values = Values("frontend");
        var deployment = Template("frontend", "deployment.yaml");
        var pubsub = Helm.Resolve(Helm.EnvValue(deployment, "Dapr__SubscriptionPubSub"), values);
        Assert.Equal("pubsub-web", pubsub);
        var component = Assert.Single(DaprRules.LoadFolder(Repo.KubernetesComponents).OfKind("Component"), d => d.Name() == pubsub);
        Assert.Contains(DaprNames.WebAppId, component.Root.Strings("scopes"));
        Assert.Equal(DaprNames.BackendAppId, Helm.Resolve(Helm.EnvValue(deployment, "Backend__AppId"), values));
    }

    [Fact]
    public void BackendPassesMcpAllowedOriginsAndExposesOnlyMcpThroughItsDisabledIngress()
    {
        var values = Values("backend");
        Assert.Contains(".Values.mcp.allowedOrigins", Helm.EnvValue(Template("backend", "deployment.yaml"), "Mcp__AllowedOrigins"), StringComparison.Ordinal);
        Assert.Equal(false, values.At("ingress.enabled")?.GetValue<bool>());
        var paths = Regex.Matches(Template("backend", "ingress.yaml"), @"^\s*- path: (\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(["/mcp"], paths);
    }

    [Fact]
    public void FrontendIngressKeepsBlazorCircuitsOnOneReplicaWithLongTimeouts()
    {
        var annotations = Assert.IsType<JsonObject>(Values("frontend").At("ingress.annotations"), exactMatch: false);
        string? Annotation(string name) => annotations[name]?.ToString();
        Assert.Equal("cookie", Annotation("nginx.ingress.kubernetes.io/affinity"));
        Assert.True(int.Parse(Annotation("nginx.ingress.kubernetes.io/proxy-read-timeout")!, System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        Assert.True(int.Parse(Annotation("nginx.ingress.kubernetes.io/proxy-send-timeout")!, System.Globalization.CultureInfo.InvariantCulture) >= 3600);
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void ChartHasTheExpectedObjectsAndOptionalDaprComponentsAreOffByDefault(string chart, string appId)
    {
        _ = appId;
        var kinds = Helm.TemplateFiles(Repo.Chart(chart))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^kind: (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
            .ToHashSet();
        foreach (var kind in new[] { "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceAccount", "NetworkPolicy", "Role", "RoleBinding", "Component" })
        {
            Assert.Contains(kind, kinds);
        }

        Assert.Contains("apiVersion: autoscaling/v2", Template(chart, "hpa.yaml"), StringComparison.Ordinal);
        Assert.Equal(false, Values(chart).At("daprComponents.enabled")?.GetValue<bool>());
        Assert.Equal(false, Values(chart).At("networkPolicy.enabled")?.GetValue<bool>());
        Assert.Contains("daprd", Template(chart, "NOTES.txt"), StringComparison.Ordinal);
        Assert.Contains("dapr components -k", Template(chart, "NOTES.txt"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void ChartDaprTemplatesMatchTheKubernetesComponentFiles(string chart, string appId)
    {
        _ = appId;
        var files = DaprRules.LoadFolder(Repo.KubernetesComponents);
        var templates = Directory.EnumerateFiles(Path.Combine(Repo.Chart(chart), "templates", "dapr")).ToList();
        Assert.NotEmpty(templates);
        foreach (var template in templates)
        {
            var text = File.ReadAllText(template);
            Assert.StartsWith("{{- if .Values.daprComponents.enabled }}", text, StringComparison.Ordinal);
            var kind = Regex.Match(text, @"^kind: (\w+)", RegexOptions.Multiline).Groups[1].Value;
            var rawName = Regex.Match(text, @"^  name: (.+)$", RegexOptions.Multiline).Groups[1].Value;
            var name = Helm.Resolve(rawName, Values(chart));
            var original = Assert.Single(files, d => d.Root.Str("kind") == kind && d.Name() == name);
            if (kind == "Component")
            {
                Assert.Contains($"type: {original.Root.Str("spec.type")}\n", text, StringComparison.Ordinal);
                foreach (var scope in original.Root.Strings("scopes"))
                {
                    Assert.Matches(new Regex($@"scopes:(\s*\n\s*- .+)*\s*\n\s*- ({Regex.Escape(scope)}|\{{\{{ \.Values\.dapr\.appId \}}\}})\s*\n"), text);
                }
            }
        }
    }
}
