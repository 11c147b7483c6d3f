using System.Collections.Concurrent;
using System.Text.Json;
using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Todo.Backend.Features.Chat;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// The LLM key is one key of a secret that holds others too (secretstores.kubernetes returns every key of
/// <c>todo-secrets</c>: the database connection string, the signing key): exactly that key reaches the endpoint, and
/// when it is missing nothing does.
/// </summary>
public sealed class ChatApiKeyTests
{
    private const string RightKey = "sk-the-llm-key";

    [Fact]
    public async Task OnlyTheConfiguredKeyOfAMultiKeySecretIsSentToTheEndpoint()
    {
        await using var llm = await FakeOpenAI.StartAsync();
        await using var store = await MultiKeySecretStore.StartAsync(new Dictionary<string, string>
        {
            // Ordered so that "the first value" is the database password: the old fallback sent exactly that.
            ["postgres-connection-string"] = "host=db password=database-password",
            ["token-signing-key"] = "c2lnbmluZy1rZXktc2lnbmluZy1rZXktc2lnbmluZy1rZXk=",
            ["llm-api-key"] = RightKey,
        });
        var logs = new ListLogger<LazyOpenAIChatClient>();
        using var client = new LazyOpenAIChatClient(Settings(llm, "todo-secrets", "llm-api-key"), store.Dapr, TimeProvider.System, logs);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);

        Assert.Equal("Model says hi", response.Text);
        var request = Assert.Single(llm.Requests);
        Assert.Equal($"Bearer {RightKey}", request);
        Assert.DoesNotContain(logs.Entries, e => e.Contains("database-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingKeyIsLoggedNeverReplacedByAnotherKeyAndRetriedLater()
    {
        await using var llm = await FakeOpenAI.StartAsync();
        var secrets = new Dictionary<string, string>
        {
            ["postgres-connection-string"] = "host=db password=database-password",
            ["token-signing-key"] = "c2lnbmluZy1rZXktc2lnbmluZy1rZXktc2lnbmluZy1rZXk=",
        };
        await using var store = await MultiKeySecretStore.StartAsync(secrets);
        var logs = new ListLogger<LazyOpenAIChatClient>();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = new LazyOpenAIChatClient(Settings(llm, "todo-secrets", "llm-api-key"), store.Dapr, time, logs);

        Assert.False(await client.IsAvailableAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]));

        Assert.Empty(llm.Requests);
        var error = Assert.Single(logs.Entries, e => e.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("has no key llm-api-key", error, StringComparison.Ordinal);
        Assert.Contains("postgres-connection-string, token-signing-key", error, StringComparison.Ordinal); // names only
        Assert.DoesNotContain("database-password", error, StringComparison.Ordinal);

        // The operator adds the key: it is picked up after the retry interval, without a restart.
        secrets["llm-api-key"] = RightKey;
        store.Write(secrets);
        Assert.False(await client.IsAvailableAsync(CancellationToken.None)); // not re-read before the interval
        time.Advance(LazyOpenAIChatClient.RetryUnavailableKeyAfter);
        Assert.True(await client.IsAvailableAsync(CancellationToken.None));
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);
        Assert.Equal($"Bearer {RightKey}", Assert.Single(llm.Requests));
    }

    [Fact]
    public async Task WithoutItsKeyTheChatAnswersOfflineAndTheEndpointIsNeverCalled()
    {
        // The backend's usual local store serves the secret `token-signing-key` with that single key: pointing the
        // chat at it with the key `llm-api-key` is a secret that exists without the LLM key. The old fallback sent
        // the signing key to the endpoint here.
        await using var llm = await FakeOpenAI.StartAsync();
        var logs = new ListLoggerProvider();
        var backend = new BackendFixture
        {
            Settings = new Dictionary<string, string>
            {
                ["Chat:Endpoint"] = llm.Endpoint.ToString(),
                ["Chat:Model"] = "test-model",
                ["Chat:ApiKeySecret"] = "token-signing-key",
                ["Chat:ApiKeySecretKey"] = "llm-api-key",
            },
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs),
        };
        await backend.InitializeAsync();
        try
        {
            var (_, user) = await backend.NewUserAsync();
            await user.CreateTaskAsync("Water the plants");

            var answer = await ChatApiTests.SendAsync(user, null, "what's on my list?");

            Assert.Contains("Water the plants", answer.Reply, StringComparison.Ordinal); // the offline interpreter listed it
            Assert.Empty(llm.Requests);
            Assert.Contains(logs.Entries, e => e.Contains("has no key llm-api-key", StringComparison.Ordinal) && e.Contains("offline", StringComparison.Ordinal));
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }

    private static IConfiguration Settings(FakeOpenAI llm, string secret, string key) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Endpoint"] = llm.Endpoint.ToString(),
            ["Chat:Model"] = "test-model",
            ["Chat:ApiKeySecret"] = secret,
            ["Chat:ApiKeySecretKey"] = key,
        })
        .Build();

    /// <summary>An OpenAI-compatible endpoint on loopback that records the Authorization header of every request.</summary>
    private sealed class FakeOpenAI : IAsyncDisposable
    {
        private readonly TestApp _app;

        private FakeOpenAI(TestApp app) => _app = app;

        public Uri Endpoint => new($"http://127.0.0.1:{_app.Port}/v1");

        public IReadOnlyList<string> Requests => _app.Requests.Select(r => r.Headers.TryGetValue("Authorization", out var a) ? a : "").ToList();

        public static async Task<FakeOpenAI> StartAsync() => new(await TestApp.StartAsync(app =>
            app.MapPost("/v1/chat/completions", () => Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "test-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = "Model says hi" }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            }))));

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly ListLogger<object> _logger = new();

        public ConcurrentQueue<string> Entries => _logger.Entries;

        public ILogger CreateLogger(string categoryName) => _logger;

        public void Dispose()
        {
        }
    }
}
