using System.Security.Cryptography;
using System.Text;
using Dapr.Client;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// Runs an <see cref="ImportPlan"/> through the same services the REST API uses, so every limit, event, reminder job
/// and live update of a normal create applies. Idempotent per import id: each task is created under the idempotency
/// key <c>import:{id}#{row}</c> (a retry after a crash re-creates nothing it already made), and the finished report
/// is kept for a day, so a repeated call answers it again without touching anything.
/// </summary>
internal sealed class ImportService(ProjectService projects, TaskService tasks, DaprClient dapr, ILogger<ImportService> logger)
{
    public const int MaxTasks = TaskRules.MaxTasksPerUser;
    private static readonly TimeSpan ReportLifetime = IdempotencyKey.Lifetime;

    public async Task<ImportReport> RunAsync(UserContext user, string importId, ImportPlan plan, CancellationToken cancellationToken)
    {
        var reportKey = StateKeys.ImportReport(user.UserId, Hash(importId));
        var stored = await dapr.GetStateAsync<ImportReport?>(DaprNames.StateStore, reportKey, cancellationToken: cancellationToken);
        if (stored is not null)
        {
            return stored with { Repeated = true };
        }

        var errors = new List<ImportRowError>(plan.Errors);
        var warnings = new List<ImportRowError>(plan.Warnings);
        var (projectIds, projectsCreated, archiveAfter) = await ResolveProjectsAsync(user, plan, warnings, cancellationToken);
        var created = 0;
        var skipped = plan.Skipped;
        foreach (var item in plan.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (created >= MaxTasks)
            {
                errors.Add(new ImportRowError(item.Row, $"An import creates at most {MaxTasks} tasks; this row and the ones after it were left out."));
                skipped += plan.Tasks.Count - plan.Tasks.IndexOf(item);
                break;
            }

            var projectId = item.ProjectKey is { } key && projectIds.TryGetValue(key, out var id) ? id : ProjectDto.InboxId;
            var outcome = await CreateAsync(user, importId, item, item.Request with { ProjectId = projectId }, warnings, cancellationToken);
            if (outcome.Error is { } error)
            {
                errors.Add(new ImportRowError(item.Row, error.Message));
                skipped++;
                continue;
            }

            created++;
            if (item.Completed && !outcome.Value!.Completed)
            {
                var completed = await tasks.CompleteAsync(user, outcome.Value.Id, null, cancellationToken);
                if (completed.Error is { } completeError)
                {
                    warnings.Add(new ImportRowError(item.Row, $"Imported, but not marked done: {completeError.Message}"));
                }
            }
        }

        foreach (var projectId in archiveAfter)
        {
            await projects.UpdateAsync(user, projectId, new UpdateProjectRequest(Archived: true), cancellationToken);
        }

        var report = new ImportReport(importId, plan.Format, created, skipped, projectsCreated, errors, warnings);
        await dapr.SaveStateAsync(DaprNames.StateStore, reportKey, report,
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ((int)ReportLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken);
        logger.LogInformation("Import for user {UserId}: {Created} tasks created, {Skipped} skipped, {Errors} errors ({Format})",
            user.UserId, created, skipped, errors.Count, plan.Format);
        return report;
    }

    /// <summary>Creates one task; a reminder the rules refuse (one already past) is dropped with a warning rather than losing the task.</summary>
    private async Task<ServiceResult<TaskDto>> CreateAsync(UserContext user, string importId, ImportTask item, CreateTaskRequest request,
        List<ImportRowError> warnings, CancellationToken cancellationToken)
    {
        var result = await CreateOnceAsync(user, importId, item.Row, request, cancellationToken);
        if (result.Error is { Kind: ServiceErrorKind.Validation, Errors: { } fields } && fields.ContainsKey("reminder") && request.Reminder is not null)
        {
            warnings.Add(new ImportRowError(item.Row, $"Imported without its reminder: {string.Join(" ", fields["reminder"])}"));
            result = await CreateOnceAsync(user, importId, item.Row, request with { Reminder = null }, cancellationToken);
        }

        return result;
    }

    private async Task<ServiceResult<TaskDto>> CreateOnceAsync(UserContext user, string importId, int row, CreateTaskRequest request, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey.ForItem($"import:{importId}", row, request);
        return await tasks.CreateAsync(user, request, key.Value, cancellationToken);
    }

    /// <summary>
    /// The file's projects mapped to the user's: one of the same name is reused (so importing into an account that
    /// has them, or a retry, adds no duplicates), any other is created. A project archived in the file is archived
    /// once its tasks are in, because an archived project takes no new tasks.
    /// </summary>
    private async Task<(Dictionary<string, string> Ids, int Created, List<string> ArchiveAfter)> ResolveProjectsAsync(
        UserContext user, ImportPlan plan, List<ImportRowError> warnings, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var archiveAfter = new List<string>();
        var created = 0;
        if (plan.Projects.Count == 0)
        {
            return (ids, created, archiveAfter);
        }

        var existing = (await projects.ListAsync(user, cancellationToken)).Items;
        foreach (var project in plan.Projects)
        {
            if (existing.FirstOrDefault(p => !p.IsInbox && ProjectRules.SameName(p.Name, project.Name)) is { } match)
            {
                if (match.Archived)
                {
                    // Restore it for the import, and archive it again afterwards.
                    await projects.UpdateAsync(user, match.Id, new UpdateProjectRequest(Archived: false), cancellationToken);
                    archiveAfter.Add(match.Id);
                }

                ids[project.Key] = match.Id;
                continue;
            }

            var made = await projects.CreateAsync(user, new CreateProjectRequest(project.Name, project.Color), cancellationToken);
            if (made.Error is { } error)
            {
                warnings.Add(new ImportRowError(0, $"Project \"{project.Name}\" could not be created ({error.Message}); its tasks go to the Inbox."));
                continue;
            }

            created++;
            ids[project.Key] = made.Value!.Id;
            if (project.Archived)
            {
                archiveAfter.Add(made.Value.Id);
            }
        }

        return (ids, created, archiveAfter);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
