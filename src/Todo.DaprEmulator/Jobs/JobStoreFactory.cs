using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// daprd keeps jobs in the Scheduler's etcd; the emulator keeps them next to the state: in the first
/// <c>state.sqlite</c> or <c>state.postgresql</c> component declared, otherwise in memory.
/// </summary>
internal static class JobStoreFactory
{
    public static IJobStore Create(ComponentRegistry components, EmulatorOptions options)
    {
        foreach (var component in components.All)
        {
            if (!component.ResolvedMetadata.TryGetValue("connectionString", out var connectionString) || string.IsNullOrWhiteSpace(connectionString))
            {
                continue;
            }

            switch (component.Definition.Type)
            {
                case "state.sqlite" when SqliteJobStore.ResolvePath(connectionString, options.WorkingDirectory) is { } path:
                    return new SqliteJobStore(path);
                case "state.postgresql":
                    return new PostgresJobStore(connectionString);
            }
        }

        return new InMemoryJobStore();
    }
}
