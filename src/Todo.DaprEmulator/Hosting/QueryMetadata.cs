using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Hosting;

/// <summary>On the HTTP API, request metadata travels as query parameters named <c>metadata.&lt;key&gt;</c>.</summary>
public static class QueryMetadata
{
    public static IReadOnlyDictionary<string, string> From(HttpRequest request)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            if (name.StartsWith("metadata.", StringComparison.OrdinalIgnoreCase) && name.Length > "metadata.".Length)
            {
                metadata[name["metadata.".Length..]] = value.ToString();
            }
        }

        return metadata;
    }
}
