using System.Text.RegularExpressions;
using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

/// <summary>The deployment guide and the README say what the cluster really needs.</summary>
public sealed partial class DeployDocsTests
{
    private static string Read(string relative) => File.ReadAllText(Path.Combine(Repo.Root, relative));

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/deploy.md")]
    public void SupportedDaprVersionsAreStated(string file) =>
        Assert.Matches(SupportedVersions(), Read(file));

    [Fact]
    public void TheDaprHelmChartIsPinnedToASupportedVersion()
    {
        var installs = DaprChartInstall().Matches(Read("docs/deploy.md"));
        Assert.NotEmpty(installs);
        Assert.All(installs, m => Assert.Matches(@"^1\.(17|18|19)\.\d+$", m.Groups["version"].Value));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/deploy.md")]
    [InlineData("dapr-components/kubernetes/pubsub.yaml")]
    [InlineData("dapr-components/kubernetes/resiliency.yaml")]
    [InlineData("helm/backend/values.yaml")]
    [InlineData("helm/frontend/values.yaml")]
    public void NoDocumentClaimsBehaviourDaprdDoesNotHave(string file)
    {
        var text = Read(file);
        // The dead-letter topics are the DaprNames ones, not an older -dlq spelling.
        Assert.DoesNotMatch(@"\b(task-events|reminders)-dlq\b", text);
        // The injector gives the tokens to daprd only (pkg/injector/patcher/sidecar_container.go).
        // These are the phrasings the docs used before.
        Assert.DoesNotMatch(@"(?i)injected into the app as `?DAPR_API_TOKEN|gives it to the app as DAPR_API_TOKEN|injector sets `?DAPR_API_TOKEN`? in the app container", text);
        // daprd retries a state transaction that failed on an ETag conflict when a state retry policy exists.
        Assert.DoesNotMatch(@"(?i)ETag conflicts are not retried by Dapr resiliency", text);
    }

    [GeneratedRegex(@"(?s)[Ss]upported[^.]{0,40}1\.17, 1\.18 and 1\.19")]
    private static partial Regex SupportedVersions();

    [GeneratedRegex(@"helm upgrade --install dapr dapr/dapr --version (?<version>\S+)")]
    private static partial Regex DaprChartInstall();
}
