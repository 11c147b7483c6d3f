namespace Todo.DaprEmulator.State;

/// <summary>
/// daprd's key prefixing (component metadata <c>keyPrefix</c>, case-insensitive): <c>appid</c> (default) stores
/// <c>&lt;appId&gt;||&lt;key&gt;</c>, <c>name</c> the component name, <c>namespace</c> <c>&lt;NAMESPACE&gt;.&lt;appId&gt;</c>,
/// <c>none</c> the bare key, anything else is used literally as the prefix.
/// </summary>
internal sealed record StateKeyPrefix(StateKeyPrefixKind Kind, string Custom = "")
{
    public const string Separator = "||";

    public static readonly StateKeyPrefix AppId = new(StateKeyPrefixKind.AppId);

    public static StateKeyPrefix Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "appid" => AppId,
        "name" => new(StateKeyPrefixKind.Name),
        "namespace" => new(StateKeyPrefixKind.Namespace),
        "none" => new(StateKeyPrefixKind.None),
        _ => new(StateKeyPrefixKind.Custom, value),
    };

    /// <summary>The stored key, or null when the app id/namespace yields no prefix (daprd then stores the bare key).</summary>
    public string Apply(string key, string storeName, string appId, string? @namespace)
    {
        var prefix = Kind switch
        {
            StateKeyPrefixKind.AppId => appId,
            StateKeyPrefixKind.Name => storeName,
            StateKeyPrefixKind.Namespace => string.IsNullOrEmpty(@namespace) ? appId : $"{@namespace}.{appId}",
            StateKeyPrefixKind.Custom => Custom,
            _ => "",
        };
        return prefix.Length == 0 ? key : prefix + Separator + key;
    }

    /// <summary>daprd's GetOriginalStateKey: everything after the first separator.</summary>
    public static string Strip(string storedKey)
    {
        var index = storedKey.IndexOf(Separator, StringComparison.Ordinal);
        return index < 0 ? storedKey : storedKey[(index + Separator.Length)..];
    }
}

internal enum StateKeyPrefixKind
{
    AppId,
    Name,
    Namespace,
    None,
    Custom,
}
