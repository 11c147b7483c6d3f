using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Todo.DaprEmulator.Hosting;

/// <summary>gRPC side of DAPR_API_TOKEN: a missing or wrong <c>dapr-api-token</c> metadata entry is Unauthenticated.</summary>
internal sealed class ApiTokenInterceptor(Sidecar sidecar) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (sidecar.Options.DaprApiToken is { } expected && context.RequestHeaders.GetValue("dapr-api-token") != expected)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
        }

        return continuation(request, context);
    }
}
