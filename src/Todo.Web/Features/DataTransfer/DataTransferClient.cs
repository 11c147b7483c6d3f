using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.DataTransfer;

/// <summary>
/// The backend's export, import and calendar-feed routes, by Dapr service invocation like every backend call
/// (<see cref="BackendClient"/>). A client of its own because an import of thousands of rows may take longer than the
/// 30 seconds other calls get, and an export is streamed rather than read into memory.
/// </summary>
public sealed class DataTransferClient(HttpClient http, UserTokenIssuer tokens)
{
    /// <summary>The backend's feed answer is bounded (2,000 events); anything larger than this is refused, not relayed.</summary>
    public const int MaxFeedBytes = 4 * 1024 * 1024;

    /// <summary>The header the backend reads the feed token from (a header, so it is in no URL the sidecars log).</summary>
    public const string FeedTokenHeader = "X-Calendar-Feed-Token";

    /// <summary>The export's answer with only its headers read; the caller streams the body on and disposes it.</summary>
    public async Task<HttpResponseMessage> ExportAsync(SignedInUser user, string format, CancellationToken cancellationToken)
    {
        var request = await RequestAsync(user, HttpMethod.Get, $"api/export?format={Uri.EscapeDataString(format)}", cancellationToken);
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await BackendClient.ToExceptionAsync(response, cancellationToken);
            }
        }

        return response;
    }

    public async Task<ImportReport> ImportAsync(SignedInUser user, Stream file, string contentType, string importId, string? project, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrWhiteSpace(project) ? "api/import" : $"api/import?project={Uri.EscapeDataString(project.Trim())}";
        using var request = await RequestAsync(user, HttpMethod.Post, path, cancellationToken);
        request.Headers.Add("Idempotency-Key", importId);
        // Buffered, so the sidecar gets a Content-Length (and may retry) rather than a chunked body.
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        request.Content = new ByteArrayContent(buffer.ToArray());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return await ReadAsync<ImportReport>(await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken), cancellationToken);
    }

    public async Task<CalendarFeedInfo> GetFeedAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        await ReadAsync<CalendarFeedInfo>(await SendAsync(await RequestAsync(user, HttpMethod.Get, "api/calendar-feed", cancellationToken),
            HttpCompletionOption.ResponseContentRead, cancellationToken), cancellationToken);

    public async Task<CreatedCalendarFeed> CreateFeedAsync(SignedInUser user, CancellationToken cancellationToken = default) =>
        await ReadAsync<CreatedCalendarFeed>(await SendAsync(await RequestAsync(user, HttpMethod.Post, "api/calendar-feed", cancellationToken),
            HttpCompletionOption.ResponseContentRead, cancellationToken), cancellationToken);

    public async Task RevokeFeedAsync(SignedInUser user, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(await RequestAsync(user, HttpMethod.Delete, "api/calendar-feed", cancellationToken),
            HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw await BackendClient.ToExceptionAsync(response, cancellationToken);
        }
    }

    /// <summary>The feed for a token: the iCalendar text, or null when the backend knows no such token.</summary>
    public async Task<string?> ReadFeedAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/calendar-feed/events");
        request.Headers.TryAddWithoutValidation(FeedTokenHeader, token);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await BackendClient.ToExceptionAsync(response, cancellationToken);
        }

        if (response.Content.Headers.ContentLength > MaxFeedBytes)
        {
            throw new BackendUnavailableException($"The calendar feed is larger than {MaxFeedBytes} bytes.");
        }

        await response.Content.LoadIntoBufferAsync(MaxFeedBytes, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<HttpRequestMessage> RequestAsync(SignedInUser user, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        try
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.IssueAsync(user.UserId, user.Username, user.SessionStamp, cancellationToken));
        }
        catch (Exception ex) when (ex is Dapr.DaprException or HttpRequestException or InvalidOperationException)
        {
            request.Dispose();
            throw new BackendUnavailableException($"The token signing key could not be read from the Dapr secret store: {ex.Message}", ex);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new BackendUnavailableException($"todo-backend could not be reached through the Dapr sidecar: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendUnavailableException("todo-backend did not answer in time.", ex);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await BackendClient.ToExceptionAsync(response, cancellationToken);
            }

            return await response.Content.ReadFromJsonAsync<T>(TodoJson.Options, cancellationToken)
                ?? throw new BackendProblem((int)response.StatusCode, "Empty answer", "todo-backend answered with an empty body.");
        }
    }
}
