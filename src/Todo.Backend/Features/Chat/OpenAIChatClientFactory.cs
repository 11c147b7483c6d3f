using System.ClientModel;
using Dapr.Client;
using Microsoft.Extensions.AI;
using OpenAI;
using Todo.Contracts;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// An <see cref="IChatClient"/> for the OpenAI-compatible endpoint in <c>Chat:Endpoint</c> / <c>Chat:Model</c>. The key
/// is read from the Dapr secret store (secret <c>Chat:ApiKeySecret</c>, default <c>llm-api-key</c>) on the first
/// message, not at start-up, so a missing secret never stops the backend from starting.
/// </summary>
internal sealed class LazyOpenAIChatClient(IConfiguration configuration, DaprClient dapr) : DelegatingChatClient(new Placeholder())
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChatClient? _inner;

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Chat:Endpoint"]) && !string.IsNullOrWhiteSpace(configuration["Chat:Model"]);

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

    private async Task<IChatClient> InnerAsync(CancellationToken cancellationToken)
    {
        if (_inner is not null)
        {
            return _inner;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_inner is null)
            {
                var secretName = configuration["Chat:ApiKeySecret"] is { Length: > 0 } name ? name : "llm-api-key";
                var secret = await dapr.GetSecretAsync(DaprNames.SecretStore, secretName, cancellationToken: cancellationToken);
                var key = secret.TryGetValue(secretName, out var value) ? value : secret.Values.FirstOrDefault() ?? "";
                var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(configuration["Chat:Endpoint"]!) });
                _inner = client.GetChatClient(configuration["Chat:Model"]).AsIChatClient();
            }

            return _inner;
        }
        finally
        {
            _gate.Release();
        }
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
