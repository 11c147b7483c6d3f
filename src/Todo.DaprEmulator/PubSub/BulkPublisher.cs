using System.Text.Json;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Invoke;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// The bulk publish path shared by HTTP <c>/v1.0[-alpha1]/publish/bulk/…</c> and gRPC <c>BulkPublishEvent[Alpha1]</c>,
/// in daprd's order (dapr/dapr v1.18.3, unchanged from v1.17.13: pkg/api/grpc/grpc.go bulkPublishEvent,
/// pkg/api/http/http.go onBulkPublish, pkg/runtime/pubsub/publisher/publisher.go BulkPublish): the pub/sub and topic
/// checks of a single publish, the request's rawPayload, an entry id per entry, one CloudEvent per entry (each with its
/// own span), the topic's publishing scope, then the component.
/// </summary>
internal sealed class BulkPublisher(ComponentRegistry registry, TimeProvider time)
{
    /// <summary>One entry as the APIs decode it. <paramref name="Metadata"/> is null when the entry had none.</summary>
    public sealed record Entry(string EntryId, ReadOnlyMemory<byte> Event, string ContentType, IReadOnlyDictionary<string, string>? Metadata);

    public sealed record Request(
        string PubSubName,
        string Topic,
        IReadOnlyList<Entry> Entries,
        IReadOnlyDictionary<string, string> Metadata,
        string? IncomingTraceParent,
        string? IncomingTraceState,
        DaprApi Api);

    public sealed record FailedEntry(string EntryId, string Error);

    /// <summary>An entry as the component gets it: its id, the bytes to publish and the metadata it is sent with.</summary>
    public sealed record ComponentEntry(string EntryId, ReadOnlyMemory<byte> Data, IReadOnlyDictionary<string, string> Metadata);

    /// <summary>
    /// One attempt's outcome as the component returns it (contrib pubsub.BulkPublishResponse and error):
    /// <paramref name="Error"/> is set when anything failed and is the error daprd answers with.
    /// </summary>
    public sealed record AttemptResult(List<FailedEntry> Failed, string? Error);

    /// <summary>The failed entries and, when any failed, the error daprd answers with (PublishMessage).</summary>
    public sealed record Outcome(IReadOnlyList<FailedEntry> FailedEntries, DaprApiException? Error);

    /// <summary>The checks both APIs make before reading entries: the component, and whether the payloads are raw.</summary>
    public (IPubSubBroker Broker, bool Raw) Validate(Sidecar sidecar, string pubsub, string topic, IReadOnlyDictionary<string, string> metadata, DaprApi api)
    {
        var broker = PubSubPublisher.Resolve(registry, sidecar.AppId, pubsub, metadata, api);
        if (string.IsNullOrEmpty(topic))
        {
            throw PubSubErrors.TopicEmpty(pubsub, metadata);
        }

        return (broker, PubSubPublisher.IsRawPayload(pubsub, metadata));
    }

    /// <summary>
    /// Both APIs refuse a missing or repeated entry id with MarshalEvents (InvalidArgument / 400
    /// ERR_PUBSUB_EVENTS_SER), before anything is published.
    /// </summary>
    public static void EnsureEntryId(ISet<string> seen, string entryId, string pubsub, string topic, string appId)
    {
        if (entryId.Length == 0 || !seen.Add(entryId))
        {
            throw PubSubErrors.MarshalEvents(pubsub, topic, appId, "entryId is duplicated or not present for entry");
        }
    }

    /// <summary>
    /// Entry metadata over request metadata, only for entries that have metadata of their own
    /// (utils.PopulateMetadataForBulkPublishEntry is called under <c>if entry.Metadata != nil</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? EntryMetadata(IReadOnlyDictionary<string, string> request, IReadOnlyDictionary<string, string>? entry)
    {
        if (entry is null)
        {
            return null;
        }

        var merged = new Dictionary<string, string>(entry, StringComparer.Ordinal);
        foreach (var (key, value) in request)
        {
            merged.TryAdd(key, value);
        }

        return merged;
    }

    public async Task<Outcome> PublishAsync(Sidecar sidecar, Request request, CancellationToken cancellationToken)
    {
        var (broker, raw) = Validate(sidecar, request.PubSubName, request.Topic, request.Metadata, request.Api);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<ReadOnlyMemory<byte>>(request.Entries.Count);
        foreach (var entry in request.Entries)
        {
            EnsureEntryId(seen, entry.EntryId, request.PubSubName, request.Topic, sidecar.AppId);
            events.Add(raw ? entry.Event : Envelope(sidecar, request, entry));
        }

        // publisher.go BulkPublish: the scope check comes after the envelopes, as for a single publish.
        if (!broker.Scopes.CanPublish(sidecar.AppId, request.Topic))
        {
            throw PubSubErrors.Forbidden(request.PubSubName, request.Topic, sidecar.AppId);
        }

        var result = await PublishUnderPolicyAsync(sidecar, broker, request, events, cancellationToken);
        sidecar.Logger.LogDebug("Bulk published {Count} entries to {PubSub}/{Topic} ({Failed} failed)",
            request.Entries.Count, request.PubSubName, request.Topic, result.Failed.Count);

        // http.go onBulkPublish / grpc.go bulkPublishEvent answer the component's error as PublishMessage.
        return new Outcome(result.Failed, result.Error is null ? null : PubSubErrors.Publish(request.PubSubName, request.Topic, result.Error));
    }

    /// <summary>
    /// The entries under the component's outbound policy as bulkpublish_resiliency.go ApplyBulkPublishResiliency runs
    /// them: an attempt with failed entries fails, and the next attempt sends only those (the Accumulator); when the
    /// policy gives up on a timeout or an open breaker, every entry still pending is failed with that error.
    /// </summary>
    private static async Task<AttemptResult> PublishUnderPolicyAsync(
        Sidecar sidecar, IPubSubBroker broker, Request request, List<ReadOnlyMemory<byte>> events, CancellationToken cancellationToken)
    {
        var pending = Enumerable.Range(0, request.Entries.Count).ToList();
        try
        {
            await sidecar.Resiliency.ComponentOutbound(request.PubSubName, Resiliency.ComponentKind.Pubsub).RunAsync(async token =>
            {
                var entries = pending.Select(i => new ComponentEntry(
                    request.Entries[i].EntryId, events[i], ComponentMetadata(broker, request.Metadata, request.Entries[i].Metadata))).ToList();
                var result = broker is IBulkPublishingBroker bulk
                    ? await bulk.BulkPublishAsync(request.Topic, entries, token)
                    : await PublishOneByOneAsync(broker, request.Topic, entries, token);
                if (result.Error is not null)
                {
                    if (!token.IsCancellationRequested)
                    {
                        var failedIds = result.Failed.Select(f => f.EntryId).ToHashSet(StringComparer.Ordinal);
                        pending = [.. pending.Where(i => failedIds.Contains(request.Entries[i].EntryId))];
                    }

                    throw new BulkAttemptFailedException(result);
                }
            }, cancellationToken);
            return new AttemptResult([], null);
        }
        catch (BulkAttemptFailedException attempt)
        {
            return attempt.Result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new AttemptResult([.. pending.Select(i => new FailedEntry(request.Entries[i].EntryId, ex.Message))], ex.Message);
        }
    }

    // default_bulkpub.go: a component without FeatureBulkPublish gets one Publish per entry (in parallel there, in no
    // promised order; the emulator keeps the request's order) and a failure fails only that entry; errgroup.Wait
    // returns the first error.
    private static async Task<AttemptResult> PublishOneByOneAsync(
        IPubSubBroker broker, string topic, List<ComponentEntry> entries, CancellationToken token)
    {
        List<FailedEntry> failed = [];
        foreach (var entry in entries)
        {
            try
            {
                await broker.PublishAsync(topic, entry.Data, entry.Metadata, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add(new FailedEntry(entry.EntryId, ex.Message));
            }
        }

        return new AttemptResult(failed, failed.Count == 0 ? null : failed[0].Error);
    }

    /// <summary>One attempt's failed entries: the attempt failed, and they are what the caller sees if it was the last.</summary>
    private sealed class BulkAttemptFailedException(AttemptResult result) : Exception(result.Error)
    {
        public AttemptResult Result { get; } = result;
    }

    private byte[] Envelope(Sidecar sidecar, Request request, Entry entry)
    {
        try
        {
            // Each entry gets a child span of the request's: same trace, its own span id (grpc.go spanMap).
            return CloudEventEnvelope.Create(new CloudEventEnvelope.Request(
                sidecar.AppId, request.PubSubName, request.Topic, entry.ContentType, entry.Event,
                entry.Metadata ?? new Dictionary<string, string>(),
                TraceContext.NextHop(request.IncomingTraceParent), request.IncomingTraceState), time);
        }
        catch (JsonException ex)
        {
            throw PubSubErrors.CloudEvent(request.PubSubName, sidecar.AppId, ex.Message);
        }
    }

    /// <summary>
    /// What the component sees per entry: without FeatureBulkPublish the entry's metadata alone (default_bulkpub.go
    /// bulkPublishSingleEntry); pubsub.kafka copies the request's metadata over it (contrib common/component/kafka
    /// producer.go BulkPublish: <c>maps.Copy(entry.Metadata, metadata)</c>), so a request-level partitionKey keys
    /// every record.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ComponentMetadata(
        IPubSubBroker broker, IReadOnlyDictionary<string, string> request, IReadOnlyDictionary<string, string>? entry)
    {
        if (broker is not IBulkPublishingBroker)
        {
            return entry ?? new Dictionary<string, string>();
        }

        var merged = new Dictionary<string, string>(entry ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in request)
        {
            merged[key] = value;
        }

        return merged;
    }
}
