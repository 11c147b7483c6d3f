using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.DataTransfer;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// <c>POST /api/import</c>: reads the file into a plan (every problem of the file as a whole is a 400 or 413
/// ProblemDetails before anything is written), then runs it (<see cref="ImportService"/>) and answers the report.
/// </summary>
internal static class ImportEndpoint
{
    /// <summary>Records a file may hold (tasks, sections, notes and blank lines together).</summary>
    public const int MaxRecords = 20_000;

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(
        string? project, HttpContext http, UserContext user, ImportService imports, TimeProvider time, CancellationToken cancellationToken)
    {
        var file = await ImportFile.ReadAsync(http.Request, cancellationToken);
        if (file.Error is { } fileError)
        {
            return ReferenceEquals(fileError, ImportFile.TooLargeError)
                ? TypedResults.Problem(fileError.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large")
                : ProblemResults.From(fileError);
        }

        var plan = Plan(file.Value!, project, time.GetUtcNow(), user.TimeZone);
        if (plan.Error is { } planError)
        {
            return ProblemResults.From(planError);
        }

        if (plan.Value!.Tasks.Count > ImportService.MaxTasks)
        {
            return ProblemResults.From(ServiceError.Invalid("file", $"The file holds {plan.Value.Tasks.Count} tasks; an import takes at most {ImportService.MaxTasks}. Split it."));
        }

        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault()?.Trim().Trim('"');
        if (key is { Length: > 200 })
        {
            return ProblemResults.From(ServiceError.Invalid("Idempotency-Key", "An import id has 1 to 200 characters."));
        }

        // Without an id of the client's, the same file into the same place is the same import.
        var importId = string.IsNullOrEmpty(key) ? $"file-{file.Value!.ContentHash[..32]}-{project?.Trim().ToLowerInvariant()}" : key;
        return TypedResults.Ok(await imports.RunAsync(user, importId, plan.Value, cancellationToken));
    }

    private static ServiceResult<ImportPlan> Plan(ImportFile file, string? project, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (file.LooksLikeJson)
        {
            var json = file.ParseJson();
            return json.Error is { } error ? error : TodoExportReader.Read(json.Value);
        }

        var (records, csvError) = CsvRecords.Read(file.Text);
        if (csvError is not null)
        {
            return ServiceError.Invalid("file", $"The CSV file is not valid: {csvError}");
        }

        if (records.Count > MaxRecords)
        {
            return ServiceError.Invalid("file", $"The file has {records.Count} rows; an import reads at most {MaxRecords}.");
        }

        if (records.Count == 0 || !TodoistCsvReader.Recognises(records[0].Fields))
        {
            var ours = records.Count > 0 && records[0].Fields.SequenceEqual(ExportWriter.CsvHeader);
            return ServiceError.Invalid("file", ours
                ? "This is Todo's CSV export, which is made for spreadsheets; import the JSON export instead (it keeps everything)."
                : "This CSV file is not a Todoist export (its first line must name the TYPE and CONTENT columns).");
        }

        var plan = TodoistCsvReader.Read(records, now, zone);
        if (!string.IsNullOrWhiteSpace(project) && !Projects.ProjectRules.IsInboxName(project))
        {
            // A Todoist CSV is one project; the caller names the project it goes into (reused when it exists).
            const string Key = "todoist-project";
            plan.Projects.Add(new ImportProject(Key, project.Trim(), null, false));
            for (var i = 0; i < plan.Tasks.Count; i++)
            {
                plan.Tasks[i] = plan.Tasks[i] with { ProjectKey = Key };
            }
        }

        return plan;
    }
}
