using System.Text;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>Builds state store component YAML for the tests.</summary>
internal static class StateYaml
{
    public static string Component(string name, string type, IEnumerable<KeyValuePair<string, string>> metadata, IEnumerable<string>? scopes = null)
    {
        var yaml = new StringBuilder($"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {type}
              version: v1
              metadata:

            """);
        foreach (var (key, value) in metadata)
        {
            yaml.Append($"  - name: {key}\n    value: \"{value}\"\n");
        }

        var scopeList = scopes?.ToList() ?? [];
        if (scopeList.Count > 0)
        {
            yaml.Append("scopes:\n");
            foreach (var scope in scopeList)
            {
                yaml.Append($"- {scope}\n");
            }
        }

        return yaml.ToString();
    }
}
