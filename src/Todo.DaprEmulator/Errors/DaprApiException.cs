using Grpc.Core;

namespace Todo.DaprEmulator.Errors;

/// <summary>
/// An API error as daprd reports it: an HTTP status with a <c>{"errorCode","message"}</c> JSON body on the HTTP API,
/// and a gRPC status code on the gRPC API. Features throw it; the HTTP middleware and the gRPC interceptor render it.
/// </summary>
public sealed class DaprApiException(int httpStatus, StatusCode grpcStatus, string errorCode, string message)
    : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    public StatusCode GrpcStatus { get; } = grpcStatus;

    public string ErrorCode { get; } = errorCode;

    public RpcException ToRpcException() => new(new Status(GrpcStatus, Message));
}
