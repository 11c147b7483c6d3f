using System.Net;

namespace Todo.DaprEmulator.Tests.State;

public sealed class InMemoryStateStoreTests : StateConformanceTests
{
    protected override HttpStatusCode FirstWriteConflictStatus => HttpStatusCode.Conflict;

    protected override string ComponentYaml(string name, IReadOnlyDictionary<string, string>? extraMetadata = null, IEnumerable<string>? scopes = null) =>
        Todo.Testing.ComponentYaml.Component(name, "state.in-memory", extraMetadata ?? new Dictionary<string, string>(), scopes);
}
