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

    // Both names are in dapr.proto of v1.17.13 and v1.18.3 and go to one handler (grpc.go bulkPublishEvent).
    public virtual Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishAsync(request, context);

    public virtual Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishAsync(request, context);

    // A failed entry fails the call with PublishMessage: grpc.go returns the error and no failed entries (a gRPC
    // error carries no message), unlike the HTTP API, which lists them.
    private async Task<BulkPublishResponse> BulkPublishAsync(BulkPublishRequest request, ServerCallContext context)
    {
        var outcome = await Service<BulkPublisher>().PublishAsync(_sidecar, new BulkPublisher.Request(
            request.PubsubName,
            request.Topic,
            [.. request.Entries.Select(e => new BulkPublisher.Entry(
                e.EntryId,
                e.Event.Memory,
                e.ContentType,
                BulkPublisher.EntryMetadata(request.Metadata, e.Metadata.Count == 0 ? null : e.Metadata)))],
            request.Metadata,
            context.RequestHeaders.GetValue("traceparent"),
            context.RequestHeaders.GetValue("tracestate"),
            DaprApi.Grpc), context.CancellationToken);
        return outcome.Error is { } error ? throw error : new BulkPublishResponse();
    }
}
