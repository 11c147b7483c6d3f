namespace Todo.DaprEmulator.Hosting;

/// <summary>Every sidecar hosted by this emulator, by app id: the emulator's stand-in for name resolution.</summary>
public sealed class SidecarRegistry
{
    private readonly Dictionary<string, Sidecar> _sidecars = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Sidecar> All => _sidecars.Values;

    public Sidecar? Find(string appId) => _sidecars.GetValueOrDefault(appId);

    internal void Add(Sidecar sidecar) => _sidecars.Add(sidecar.AppId, sidecar);
}
