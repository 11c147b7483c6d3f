using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.DataTransfer;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// The calendar feed: its token is made, shown once and revoked by a signed-in web session (an access token gets a
/// 403, as for access tokens), and the feed itself is read by todo-web's public <c>/ical/{token}.ics</c>, which
/// passes the token in the <see cref="TokenHeader"/> header: a header, not the path, so the token appears in no
/// sidecar or backend request log. The token is the credential there (calendar apps cannot sign in), so that route
/// takes no user token; an unknown or revoked token is a 404.
/// </summary>
internal static class CalendarFeedEndpoints
{
    public const string TokenHeader = "X-Calendar-Feed-Token";

    public static void MapCalendarFeed(this WebApplication app)
    {
        var manage = app.MapGroup("/api/calendar-feed").WithTags("Calendar feed").RequireSignedInSession();
        manage.MapGet("/", InfoAsync).WithName("GetCalendarFeed").WithSummary("Says whether you have a calendar feed (its token is never shown again).");
        manage.MapPost("/", CreateAsync).WithName("CreateCalendarFeed").WithSummary("Makes a new calendar feed token, revoking the previous one; shown only in this answer.");
        manage.MapDelete("/", RevokeAsync).WithName("RevokeCalendarFeed").WithSummary("Revokes your calendar feed.");

        app.MapGet("/api/calendar-feed/events", EventsAsync).WithTags("Calendar feed").AllowAnonymous()
            .WithName("ReadCalendarFeed").WithSummary($"The open tasks with due dates as iCalendar, for the feed token in {TokenHeader}.");
    }

    private static async Task<Ok<CalendarFeedInfo>> InfoAsync(ClaimsPrincipal user, CalendarFeedTokens feeds, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feeds.InfoAsync(user.FindUserId()!, cancellationToken));

    private static async Task<Results<Created<CreatedCalendarFeed>, ProblemHttpResult>> CreateAsync(
        ClaimsPrincipal user, CalendarFeedTokens feeds, CancellationToken cancellationToken)
    {
        var result = await feeds.CreateAsync(user.FindUserId()!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Created("/api/calendar-feed", result.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(ClaimsPrincipal user, CalendarFeedTokens feeds, CancellationToken cancellationToken)
    {
        var result = await feeds.RevokeAsync(user.FindUserId()!, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> EventsAsync(
        HttpRequest request, CalendarFeedTokens feeds, AccountStore accounts, ProjectService projects, TaskWalk walk, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var userId = await feeds.ResolveAsync(request.Headers[TokenHeader].FirstOrDefault(), cancellationToken);
        if (userId is null || await accounts.FindAsync(userId, cancellationToken) is not { } account)
        {
            return TypedResults.Problem("There is no calendar feed at this address; it may have been revoked. Make a new one in Todo's settings.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var user = UserContext.From(account);
        var names = (await projects.ListAsync(user, cancellationToken)).Items.ToDictionary(p => p.Id, p => p.Name);
        var due = new List<Todo.Contracts.Tasks.TaskDto>();
        // Open tasks sorted by due date come with the dated ones first, so the walk stops at the first undated one.
        await foreach (var page in walk.PagesAsync(user, TaskStatusFilter.Open, cancellationToken))
        {
            due.AddRange(page.TakeWhile(t => t.Due is not null));
            if (page.Any(t => t.Due is null) || due.Count >= CalendarFeedWriter.MaxEvents)
            {
                break;
            }
        }

        request.HttpContext.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Text(CalendarFeedWriter.Write(due, names, time.GetUtcNow()), "text/calendar; charset=utf-8");
    }
}
