namespace Todo.Backend.Features.Chat;

/// <summary>
/// The configured LLM while its API key can be read, the offline interpreter otherwise: a missing or wrong key is a
/// logged operator problem, not a broken chat, and no request ever reaches the endpoint without the right key.
/// </summary>
internal sealed class LlmOrOfflineAssistant(LazyOpenAIChatClient model, LlmAssistant llm, OfflineAssistant offline) : IAssistant
{
    public async Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken) =>
        await model.IsAvailableAsync(cancellationToken)
            ? await llm.ReplyAsync(turn, tools, cancellationToken)
            : await offline.ReplyAsync(turn, tools, cancellationToken);
}
