namespace Todo.Web.Features.Backend;

/// <summary>
/// todo-backend answered with a ProblemDetails body (validation, not found, conflict...). <see cref="Exception.Message"/>
/// is the readable sentence to show; <see cref="Errors"/> holds per-field messages keyed by camelCase field name.
/// </summary>
public sealed class BackendProblem(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(Describe(title, detail, errors))
{
    public int Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    /// <summary>The messages for one field (case-insensitive), empty when it has none.</summary>
    public IReadOnlyList<string> For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    private static string Describe(string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        if (!string.IsNullOrWhiteSpace(detail))
        {
            return detail;
        }

        if (errors is { Count: > 0 })
        {
            return string.Join(" ", errors.SelectMany(e => e.Value));
        }

        return string.IsNullOrWhiteSpace(title) ? "todo-backend refused the request." : title;
    }
}
