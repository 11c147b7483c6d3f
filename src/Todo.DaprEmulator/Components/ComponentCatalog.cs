using Todo.DaprEmulator.PubSub;
using Todo.DaprEmulator.PubSub.Kafka;
using Todo.DaprEmulator.Secrets;
using Todo.DaprEmulator.State;

namespace Todo.DaprEmulator.Components;

/// <summary>The component types this emulator implements, keyed by <c>spec.type</c>.</summary>
internal static class ComponentCatalog
{
    public static readonly IReadOnlyDictionary<string, ComponentFactory> Factories =
        new Dictionary<string, ComponentFactory>(StringComparer.Ordinal)
        {
            ["state.in-memory"] = InMemoryStateStore.CreateAsync,
            ["state.sqlite"] = SqliteStateStore.CreateAsync,
            ["state.postgresql"] = PostgresStateStore.CreateAsync,
            ["pubsub.in-memory"] = InMemoryPubSub.CreateAsync,
            ["pubsub.kafka"] = KafkaPubSub.CreateAsync,
            ["secretstores.local.file"] = LocalFileSecretStore.CreateAsync,
            ["secretstores.local.env"] = LocalEnvSecretStore.CreateAsync,
            ["secretstores.kubernetes"] = KubernetesSecretStore.CreateAsync,
        };
}
