using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub;

// Placeholder until the pub/sub building block lands.
internal sealed class InMemoryPubSub
{
    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(new InMemoryPubSub());
}
