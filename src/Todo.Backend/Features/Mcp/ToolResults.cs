using System.Text.Json;
using ModelContextProtocol.Protocol;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Language.Chat;

namespace Todo.Backend.Features.Mcp;

/// <summary>Structured result of the tools that return one task.</summary>
/// <param name="Task">The task after the call (for delete_task, the task as it was).</param>
public sealed record TaskResult(TaskDto Task);

/// <summary>Structured result of add_tasks.</summary>
/// <param name="Tasks">The tasks created, in the order given.</param>
/// <param name="Failed">The items that could not be created, with the reason.</param>
public sealed record TasksResult(IReadOnlyList<TaskDto> Tasks, IReadOnlyList<FailedItem> Failed);

/// <summary>Structured result of add_project.</summary>
/// <param name="Project">The project as created.</param>
public sealed record ProjectResult(ProjectDto Project);

/// <summary>Structured result of share_project and remove_member.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Member">The person shared with (their role now) or removed.</param>
public sealed record MemberResult(string ProjectId, ProjectMemberDto Member);

/// <summary>One add_tasks item that failed.</summary>
/// <param name="Index">Zero-based position in the request.</param>
/// <param name="Error">Why it failed and how to fix it.</param>
public sealed record FailedItem(int Index, string Error);

/// <summary>Builds tool results: structured content (TodoJson shape) plus a short human-readable text.</summary>
internal static class ToolResults
{
    /// <summary>
    /// TodoJson, but writing nulls: MCP clients validate structured content against the output schema, which lists
    /// every field of the result records as required (nullable ones as "type or null").
    /// </summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = TodoJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    public static CallToolResult Success<T>(T value, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(value, Json),
    };

    /// <summary>A tool error: the model reads the message and can correct its call.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    public static CallToolResult Error(ServiceError error) => Error(Message(error));

    /// <summary>A service error as a tool caller reads it: "not found" names what to do about it.</summary>
    public static string Message(ServiceError error) => error.Kind switch
    {
        ServiceErrorKind.NotFound when error == TaskStepEdits.StepNotFound => "The task has no step with that id; get_task lists its steps and their ids.",
        ServiceErrorKind.NotFound => "No task with that id exists in your list; call list_tasks to find the right id.",
        _ => error.Message,
    };

    /// <summary>A numbered list of the page's tasks, and how to get the next page.</summary>
    public static string Describe(TaskPage page)
    {
        var text = new System.Text.StringBuilder(page.Total == 0 ? "No tasks match." : $"{page.Items.Count} of {page.Total} task(s):");
        for (var i = 0; i < page.Items.Count; i++)
        {
            text.Append($"\n{i + 1}. {Describe(page.Items[i])}");
        }

        if (page.NextCursor is not null)
        {
            text.Append($"\nMore: call again with cursor \"{page.NextCursor}\".");
        }

        return text.ToString();
    }

    /// <summary>The projects, one per line, with the ids the task tools take.</summary>
    public static string Describe(ProjectList projects) =>
        $"{projects.Items.Count} project(s):" + string.Concat(projects.Items.Select((p, i) => $"\n{i + 1}. {Describe(p)}"));

    /// <summary>A project on one line: name, open count, state and id.</summary>
    public static string Describe(ProjectDto project) =>
        $"{project.Name} ({project.OpenCount} open{(project.Archived ? ", archived" : "")}) id {project.Id}";

    /// <summary>The task on one line as the model reads it (ISO dates, "priority high", the id).</summary>
    public static string Describe(TaskDto task) => ChatFormat.Line(task, TaskLineStyle.Tool, default, TimeZoneInfo.Utc);
}
