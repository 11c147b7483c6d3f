using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Invoke;

namespace Todo.DaprEmulator.Jobs;

internal enum TriggerOutcomeKind
{
    /// <summary>2xx, or 404 (daprd counts it as a failure in metrics but does not retrigger).</summary>
    Delivered,

    /// <summary>Any other status, or the app broke the exchange: the failure policy decides.</summary>
    Failed,

    /// <summary>The app could not be reached at all: the trigger waits for it, as daprd stages undeliverable jobs.</summary>
    Held,
}

internal readonly record struct TriggerOutcome(TriggerOutcomeKind Kind, string Detail);

/// <summary>Sends one job trigger to the app as daprd's HTTP channel does: <c>POST /job/{name}</c> with the job's data.</summary>
internal sealed class JobTrigger(ILogger logger)
{
    public async Task<TriggerOutcome> SendAsync(Sidecar? sidecar, JobEntry entry, CancellationToken cancellationToken)
    {
        var definition = entry.Definition;
        if (sidecar is null)
        {
            return new(TriggerOutcomeKind.Held, $"no sidecar for app id {definition.AppId}");
        }

        if (!sidecar.AppChannel.IsReachable)
        {
            return new(TriggerOutcomeKind.Held, sidecar.AppChannel.Port is null ? "the app port is not known yet" : "the app port does not accept connections");
        }

        var body = definition.TriggerBody();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/job/" + Uri.EscapeDataString(definition.Name), UriKind.Relative))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentLength = body.Length;
        request.Headers.TryAddWithoutValidation("traceparent", TraceContext.NextHop(null));
        try
        {
            using var response = await sidecar.AppChannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new(TriggerOutcomeKind.Delivered, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                logger.LogWarning("Job {AppId}/{Name}: the app answered 404 (no handler for /job/{Name}?); not retried", definition.AppId, definition.Name, definition.Name);
                return new(TriggerOutcomeKind.Delivered, "404");
            }

            return new(TriggerOutcomeKind.Failed, $"app answered {status}");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError || sidecar.AppChannel.BaseAddress is null)
        {
            return new(TriggerOutcomeKind.Held, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new(TriggerOutcomeKind.Failed, ex.Message);
        }
        catch (IOException ex)
        {
            return new(TriggerOutcomeKind.Failed, ex.Message);
        }
    }
}
