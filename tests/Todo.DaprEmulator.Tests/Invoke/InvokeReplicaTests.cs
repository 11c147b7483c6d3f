using System.Net;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Invoke;

/// <summary>Several instances of one app id (replicas, each with its own POD_NAME): invocation reaches all of them.</summary>
public sealed class InvokeReplicaTests
{
    [Fact]
    public async Task InvocationsAreSpreadOverEveryReplicaOfTheCallee()
    {
        await using var first = await TestApp.StartAsync(app => app.MapGet("/who", () => "pod-1"));
        await using var second = await TestApp.StartAsync(app => app.MapGet("/who", () => "pod-2"));
        await using var emulator = await EmulatorFixture.StartAsync([],
        [
            new SidecarOptions { AppId = "app-a" },
            new SidecarOptions { AppId = "app-b", PodName = "app-b-1", AppPort = first.Port },
            new SidecarOptions { AppId = "app-b", PodName = "app-b-2", AppPort = second.Port },
        ]);
        using var http = emulator.Http("app-a");

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await http.GetStringAsync("/v1.0/invoke/app-b/method/who"));
        }

        Assert.Equal(["pod-1", "pod-2"], answers.Distinct().Order());
        Assert.Equal("app-b-2", emulator.Host["app-b", "app-b-2"].Options.PodName);
    }

    [Fact]
    public async Task TwoReplicasWithoutDistinctPodNamesAreRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorFixture.StartAsync([],
        [
            new SidecarOptions { AppId = "app-b" },
            new SidecarOptions { AppId = "app-b" },
        ]));

        Assert.Contains("distinct pod names", error.Message, StringComparison.Ordinal);
    }
}
