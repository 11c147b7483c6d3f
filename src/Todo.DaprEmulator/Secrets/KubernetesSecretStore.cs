using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.Secrets;

/// <summary>
/// <c>secretstores.kubernetes</c> answering as components-contrib's store does
/// (dapr/components-contrib secretstores/kubernetes/kubernetes.go, v1.17.8 and v1.18.4 alike), with the cluster's
/// Secrets read from a local file of Secret manifests (<see cref="SecretManifests"/>) instead of the API server.
/// <list type="bullet">
/// <item>GetSecret(name) returns every key of the Secret; a missing one fails with the API server's
/// <c>secrets "name" not found</c>.</item>
/// <item>BulkGetSecret lists every Secret of the namespace, each with every key.</item>
/// <item>The namespace is the request's <c>namespace</c> metadata, else the sidecar's NAMESPACE, else the component's
/// <c>defaultNamespace</c>, else an error (getNamespaceFromMetadata).</item>
/// </list>
/// Where the file is: the component's metadata <c>emulatorSecretsFile</c> (an emulator addition; contrib ignores
/// unknown metadata, so the same YAML still works on daprd), else the emulator's
/// <see cref="Hosting.EmulatorOptions.KubernetesSecretsFile"/>, so that a component written for the cluster
/// (<c>metadata: []</c>) loads unchanged. The file is re-read on every call, as a cluster's Secrets can change while
/// the app runs. Not modelled: RBAC (daprd's service account may be refused <c>get</c> or <c>list</c>).
/// </summary>
internal sealed class KubernetesSecretStore(string path, string? sidecarNamespace, string? defaultNamespace) : ISecretStore
{
    /// <summary>The metadata field of ours that points the component at the manifests file.</summary>
    public const string FileMetadata = "emulatorSecretsFile";

    public static ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken)
    {
        var file = context.Get(FileMetadata) ?? context.KubernetesSecretsFile
            ?? throw ComponentLoadException.For(context.Definition,
                $"no Kubernetes Secrets to read: set the component's metadata '{FileMetadata}' (an emulator addition) or the " +
                "emulator's Kubernetes secrets file (--kubernetes-secrets FILE) to a file in the form 'kubectl get secret -o yaml' prints");
        var store = new KubernetesSecretStore(context.ResolvePath(file), context.Namespace, context.Get("defaultNamespace"));
        store.Read(); // a missing or unreadable file fails start-up, as an unreachable API server fails daprd's init
        return ValueTask.FromResult<object>(store);
    }

    public Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var @namespace = NamespaceOf(metadata);
        if (!Read().TryGetValue(@namespace, out var secrets) || !secrets.TryGetValue(name, out var secret))
        {
            // client-go's StatusError for a 404 (k8s.io/apimachinery pkg/api/errors, NewNotFound).
            throw new InvalidOperationException($"secrets \"{name}\" not found");
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>?>(secret);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetBulkSecretAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var @namespace = NamespaceOf(metadata);
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets =
            Read().TryGetValue(@namespace, out var found) ? found : new Dictionary<string, IReadOnlyDictionary<string, string>>();
        return Task.FromResult(secrets);
    }

    private string NamespaceOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue("namespace", out var requested) && requested.Length > 0)
        {
            return requested;
        }

        if (!string.IsNullOrEmpty(sidecarNamespace))
        {
            return sidecarNamespace;
        }

        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            return defaultNamespace;
        }

        throw new InvalidOperationException("namespace is missing on metadata and NAMESPACE env variable, and no default namespace is set");
    }

    // A manifest without metadata.namespace belongs where `kubectl apply` would put it: the namespace of the sidecars,
    // else "default".
    private Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>> Read() =>
        SecretManifests.Read(path, string.IsNullOrEmpty(sidecarNamespace) ? "default" : sidecarNamespace);
}
