using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Todo.Deployment.Tests.Support;

/// <summary>Validates a chart's values against its values.schema.json with JsonSchema.Net, as helm does.</summary>
internal static class Schema
{
    public static List<string> Validate(string schemaPath, JsonNode? instance)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(schemaPath));
        using var doc = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var problems = (result.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["invalid (no details)"];
    }
}
