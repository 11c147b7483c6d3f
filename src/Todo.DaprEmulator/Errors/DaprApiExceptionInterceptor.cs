using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Todo.DaprEmulator.Errors;

/// <summary>Turns a <see cref="DaprApiException"/> thrown by a gRPC handler into the matching status code.</summary>
internal sealed class DaprApiExceptionInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (DaprApiException ex)
        {
            throw ex.ToRpcException();
        }
    }
}
