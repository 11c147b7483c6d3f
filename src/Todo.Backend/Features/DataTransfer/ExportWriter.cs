using System.Globalization;
using System.Text;
using System.Text.Json;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// Writes an export to a stream a page of tasks at a time, flushing after each, so the backend holds one page in
/// memory whatever the user has, and the answer streams through the sidecars (daprd streams invocation bodies:
/// dapr/dapr v1.18.3 pkg/messaging/direct_messaging.go invokeRemoteStream).
/// </summary>
internal static class ExportWriter
{
    public static readonly string[] CsvHeader =
    [
        "id", "project", "title", "notes", "priority", "tags", "due_date", "due_time", "reminder_at", "reminder_minutes_before",
        "recurrence", "completed", "completed_at", "created_at",
    ];

    /// <summary>
    /// The JSON export. The writer writes into the response's pipe (no I/O of its own: JsonSerializer flushes the
    /// writer synchronously, which Kestrel refuses on a stream), and each page is sent by flushing the pipe.
    /// </summary>
    public static async Task WriteJsonAsync(System.IO.Pipelines.PipeWriter body, DateTimeOffset exportedAt, IReadOnlyList<ProjectDto> projects,
        IAsyncEnumerable<IReadOnlyList<TaskDto>> pages, CancellationToken cancellationToken)
    {
        var names = projects.ToDictionary(p => p.Id, p => p.Name);
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", TodoExport.FormatName);
        json.WriteNumber("version", TodoExport.CurrentVersion);
        json.WriteString("exportedAt", exportedAt);
        json.WritePropertyName("projects");
        JsonSerializer.Serialize(json, projects.Select(p => new ExportedProject(p.Id, p.Name, p.Color, p.Archived, p.IsInbox)), TodoJson.Options);
        json.WriteStartArray("tasks");
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var task in page)
            {
                JsonSerializer.Serialize(json, ToExported(task, names), TodoJson.Options);
            }

            json.Flush();
            await body.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(cancellationToken);
    }

    public static async Task WriteCsvAsync(Stream body, IReadOnlyList<ProjectDto> projects, IAsyncEnumerable<IReadOnlyList<TaskDto>> pages, CancellationToken cancellationToken)
    {
        var names = projects.ToDictionary(p => p.Id, p => p.Name);
        var text = new StringBuilder();
        CsvCells.AppendRecord(text, CsvHeader);
        await WriteAsync(body, text, cancellationToken);
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var task in page)
            {
                CsvCells.AppendRecord(text, CsvRow(ToExported(task, names), task.RecurrenceSummary));
            }

            await WriteAsync(body, text, cancellationToken);
        }
    }

    public static ExportedTask ToExported(TaskDto task, IReadOnlyDictionary<string, string> projectNames) =>
        new(task.Id, task.ProjectId, projectNames.GetValueOrDefault(task.ProjectId, ProjectDto.InboxName), task.Title, task.Notes, task.Priority,
            task.Tags, task.Due, task.Reminder, task.Recurrence, task.Completed, task.CompletedAt, task.CreatedAt);

    private static IEnumerable<string?> CsvRow(ExportedTask task, string? recurrence) =>
    [
        task.Id, task.Project, task.Title, task.Notes, task.Priority.ToString().ToLowerInvariant(), string.Join(' ', task.Tags),
        task.Due?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), task.Due?.Time?.ToString("HH:mm", CultureInfo.InvariantCulture),
        task.Reminder?.At?.ToString("O", CultureInfo.InvariantCulture), task.Reminder?.MinutesBefore?.ToString(CultureInfo.InvariantCulture),
        recurrence, task.Completed ? "true" : "false", task.CompletedAt?.ToString("O", CultureInfo.InvariantCulture),
        task.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    ];

    private static async Task WriteAsync(Stream body, StringBuilder text, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        await body.FlushAsync(cancellationToken);
        text.Clear();
    }
}
