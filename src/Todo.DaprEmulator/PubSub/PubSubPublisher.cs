using System.Text.Json;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Invoke;

namespace Todo.DaprEmulator.PubSub;

/// <summary>The publish path shared by the HTTP and gRPC APIs, with daprd's checks in daprd's order.</summary>
internal sealed class PubSubPublisher(ComponentRegistry registry, TimeProvider time)
{
    /// <summary>One publish request as either API receives it.</summary>
    public sealed record Request(
        string PubSubName,
        string Topic,
        ReadOnlyMemory<byte> Data,
        string? ContentType,
        IReadOnlyDictionary<string, string> Metadata,
        string? IncomingTraceParent,
        string? IncomingTraceState,
        DaprApi Api);

    public async Task PublishAsync(Sidecar sidecar, Request request, CancellationToken cancellationToken)
    {
        var broker = Resolve(registry, sidecar.AppId, request.PubSubName, request.Metadata, request.Api);
        if (string.IsNullOrEmpty(request.Topic))
        {
            throw PubSubErrors.TopicEmpty(request.PubSubName, request.Metadata);
        }

        var raw = IsRawPayload(request.PubSubName, request.Metadata);
        if (!broker.Scopes.CanPublish(sidecar.AppId, request.Topic))
        {
            throw PubSubErrors.Forbidden(request.PubSubName, request.Topic, sidecar.AppId);
        }

        var data = request.Data;
        if (!raw)
        {
            try
            {
                data = CloudEventEnvelope.Create(new CloudEventEnvelope.Request(
                    sidecar.AppId, request.PubSubName, request.Topic, request.ContentType, request.Data, request.Metadata,
                    TraceContext.NextHop(request.IncomingTraceParent), request.IncomingTraceState), time);
            }
            catch (JsonException ex)
            {
                throw PubSubErrors.CloudEvent(request.PubSubName, sidecar.AppId, ex.Message);
            }
        }

        try
        {
            // publisher.go: the publish runs under the component's outbound policy (timeout, retry, breaker).
            await sidecar.Resiliency.ComponentOutbound(request.PubSubName, Resiliency.ComponentKind.Pubsub)
                .RunAsync(token => broker.PublishAsync(request.Topic, data, request.Metadata, token).AsTask(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw PubSubErrors.Publish(request.PubSubName, request.Topic, ex.Message);
        }

        sidecar.Logger.LogDebug("Published to {PubSub}/{Topic} ({Bytes} bytes{Raw})", request.PubSubName, request.Topic, data.Length, raw ? ", raw" : "");
    }

    /// <summary>The pub/sub component named <paramref name="name"/> as <paramref name="appId"/> sees it, or daprd's error.</summary>
    public static IPubSubBroker Resolve(
        ComponentRegistry registry, string appId, string name, IReadOnlyDictionary<string, string> metadata, DaprApi api)
    {
        if (!registry.OfCategory("pubsub", appId).Any())
        {
            throw PubSubErrors.NotConfigured(name, metadata, api);
        }

        if (string.IsNullOrEmpty(name))
        {
            throw PubSubErrors.Empty(metadata);
        }

        return registry.Find(name, appId)?.Instance as IPubSubBroker ?? throw PubSubErrors.NotFound(name, metadata, api);
    }

    // contrib metadata.IsRawPayload: strconv.ParseBool semantics.
    internal static bool IsRawPayload(string pubsub, IReadOnlyDictionary<string, string> metadata)
    {
        var value = metadata.FirstOrDefault(kv => string.Equals(kv.Key, "rawPayload", StringComparison.Ordinal)).Value;
        return string.IsNullOrEmpty(value)
            ? false
            : ParseBool(value) ?? throw PubSubErrors.Metadata(pubsub, metadata, $"rawPayload value must be a valid boolean: actual is '{value}'");
    }

    public static bool? ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };
}
