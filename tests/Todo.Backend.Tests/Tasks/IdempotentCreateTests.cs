using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Mcp;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Tasks;

/// <summary>
/// Creates with an idempotency key (REST <c>Idempotency-Key</c>, MCP <c>idempotencyKey</c>): a retry after the answer
/// was lost yields one task and the first answer; the same key with another body is a 422. The crash is real: the
/// backend's publish after the write hangs until the client gives up, which aborts the request mid-way.
/// </summary>
public sealed class IdempotentCreateTests(IdempotentCreateTests.Fixture fixture) : IClassFixture<IdempotentCreateTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public HangingPublish Hang { get; } = new();

        public BackendFixture Backend { get; }

        public Fixture() => Backend = new BackendFixture { ConfigureServices = Hang.Register };

        public Task InitializeAsync() => Backend.InitializeAsync();

        public Task DisposeAsync() => Backend.DisposeAsync();
    }

    [Fact]
    public async Task ARetryAfterTheAnswerWasLostBetweenWriteAndAnswerYieldsOneTaskAndItsEvent()
    {
        var (user, _) = await fixture.Backend.NewUserAsync();
        using var client = Direct(user);
        var key = $"\"{Guid.NewGuid()}\"";

        // First attempt: the task is written, then the publish hangs and the client gives up: no answer.
        using (var cut = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Create(key, "pay the invoice", hang: true), cut.Token));
        }

        Assert.Equal(1, (await List(client)).Total);
        using var retry = await client.SendAsync(Create(key, "pay the invoice"));
        using var again = await client.SendAsync(Create(key, "pay the invoice"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (retry.StatusCode, again.StatusCode));
        var first = await retry.ReadAsync<TaskDto>();
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal($"/api/tasks/{first.Id}", retry.Headers.Location?.OriginalString);
        Assert.Equal([first.Id], (await List(client)).Items.Select(t => t.Id));
        // The event the lost attempt never published comes with the retry (same deterministic id however often).
        await fixture.Backend.WaitForEventAsync(e => e.Type == "com.todo.task.created" && e.IsAbout(first.Id));
    }

    [Fact]
    public async Task WithoutAKeyTheSameRetryDuplicatesTheTask()
    {
        var (user, _) = await fixture.Backend.NewUserAsync();
        using var client = Direct(user);
        using (var cut = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Create(null, "water the plants", hang: true), cut.Token));
        }

        using var retry = await client.SendAsync(Create(null, "water the plants"));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(2, (await List(client)).Total);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefusedAndParallelRepeatsCreateOnce()
    {
        var (user, _) = await fixture.Backend.NewUserAsync();
        using var client = Direct(user);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Create(key, "book flights"))));
        using var other = await client.SendAsync(Create(key, "book hotels"));
        using var otherUser = Direct((await fixture.Backend.NewUserAsync()).User);
        using var sameKeyOtherUser = await otherUser.SendAsync(Create(key, "book hotels"));
        using var empty = await client.SendAsync(Create("", "book trains"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(a => a.ReadAsync<TaskDto>()))).Select(t => t.Id).Distinct());
        Assert.Equal(1, (await List(client)).Total);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("Idempotency-Key", (await other.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, sameKeyOtherUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task McpAddTaskAndAddTasksRetriedWithTheirKeyCreateOnce()
    {
        await using var mcp = await McpSession.StartAsync(fixture.Backend);
        var key = Guid.NewGuid().ToString();

        var one = await mcp.CallOkAsync("add_task", new { title = "Call mom", idempotencyKey = key });
        var oneAgain = await mcp.CallOkAsync("add_task", new { title = "Call mom", idempotencyKey = key });
        var batch = new { tasks = new[] { new { title = "milk" }, new { title = "eggs" } }, idempotencyKey = key + "-shopping" };
        var many = await mcp.CallOkAsync("add_tasks", batch);
        var manyAgain = await mcp.CallOkAsync("add_tasks", batch);
        var reused = await mcp.CallAsync("add_task", new { title = "Call dad", idempotencyKey = key });

        Assert.Equal(one.GetProperty("task").GetProperty("id").GetString(), oneAgain.GetProperty("task").GetProperty("id").GetString());
        Assert.Equal(Ids(many), Ids(manyAgain));
        Assert.Equal(3, (await List(mcp.Rest)).Total);
        Assert.True(reused.IsError);
        Assert.Contains("Idempotency-Key", McpSession.Text(reused));
    }

    private static IEnumerable<string?> Ids(JsonElement result) => result.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString());

    private HttpClient Direct(Todo.Contracts.Accounts.UserProfile user)
    {
        // Straight to the backend's Kestrel, so giving up on a request aborts it in the backend at once.
        var client = fixture.Backend.Direct();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Backend.UserTokenFor(user));
        return client;
    }

    private static HttpRequestMessage Create(string? key, string title, bool hang = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(new CreateTaskRequest(title), options: TodoJson.Options) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (hang)
        {
            request.Headers.Add(HangingPublish.Header, "1");
        }

        return request;
    }

    private static async Task<TaskPage> List(HttpClient client) => await (await client.GetAsync("api/tasks?status=all")).ReadAsync<TaskPage>();

    /// <summary>
    /// Makes the backend's PublishEvent hang, for requests sent with <see cref="Header"/> only, until the request is
    /// aborted: the write has happened, the answer never comes.
    /// </summary>
    public sealed class HangingPublish
    {
        public const string Header = "x-test-hang-publish";

        private static readonly AsyncLocal<bool> Hanging = new();

        public void Register(IServiceCollection services)
        {
            services.AddSingleton<IStartupFilter>(new Filter());
            services.AddSingleton<DaprClient>(provider => new DaprClientBuilder()
                .UseGrpcEndpoint(provider.GetRequiredService<IConfiguration>()["DAPR_GRPC_ENDPOINT"])
                .UseHttpEndpoint(provider.GetRequiredService<IConfiguration>()["DAPR_HTTP_ENDPOINT"])
                .UseJsonSerializationOptions(TodoJson.Options)
                .UseGrpcChannelOptions(new GrpcChannelOptions { HttpHandler = new Handler { InnerHandler = new SocketsHttpHandler() } })
                .Build());
        }

        private sealed class Handler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (Hanging.Value && request.RequestUri!.AbsolutePath.EndsWith("/PublishEvent", StringComparison.Ordinal))
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return await base.SendAsync(request, cancellationToken);
            }
        }

        private sealed class Filter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (HttpContext context, RequestDelegate inner) =>
                {
                    Hanging.Value = context.Request.Headers.ContainsKey(Header);
                    await inner(context);
                });
                next(app);
            };
        }
    }
}
