using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.State;

// Placeholder until the state building block lands.
internal sealed class PostgresStateStore
{
    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(new PostgresStateStore());
}
