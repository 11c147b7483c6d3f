using System.ClientModel;
using Dapr;
using Dapr.Client;
using Microsoft.Extensions.AI;
using OpenAI;
using Todo.Contracts;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// An <see cref="IChatClient"/> for the OpenAI-compatible endpoint in <c>Chat:Endpoint</c> / <c>Chat:Model</c>. The key
/// is ONE key inside a secret of the Dapr secret store: secret <c>Chat:ApiKeySecret</c>, key <c>Chat:ApiKeySecretKey</c>
/// (Kubernetes: <c>todo-secrets</c> / <c>llm-api-key</c>; locally both default to <c>llm-api-key</c>, which is how
/// <c>secretstores.local.file</c> serves a top-level entry). secretstores.kubernetes answers with every key of the
/// Secret (the database connection string and the signing key too), so the key is taken by name or not at all: no
/// other value is ever sent to the endpoint. It is read on the first message, not at start-up, so a missing secret
/// never stops the backend; while it is missing the chat answers offline (<see cref="LlmOrOfflineAssistant"/>) and the
/// read is retried after <see cref="RetryUnavailableKeyAfter"/>.
/// </summary>
internal sealed class LazyOpenAIChatClient(IConfiguration configuration, DaprClient dapr, TimeProvider time, ILogger<LazyOpenAIChatClient> logger)
    : DelegatingChatClient(new Placeholder())
{
    /// <summary>Default secret name and key for the local file store (one entry per secret).</summary>
    public const string DefaultSecretName = "llm-api-key";

    public static readonly TimeSpan RetryUnavailableKeyAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChatClient? _inner;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Chat:Endpoint"]) && !string.IsNullOrWhiteSpace(configuration["Chat:Model"]);

    /// <summary>True when the key has been read and the model can be called; false (logged) while it cannot.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken) => await TryInnerAsync(cancellationToken) is not null;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await (await InnerAsync(cancellationToken)).GetResponseAsync(messages, options, cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inner = await InnerAsync(cancellationToken);
        await foreach (var update in inner.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }
    }

    private async Task<IChatClient> InnerAsync(CancellationToken cancellationToken) =>
        await TryInnerAsync(cancellationToken)
        ?? throw new InvalidOperationException("The LLM API key is not available from the secret store; see the backend log.");

    private async Task<IChatClient?> TryInnerAsync(CancellationToken cancellationToken)
    {
        if (_inner is not null)
        {
            return _inner;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_inner is null && time.GetUtcNow() >= _retryAt)
            {
                _inner = await ConnectAsync(cancellationToken);
                _retryAt = _inner is null ? time.GetUtcNow() + RetryUnavailableKeyAfter : DateTimeOffset.MinValue;
            }

            return _inner;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChatClient?> ConnectAsync(CancellationToken cancellationToken)
    {
        var secretName = configuration["Chat:ApiKeySecret"] is { Length: > 0 } name ? name : DefaultSecretName;
        var secretKey = configuration["Chat:ApiKeySecretKey"] is { Length: > 0 } key ? key : DefaultSecretName;
        Dictionary<string, string> secret;
        try
        {
            secret = await dapr.GetSecretAsync(DaprNames.SecretStore, secretName, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is DaprException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // Denied by the Configuration's secret scopes, missing Secret, or the sidecar not answering.
            logger.LogError(ex, "Chat: the LLM API key could not be read (secret {Secret} in store {Store}); the chat answers offline and retries in {Retry}",
                secretName, DaprNames.SecretStore, RetryUnavailableKeyAfter);
            return null;
        }

        if (!secret.TryGetValue(secretKey, out var apiKey) || string.IsNullOrWhiteSpace(apiKey))
        {
            // Key names are not secret; they tell the operator what the Secret holds instead.
            logger.LogError("Chat: secret {Secret} in store {Store} has no key {Key} (it has: {Keys}); the chat answers offline and retries in {Retry}. " +
                "Set Chat:ApiKeySecretKey to the key that holds the LLM API key.",
                secretName, DaprNames.SecretStore, secretKey, string.Join(", ", secret.Keys.Order(StringComparer.Ordinal)), RetryUnavailableKeyAfter);
            return null;
        }

        var client = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(configuration["Chat:Endpoint"]!) });
        logger.LogInformation("Chat: LLM API key loaded from secret {Secret}, key {Key}, in store {Store}", secretName, secretKey, DaprNames.SecretStore);
        return client.GetChatClient(configuration["Chat:Model"]).AsIChatClient();
    }

    /// <summary>Stands in for the real client until the key has been read.</summary>
    private sealed class Placeholder : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
