namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// Every sidecar hosted by this emulator, by app id: the emulator's stand-in for name resolution. An app id can have
/// several instances (replicas, each with its own <see cref="SidecarOptions.PodName"/>); a lookup spreads calls over
/// them in turn, as Kubernetes name resolution spreads invocations over a Service's pods.
/// </summary>
public sealed class SidecarRegistry
{
    private readonly Dictionary<string, List<Sidecar>> _sidecars = new(StringComparer.Ordinal);
    private readonly List<Sidecar> _all = [];
    private long _turn;

    public IReadOnlyCollection<Sidecar> All => _all;

    /// <summary>One instance of <paramref name="appId"/>, the next in turn; null when there is none.</summary>
    public Sidecar? Find(string appId)
    {
        if (!_sidecars.TryGetValue(appId, out var instances))
        {
            return null;
        }

        return instances.Count == 1 ? instances[0] : instances[(int)((ulong)Interlocked.Increment(ref _turn) % (ulong)instances.Count)];
    }

    /// <summary>Every instance of <paramref name="appId"/>, in the order they were added.</summary>
    public IReadOnlyList<Sidecar> Instances(string appId) => _sidecars.TryGetValue(appId, out var instances) ? instances : [];

    internal void Add(Sidecar sidecar)
    {
        if (!_sidecars.TryGetValue(sidecar.AppId, out var instances))
        {
            _sidecars[sidecar.AppId] = instances = [];
        }
        else if (instances.Any(other => other.Options.PodName == sidecar.Options.PodName))
        {
            throw new ArgumentException(
                $"app id '{sidecar.AppId}' already has a sidecar{(sidecar.Options.PodName is null ? "" : $" for pod '{sidecar.Options.PodName}'")}; " +
                "replicas of one app id need distinct pod names");
        }

        instances.Add(sidecar);
        _all.Add(sidecar);
    }
}
