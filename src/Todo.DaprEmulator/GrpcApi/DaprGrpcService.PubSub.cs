using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
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
            context.RequestHeaders.GetValue("tracestate")), context.CancellationToken);
        return new Google.Protobuf.WellKnownTypes.Empty();
    }
}
