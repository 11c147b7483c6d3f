using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Invoke;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// One app's membership in a topic's consumer group: routes each message and posts it to the app over its channel,
/// then maps the app's answer to daprd's outcome (pkg/runtime/subscription/postman/http). The subscription can be
/// replaced in place when the app's subscriptions are read again, so messages in flight follow the new routes.
/// </summary>
internal sealed class AppTopicSubscriber(Sidecar sidecar, ActiveSubscription subscription, TimeProvider time, Action<DeliveryFailure>? onFailure)
    : ITopicSubscriber
{
    private volatile ActiveSubscription _current = subscription;

    public ActiveSubscription Current
    {
        get => _current;
        set => _current = value;
    }

    public string AppId => sidecar.AppId;

    public string? DeadLetterTopic => _current.DeadLetterTopic;

    public async Task<DeliveryOutcome> DeliverAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        var current = _current;
        var body = current.RawPayload
            ? CloudEventEnvelope.FromRawPayload(message.Data, message.Topic, current.PubSubName)
            : message.Data.ToArray();
        JsonElement cloudEvent;
        try
        {
            using var document = JsonDocument.Parse(body);
            cloudEvent = document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            sidecar.Logger.LogError("Error deserializing cloud event in pubsub {PubSub} and topic {Topic}: {Error}", current.PubSubName, message.Topic, ex.Message);
            // subscription.go: a deserialisation error goes to the dead-letter topic or back to the component as an error.
            return Failed(current, message, DeliveryOutcome.Retry, "not a CloudEvent");
        }

        var id = Text(cloudEvent, "id");
        if (HasExpired(cloudEvent))
        {
            sidecar.Logger.LogWarning("Dropping expired pub/sub event {Id} as of {Expiration}", id, Text(cloudEvent, "expiration"));
            return Failed(current, message, DeliveryOutcome.Skipped, "expired");
        }

        var (path, routeError) = current.Routes.Match(cloudEvent);
        if (routeError is not null)
        {
            sidecar.Logger.LogWarning("Routing pub/sub event {Id} on {PubSub}/{Topic} failed: {Error}", id, current.PubSubName, message.Topic, routeError);
            return Failed(current, message, DeliveryOutcome.Retry, routeError);
        }

        if (path is null)
        {
            sidecar.Logger.LogDebug("No matching route for event {Id} in pubsub {PubSub} and topic {Topic}; skipping", id, current.PubSubName, message.Topic);
            return DeliveryOutcome.Skipped;
        }

        return await InboundDelivery.RunAsync(sidecar.Resiliency.ComponentInbound(current.PubSubName, Resiliency.ComponentKind.Pubsub),
            (status, token) => PostAsync(current, message, body, cloudEvent, id, path, status, token),
            reason => Failed(current, message, DeliveryOutcome.Retry, reason), cancellationToken);
    }

    private async Task<DeliveryOutcome> PostAsync(
        ActiveSubscription current, BrokerMessage message, byte[] body, JsonElement cloudEvent, string? id, string path,
        StrongBox<int?> failedStatus, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + path.TrimStart('/'), UriKind.Relative))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEventEnvelope.CloudEventContentType);
        request.Headers.TryAddWithoutValidation("pubsubname", current.PubSubName);

        // The delivery is a new span in the publisher's trace.
        var traceParent = Text(cloudEvent, "traceparent") ?? Text(cloudEvent, "traceid");
        using var deliverySpan = TraceContext.StartDelivery(message.Topic, traceParent, Text(cloudEvent, "tracestate"));
        request.Headers.TryAddWithoutValidation("traceparent", TraceContext.NextHop(traceParent));
        if (Text(cloudEvent, "tracestate") is { Length: > 0 } traceState)
        {
            request.Headers.TryAddWithoutValidation("tracestate", traceState);
        }

        if (message.MetadataAsHeaders)
        {
            AddMetadataHeaders(request, message.Metadata);
        }

        HttpResponseMessage response;
        try
        {
            response = await sidecar.AppChannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            sidecar.Logger.LogWarning("Delivering pub/sub event {Id} from {PubSub}/{Topic} to /{Path} failed: {Error}", id, current.PubSubName, message.Topic, path.TrimStart('/'), ex.Message);
            return Failed(current, message, DeliveryOutcome.Retry, $"connection error: {ex.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status is >= 200 and <= 299)
            {
                return AppStatus(text) switch
                {
                    null or "" or "SUCCESS" => DeliveryOutcome.Success,
                    "RETRY" => Failed(current, message, DeliveryOutcome.Retry, "app returned RETRY"),
                    "DROP" => Dropped(current, message, id),
                    var unknown => Failed(current, message, DeliveryOutcome.Retry, $"unknown status returned from app while processing pub/sub event {id}: {unknown}"),
                };
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                sidecar.Logger.LogError("Non-retriable error returned from app while processing pub/sub event {Id}: {Body}. status code returned: {Status}", id, text, status);
                return Failed(current, message, DeliveryOutcome.Drop, "app returned 404");
            }

            failedStatus.Value = status;
            return Failed(current, message, DeliveryOutcome.Retry,
                $"retriable error returned from app while processing pub/sub event {id}, topic: {message.Topic}, body: {text}. status code returned: {status.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    // postman/http/http.go WithCustomHTTPMetadata: every metadata entry but Content-Length becomes a request header.
    // Names HTTP cannot carry are skipped; the headers the delivery sets itself are kept.
    private static void AddMetadataHeaders(HttpRequestMessage request, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase) || name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                if (!request.Headers.Contains(name))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
            }
        }
    }

    private DeliveryOutcome Dropped(ActiveSubscription current, BrokerMessage message, string? id)
    {
        sidecar.Logger.LogWarning("DROP status returned from app while processing pub/sub event {Id}", id);
        return Failed(current, message, DeliveryOutcome.Drop, "app returned DROP");
    }

    private DeliveryOutcome Failed(ActiveSubscription current, BrokerMessage message, DeliveryOutcome outcome, string reason)
    {
        if (outcome == DeliveryOutcome.Retry)
        {
            sidecar.Logger.LogWarning("Pub/sub delivery to {AppId} on {PubSub}/{Topic} failed: {Reason}", sidecar.AppId, current.PubSubName, message.Topic, reason);
        }

        onFailure?.Invoke(new DeliveryFailure(sidecar.AppId, current.PubSubName, message.Topic, outcome, reason));
        return outcome;
    }

    /// <summary>
    /// The <c>status</c> of a 2xx answer, or null when the body is not a JSON object with a string status (which
    /// daprd treats as success). Go's decoder matches the field name case-insensitively; the value is case-sensitive.
    /// </summary>
    private static string? AppStatus(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement? status = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "status")
                {
                    status = property.Value;
                    break;
                }

                if (status is null && string.Equals(property.Name, "status", StringComparison.OrdinalIgnoreCase))
                {
                    status = property.Value;
                }
            }

            return status is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool HasExpired(JsonElement cloudEvent) =>
        Text(cloudEvent, "expiration") is { } expiration
        && DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        && at < time.GetUtcNow();

    private static string? Text(JsonElement cloudEvent, string field) =>
        cloudEvent.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A failed delivery attempt, reported for diagnostics and tests.</summary>
internal sealed record DeliveryFailure(string AppId, string PubSubName, string Topic, DeliveryOutcome Outcome, string Reason);
