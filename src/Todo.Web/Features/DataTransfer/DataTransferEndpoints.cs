using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Dapr.Client;
using Todo.Contracts;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.DataTransfer;

/// <summary>
/// The web's data routes: the export download (signed in with the cookie) and the public calendar feed. Both answer
/// from the backend by Dapr service invocation, as everything in todo-web does.
/// </summary>
internal static class DataTransferEndpoints
{
    /// <summary>The path of a feed; the token in it is the whole credential (see <see cref="ReadFeedAsync"/>).</summary>
    public const string FeedRoute = "/ical/{token}.ics";

    public static WebApplicationBuilder AddDataTransfer(this WebApplicationBuilder builder)
    {
        var appId = builder.Configuration["Backend:AppId"] ?? DaprNames.BackendAppId;
        builder.Services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<DaprClient>().CreateInvokableHttpClient(appId);
            // Imports create one task at a time through the task service; a file of thousands takes minutes.
            http.Timeout = TimeSpan.FromMinutes(5);
            return new DataTransferClient(http, sp.GetRequiredService<UserTokenIssuer>());
        });
        builder.Services.AddSingleton<FeedRateLimit>();
        return builder;
    }

    public static void MapDataTransfer(this WebApplication app)
    {
        app.MapGet("/data/export", ExportAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet(FeedRoute, ReadFeedAsync).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Streams the backend's export to the browser as a file download.</summary>
    private static async Task ExportAsync(string? format, HttpContext http, DataTransferClient client, CancellationToken cancellationToken)
    {
        var user = SignedInUser.From(http.User)!;
        var kind = format?.Trim().ToLowerInvariant() == "csv" ? "csv" : "json";
        try
        {
            using var answer = await client.ExportAsync(user, kind, cancellationToken);
            http.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            http.Response.Headers.ContentDisposition = answer.Content.Headers.ContentDisposition?.ToString() ?? $"attachment; filename=\"todo-export.{kind}\"";
            http.Response.Headers.CacheControl = "no-store";
            await using var body = await answer.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(http.Response.Body, cancellationToken);
        }
        catch (Exception ex) when (ex is BackendUnavailableException or BackendProblem && !http.Response.HasStarted)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("The export could not be made right now; try again in a moment.", cancellationToken);
        }
    }

    /// <summary>
    /// The calendar feed. The token in the URL is a capability by design: calendar apps subscribe to a plain URL and
    /// cannot send a header or sign in, so whoever holds the URL can read the feed until its owner revokes it in
    /// Settings. So the token is never logged: ASP.NET Core's request logs are off (Microsoft.AspNetCore at Warning)
    /// and the trace's <c>url.path</c> is replaced by the route template below; the backend gets it in a header, not
    /// a URL the sidecars would log. Per-token rate limiting bounds what a leaked URL or a guessing client can cost.
    /// </summary>
    private static async Task<IResult> ReadFeedAsync(string token, HttpContext http, DataTransferClient client, FeedRateLimit limit, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("url.path", FeedRoute);
        using var lease = limit.Acquire(token);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = "60";
            return Results.Text("Too many requests for this feed; try again in a minute.", "text/plain", statusCode: StatusCodes.Status429TooManyRequests);
        }

        string? calendar;
        try
        {
            calendar = await client.ReadFeedAsync(token, cancellationToken);
        }
        catch (Exception ex) when (ex is BackendUnavailableException or BackendProblem)
        {
            http.Response.Headers.RetryAfter = "300";
            return Results.Text("The calendar feed is unavailable right now.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (calendar is null)
        {
            // A body, so the status-code page does not replace it with the HTML not-found page.
            return Results.Text("No calendar feed at this address (it may have been revoked).", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        http.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Text(calendar, "text/calendar; charset=utf-8");
    }
}

/// <summary>
/// Feed reads per token (by hash, so the limiter holds no tokens): 30 a minute each, and 600 a minute in all, so
/// guessing tokens or a leaked URL in a busy client cannot turn into load on the backend.
/// </summary>
internal sealed class FeedRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetFixedWindowLimiter("all",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 600, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })),
        PartitionedRateLimiter.Create<string, string>(hash => RateLimitPartition.GetFixedWindowLimiter(hash,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));

    public RateLimitLease Acquire(string token) => _limiter.AttemptAcquire(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16]);

    public void Dispose() => _limiter.Dispose();
}
