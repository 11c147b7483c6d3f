using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.PubSub;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    public virtual async Task<Google.Protobuf.WellKnownTypes.Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        await Service<PubSubPublisher>().PublishAsync(_sidecar, new PubSubPublisher.Request(
            request.PubsubName,
            request.Topic,
            request.Data.Memory,
            request.DataContentType,
            request.Metadata,
            context.RequestHeaders.GetValue("traceparent"),
            context.RequestHeaders.GetValue("tracestate"),
            DaprApi.Grpc), context.CancellationToken);
        return new Google.Protobuf.WellKnownTypes.Empty();
    }

    public virtual Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishAsync(request, context);

    public virtual Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishAsync(request, context);

    // Each entry is published as a single event (entry metadata over request metadata); request-level errors
    // (unknown pubsub, empty topic, forbidden topic) fail the call, per-entry failures are listed in the answer.
    private async Task<BulkPublishResponse> BulkPublishAsync(BulkPublishRequest request, ServerCallContext context)
    {
        PubSubPublisher.Resolve(_registry, _sidecar.AppId, request.PubsubName, request.Metadata, DaprApi.Grpc);
        if (string.IsNullOrEmpty(request.Topic))
        {
            throw PubSubErrors.TopicEmpty(request.PubsubName, request.Metadata);
        }

        var response = new BulkPublishResponse();
        foreach (var entry in request.Entries)
        {
            var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal);
            foreach (var (key, value) in entry.Metadata)
            {
                metadata[key] = value;
            }

            try
            {
                await Service<PubSubPublisher>().PublishAsync(_sidecar, new PubSubPublisher.Request(
                    request.PubsubName,
                    request.Topic,
                    entry.Event.Memory,
                    entry.ContentType,
                    metadata,
                    context.RequestHeaders.GetValue("traceparent"),
                    context.RequestHeaders.GetValue("tracestate"),
                    DaprApi.Grpc), context.CancellationToken);
            }
            catch (DaprApiException ex) when (ex.HttpStatus is 500)
            {
                response.FailedEntries.Add(new BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = ex.Message });
            }
        }

        return response;
    }
}
