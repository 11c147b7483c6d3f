using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using Todo.Testing;

namespace Todo.DaprEmulator.Tests.Resiliency;

/// <summary>Resiliency YAML and a counting app for the resiliency tests.</summary>
internal static class ResiliencyKit
{
    /// <summary>A Resiliency resource; <paramref name="policies"/> and <paramref name="targets"/> are indented YAML blocks.</summary>
    public static string Resource(string policies, string targets, string scopes = "", string name = "test-resiliency") => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: {name}
        spec:
          policies:
        {Indent(policies, 4)}
          targets:
        {Indent(targets, 4)}
        {scopes}
        """;

    private static string Indent(string block, int spaces) =>
        string.Join('\n', block.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));

    /// <summary>Caller app-a (no app) and app-b serving <paramref name="app"/>, with the given resources.</summary>
    public static Task<EmulatorFixture> StartPairAsync(TestApp app, params (string File, string Yaml)[] files) =>
        EmulatorFixture.StartAsync(files,
        [
            new SidecarOptions { AppId = "app-a" },
            new SidecarOptions { AppId = "app-b", AppPort = app.Port },
        ]);
}

/// <summary>An app that counts calls to <c>/work</c> and answers with <see cref="Answer"/> (given the 1-based call number).</summary>
internal sealed class CountingApp : IAsyncDisposable
{
    private int _calls;

    private CountingApp(TestApp app) => App = app;

    public TestApp App { get; }

    public int Calls => Volatile.Read(ref _calls);

    public ConcurrentQueue<string> Bodies { get; } = new();

    public Func<int, Task<IResult>> Answer { get; set; } = _ => Task.FromResult(Results.Ok("done"));

    public static async Task<CountingApp> StartAsync()
    {
        CountingApp? self = null;
        var app = await TestApp.StartAsync(web => web.Map("/work", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            self!.Bodies.Enqueue(await reader.ReadToEndAsync());
            return await self.Answer(Interlocked.Increment(ref self._calls));
        }));
        self = new CountingApp(app);
        return self;
    }

    /// <summary>An app that answers every call with <paramref name="status"/> and an empty body.</summary>
    public static async Task<CountingApp> AnsweringAsync(int status)
    {
        var app = await StartAsync();
        app.Answer = _ => Task.FromResult(Results.StatusCode(status));
        return app;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
