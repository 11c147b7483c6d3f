using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Todo.DaprEmulator.Metadata;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    public virtual Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context)
    {
        var response = new GetMetadataResponse
        {
            Id = _sidecar.AppId,
            RuntimeVersion = RuntimeInfo.VersionOf(_sidecar),
            ActorRuntime = new ActorRuntime { RuntimeStatus = ActorRuntime.Types.ActorRuntimeStatus.Disabled },
        };
        response.ExtendedMetadata.Add(_sidecar.ExtendedMetadata);
        response.ExtendedMetadata["daprRuntimeVersion"] = RuntimeInfo.VersionOf(_sidecar);
        foreach (var (name, type, version, capabilities) in MetadataSnapshot.Components(_sidecar, _registry))
        {
            var component = new RegisteredComponents { Name = name, Type = type, Version = version };
            component.Capabilities.Add(capabilities);
            response.RegisteredComponents.Add(component);
        }

        foreach (var subscription in _sidecar.Subscriptions)
        {
            var item = new PubsubSubscription
            {
                PubsubName = subscription.PubSubName,
                Topic = subscription.Topic,
                DeadLetterTopic = subscription.DeadLetterTopic ?? "",
                Rules = new PubsubSubscriptionRules(),
                Type = subscription.Type == "DECLARATIVE" ? PubsubSubscriptionType.Declarative : PubsubSubscriptionType.Programmatic,
            };
            foreach (var (key, value) in subscription.Metadata)
            {
                item.Metadata[key] = value;
            }

            item.Rules.Rules.Add(subscription.Rules.Select(r => new PubsubSubscriptionRule { Match = r.Match, Path = r.Path }));
            response.Subscriptions.Add(item);
        }

        if (_sidecar.AppChannel.Port is { } port)
        {
            response.AppConnectionProperties = new AppConnectionProperties
            {
                Port = port,
                Protocol = "http",
                ChannelAddress = _sidecar.Options.AppChannelAddress,
            };
        }

        return Task.FromResult(response);
    }

    public virtual Task<Google.Protobuf.WellKnownTypes.Empty> SetMetadata(SetMetadataRequest request, ServerCallContext context)
    {
        _sidecar.ExtendedMetadata[request.Key] = request.Value;
        return Task.FromResult(new Google.Protobuf.WellKnownTypes.Empty());
    }
}
