using System.Globalization;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.Configuration;

/// <summary>
/// Reads a <c>kind: Configuration</c> document (already parsed to YAML maps) with the field names of daprd's
/// ConfigurationSpec (dapr/dapr pkg/config/configuration.go and the CRD in pkg/apis/configuration/v1alpha1/types.go).
/// </summary>
internal static class ConfigurationReader
{
    public static ConfigurationResource Read(Dictionary<object, object> root, string file)
    {
        var name = Scalar(Map(root, "metadata"), "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ComponentLoadException($"{file}: a Configuration has no metadata.name");
        }

        var spec = Map(root, "spec");
        // A scalar where the CRD has a list is refused by the API server (and by daprd's YAML decoder in standalone
        // mode), so it stops start-up here instead of silently meaning "empty".
        List<object> List(Dictionary<object, object> parent, string key, string path) =>
            !parent.TryGetValue(key, out var value) || value is null ? []
            : value as List<object> ?? throw new ComponentLoadException($"{file}: Configuration '{name}': {path} must be a list");
        List<string> Strings(Dictionary<object, object> parent, string key, string path) =>
            List(parent, key, path).Select(ToText).OfType<string>().ToList();

        List<SecretsScope>? scopes = null;
        if (spec.TryGetValue("secrets", out var secrets) && secrets is Dictionary<object, object> secretsMap)
        {
            scopes = List(secretsMap, "scopes", "spec.secrets.scopes").OfType<Dictionary<object, object>>()
                .Select(s => new SecretsScope(Scalar(s, "storeName") ?? "", Scalar(s, "defaultAccess"),
                    Strings(s, "allowedSecrets", "allowedSecrets"), Strings(s, "deniedSecrets", "deniedSecrets")))
                .ToList();
        }

        AccessControlSpec? accessControl = null;
        if (spec.TryGetValue("accessControl", out var acl) && acl is Dictionary<object, object> aclMap)
        {
            var policies = List(aclMap, "policies", "spec.accessControl.policies").OfType<Dictionary<object, object>>()
                .Select(p => new AppPolicySpec(
                    Scalar(p, "appId"),
                    Scalar(p, "defaultAction"),
                    Scalar(p, "trustDomain"),
                    Scalar(p, "namespace"),
                    List(p, "operations", "operations").OfType<Dictionary<object, object>>()
                        .Select(o => new AppOperation(Scalar(o, "name") ?? "", Strings(o, "httpVerb", "httpVerb"), Scalar(o, "action")))
                        .ToList()))
                .ToList();
            accessControl = new AccessControlSpec(Scalar(aclMap, "defaultAction"), Scalar(aclMap, "trustDomain"), policies);
        }

        return new ConfigurationResource(name, scopes, accessControl, file);
    }

    private static Dictionary<object, object> Map(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : [];

    private static string? Scalar(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) ? ToText(value) : null;

    private static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
