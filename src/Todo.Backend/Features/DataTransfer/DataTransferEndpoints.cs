using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>Data in and out (issue 15 item 8): export as JSON or CSV, import our JSON or Todoist's CSV, the calendar feed.</summary>
internal static class DataTransferEndpoints
{
    /// <summary>Room for a multipart body's boundaries and part headers around a file of the largest size.</summary>
    private const int MultipartOverhead = 16 * 1024;

    public static WebApplicationBuilder AddDataTransfer(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TaskWalk>();
        builder.Services.AddSingleton<ImportService>();
        builder.Services.AddSingleton<CalendarFeedTokens>();
        return builder;
    }

    public static void MapDataTransfer(this WebApplication app)
    {
        var export = app.MapGroup("/api/export").WithTags("Data transfer").RequireUser();
        export.MapGet("/", ExportAsync).WithName("Export").WithSummary("Downloads everything you own as JSON (format=json, the default) or CSV (format=csv).");

        var import = app.MapGroup("/api/import").WithTags("Data transfer").RequireUser();
        import.MapPost("/", ImportEndpoint.ImportAsync).WithName("Import")
            .WithSummary("Imports a Todo JSON export or a Todoist CSV export (raw body or multipart); an Idempotency-Key makes a retry answer the first report.")
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImportFile.MaxBytes + MultipartOverhead));

        app.MapCalendarFeed();
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAsync(
        string? format, HttpContext http, UserContext user, ProjectService projects, TaskWalk walk, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "csv"))
        {
            return ProblemResults.From(ServiceError.Invalid("format", "format must be json or csv."));
        }

        var now = time.GetUtcNow();
        var list = (await projects.ListAsync(user, cancellationToken)).Items;
        var pages = walk.PagesAsync(user, TaskStatusFilter.All, cancellationToken);
        var name = $"todo-export-{now:yyyy-MM-dd}.{kind}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers.CacheControl = "no-store";
        if (kind == "json")
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await ExportWriter.WriteJsonAsync(http.Response.BodyWriter, now, list, pages, cancellationToken);
        }
        else
        {
            http.Response.ContentType = "text/csv; charset=utf-8; header=present";
            await ExportWriter.WriteCsvAsync(http.Response.Body, list, pages, cancellationToken);
        }

        return TypedResults.Empty;
    }
}
