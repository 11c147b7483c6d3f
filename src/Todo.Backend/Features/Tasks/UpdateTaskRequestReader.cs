using System.Text.Json;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// Reads a PATCH body with JSON merge-patch semantics (RFC 7396): an absent property stays as it is, a property set
/// to null is cleared. A wrongly typed property is a validation error naming it, never a 500.
/// </summary>
internal static class UpdateTaskRequestReader
{
    private static readonly string[] Known = ["title", "notes", "priority", "tags", "due", "reminder", "recurrence", "projectId", "assigneeId", "steps"];

    public static ServiceResult<UpdateTaskRequest> Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ServiceError.Invalid("body", "Send a JSON object with the fields to change, e.g. {\"title\":\"New title\"}.");
        }

        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string[]>();
        foreach (var property in body.EnumerateObject())
        {
            var name = Known.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors[property.Name] = [$"'{property.Name}' is not a task field; fields are {string.Join(", ", Known)}."];
                continue;
            }

            present.Add(name);
        }

        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        var request = JsonBody.Deserialize<UpdateTaskRequest>(body);
        return request.Error is { } error ? error : request.Value! with { Present = present };
    }
}
