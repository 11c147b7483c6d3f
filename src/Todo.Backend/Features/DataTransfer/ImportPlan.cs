using Todo.Contracts.DataTransfer;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// What a file asks to create, read and checked for shape before anything is written: projects by name, then tasks
/// in file order, each with the row it came from. The rules of tasks and projects are checked later by their services,
/// so an import keeps exactly the limits of the REST API.
/// </summary>
internal sealed class ImportPlan(string format)
{
    public string Format { get; } = format;

    /// <summary>Projects to find by name or create (the Inbox is never listed).</summary>
    public List<ImportProject> Projects { get; } = [];

    public List<ImportTask> Tasks { get; } = [];

    public int Skipped { get; set; }

    public List<ImportRowError> Errors { get; } = [];

    public List<ImportRowError> Warnings { get; } = [];
}

/// <summary>A project of the file: <see cref="Key"/> is how its tasks name it (the exported id, or the name).</summary>
internal sealed record ImportProject(string Key, string Name, string? Color, bool Archived);

/// <summary>A task of the file; <see cref="ProjectKey"/> null means the Inbox.</summary>
internal sealed record ImportTask(int Row, string? ProjectKey, CreateTaskRequest Request, bool Completed);
