using System.Xml.Linq;
using Todo.Deployment.Tests.Support;

namespace Todo.Deployment.Tests;

public sealed class ContainerImageTests
{
    private static readonly XDocument s_props = XDocument.Load(Path.Combine(Repo.Root, "build", "Container.props"));

    private static string? Property(string name) => s_props.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault();

    [Fact]
    public void ContainerPropsBuildsANonRootAspNetImageListeningOn8080()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Property("ContainerBaseImage"), StringComparison.Ordinal);
        Assert.Equal("app", Property("ContainerUser"));
        Assert.Equal("true", Property("EnableSdkContainerSupport"));
        var port = Assert.Single(s_props.Descendants("ContainerPort")).Attribute("Include")?.Value;
        Assert.Equal("8080", port);
        var env = Assert.Single(s_props.Descendants("ContainerEnvironmentVariable"), e => e.Attribute("Include")?.Value == "ASPNETCORE_HTTP_PORTS");
        Assert.Equal(port, env.Attribute("Value")?.Value);
    }

    [Theory]
    [InlineData("backend")]
    [InlineData("frontend")]
    public void ImagePortMatchesTheChartContainerPort(string chart)
    {
        var values = Yaml.LoadSingle(Path.Combine(Repo.Chart(chart), "values.yaml"));
        Assert.Equal(
            Assert.Single(s_props.Descendants("ContainerPort")).Attribute("Include")?.Value,
            values.At("containerPort")?.ToString());
    }
}
