using Todo.Backend.Features.Mcp;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// What a tool call returned in the chat: the text the model reads (the same text <c>/mcp</c> sends) and the typed
/// result (<see cref="TaskResult"/>, <see cref="TasksResult"/> or <see cref="TaskPage"/>), null for an error.
/// </summary>
internal sealed record ToolOutcome(bool IsError, string Text, object? Value)
{
    public static ToolOutcome Success(object value, string text) => new(false, text, value);

    public static ToolOutcome Failure(string message) => new(true, message, null);

    /// <summary>Tasks the call created, changed or listed, in order.</summary>
    public IReadOnlyList<string> TaskIds => Value switch
    {
        TaskResult one => [one.Task.Id],
        MovedTask moved => [moved.Task.Id],
        AssignedTask assigned => [assigned.Task.Id],
        TasksResult many => [.. many.Tasks.Select(t => t.Id)],
        TaskPage page => [.. page.Items.Select(t => t.Id)],
        _ => [],
    };

    public T? Read<T>() where T : class => Value as T;
}
