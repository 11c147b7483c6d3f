using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// A stand-in for an LLM: the first call of a turn answers with the scripted function calls, the next (after the
/// tool results came back) with a text that quotes the first tool result. Records what it was offered.
/// </summary>
public sealed class ScriptedChatClient(Func<string, IReadOnlyList<FunctionCallContent>> script) : IChatClient
{
    public ConcurrentQueue<ChatOptions?> Offered { get; } = new();

    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Received { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Offered.Enqueue(options);
        Received.Enqueue(list);
        var results = list.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        if (results.Count == 0)
        {
            var userText = list.Last(m => m.Role == ChatRole.User).Text;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [.. script(userText)])));
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Model says: {results[0].Result}")));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
