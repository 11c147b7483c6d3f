using System.Text.Json;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Projects;
using Todo.Backend.Infrastructure;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// Reads our own JSON export (<see cref="TodoExport"/>) into an <see cref="ImportPlan"/>. A file of another format or
/// a newer version is refused as a whole; a task that does not deserialise is one row error, the rest go on.
/// </summary>
internal static class TodoExportReader
{
    public static ServiceResult<ImportPlan> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != TodoExport.FormatName)
        {
            return ServiceError.Invalid("file", $"This JSON file is not a Todo export (its \"format\" must be \"{TodoExport.FormatName}\").");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
        {
            return ServiceError.Invalid("file", "This export has no valid \"version\".");
        }

        if (number > TodoExport.CurrentVersion)
        {
            return ServiceError.Invalid("file", $"This export is version {number}; this Todo reads versions up to {TodoExport.CurrentVersion}. Update Todo, then import it.");
        }

        var plan = new ImportPlan(TodoExport.FormatName);
        if (root.TryGetProperty("projects", out var projects) && projects.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in projects.EnumerateArray())
            {
                if (Deserialize<ExportedProject>(element) is { Id.Length: > 0, Name.Length: > 0, IsInbox: false } project && project.Id != ProjectDto.InboxId)
                {
                    plan.Projects.Add(new ImportProject(project.Id, project.Name, project.Color, project.Archived));
                }
            }
        }

        if (!root.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            return ServiceError.Invalid("file", "This export has no \"tasks\" list.");
        }

        var known = plan.Projects.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var row = 0;
        foreach (var element in tasks.EnumerateArray())
        {
            row++;
            if (Deserialize<ExportedTask>(element) is not { } task)
            {
                plan.Errors.Add(new ImportRowError(row, "This task is not in the export format (a field has the wrong type)."));
                continue;
            }

            var projectKey = task.ProjectId is { Length: > 0 } id && id != ProjectDto.InboxId ? id : null;
            if (projectKey is not null && !known.Contains(projectKey))
            {
                plan.Warnings.Add(new ImportRowError(row, $"Its project \"{task.Project}\" is not in the file's projects; it goes to the Inbox."));
                projectKey = null;
            }

            // A completed repeating task comes in without its rule: the series goes on in its open occurrence, which
            // the export holds too, and completing it here must not start a second one.
            var request = new Todo.Contracts.Tasks.CreateTaskRequest(task.Title, task.Notes, task.Priority, task.Tags, task.Due, task.Reminder,
                task.Completed ? null : task.Recurrence) { ProjectId = null };
            plan.Tasks.Add(new ImportTask(row, projectKey, request, task.Completed));
        }

        return plan;
    }

    private static T? Deserialize<T>(JsonElement element) where T : class
    {
        try
        {
            return element.ValueKind == JsonValueKind.Object ? element.Deserialize<T>(TodoJson.Options) : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
