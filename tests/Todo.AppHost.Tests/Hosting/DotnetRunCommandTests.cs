using Todo.AppHost.Processes;

namespace Todo.AppHost.Tests.Hosting;

public sealed class DotnetRunCommandTests
{
    [Fact]
    public void NoBuildGoesBeforeTheArgumentsMeantForTheApp()
    {
        Assert.Equal(["dotnet", "run", "--no-launch-profile", "--no-build"], DotnetRunCommand.WithNoBuild(["dotnet", "run", "--no-launch-profile"]));
        Assert.Equal(["dotnet", "run", "--no-build", "--", "--urls", "x"], DotnetRunCommand.WithNoBuild(["dotnet", "run", "--", "--urls", "x"]));
    }

    [Fact]
    public void CommandsThatAreNotDotnetRunOrAlreadySkipTheBuildAreLeftAlone()
    {
        Assert.Equal(["python3", "app.py"], DotnetRunCommand.WithNoBuild(["python3", "app.py"]));
        Assert.Equal(["dotnet", "run", "--no-build"], DotnetRunCommand.WithNoBuild(["dotnet", "run", "--no-build"]));
        Assert.Equal(["dotnet", "bin/App.dll"], DotnetRunCommand.WithNoBuild(["dotnet", "bin/App.dll"]));
    }

    [Fact]
    public void TheUpFrontBuildUsesTheSameProjectAndConfigurationAsTheRunCommand()
    {
        var args = DotnetRunCommand.BuildArguments(["dotnet", "run", "--project", "Api.csproj", "-c", "Release", "--no-launch-profile", "--", "-c", "app-arg"]);

        Assert.Equal(["build", "Api.csproj", "-c", "Release"], args.Take(4));
        Assert.Single(args, a => a == "-c");
    }
}
