using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Activity;

/// <summary>A project's activity for anyone with a role in it; any other project is a 404.</summary>
internal static class ActivityEndpoints
{
    public static WebApplicationBuilder AddActivity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ActivityStore>();
        builder.Services.AddSingleton<ActivityRecorder>();
        return builder;
    }

    public static void MapActivity(this WebApplication app) =>
        app.MapGroup("/api/projects/{id}/activity").WithTags("Projects").RequireUser()
            .MapGet("/", ListAsync).WithName("ListProjectActivity").WithSummary("Lists who did what in a project, newest first (the last 200 changes).");

    private static async Task<Results<Ok<ActivityList>, ProblemHttpResult>> ListAsync(
        string id, UserContext user, ProjectSharing sharing, ActivityStore store, AccountStore accounts, CancellationToken cancellationToken)
    {
        if (string.Equals(id, ProjectDto.InboxId, StringComparison.OrdinalIgnoreCase))
        {
            // The Inbox is never shared, so it keeps no history of who did what.
            return TypedResults.Ok(new ActivityList([]));
        }

        if ((await sharing.ReadVisibleAsync(user, id, cancellationToken)).Project is null)
        {
            return ProblemResults.From(ServiceError.NotFound("The project"));
        }

        var entries = await store.ReadAsync(id, cancellationToken);
        var names = new Dictionary<string, string>();
        foreach (var person in entries.SelectMany(e => e.MemberId is null ? [e.ActorId] : new[] { e.ActorId, e.MemberId }).Distinct())
        {
            names[person] = (await accounts.FindAsync(person, cancellationToken))?.Username ?? "";
        }

        return TypedResults.Ok(new ActivityList(entries
            .Select(e => new ActivityEntryDto(e.EventId, e.At, e.ActorId, names[e.ActorId], e.Action, e.TaskId, e.TaskTitle)
            {
                MemberName = e.MemberId is null ? null : names[e.MemberId],
                Role = e.Role,
            })
            .ToList()));
    }
}
