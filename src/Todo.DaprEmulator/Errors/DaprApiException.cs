using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Todo.DaprEmulator.Errors;

/// <summary>
/// An API error as daprd reports it: an HTTP status with a <c>{"errorCode","message"[,"details"]}</c> JSON body on
/// the HTTP API, and a gRPC status (with the same details as a <c>google.rpc.Status</c> in the
/// <c>grpc-status-details-bin</c> trailer) on the gRPC API. Features throw it, usually made from a
/// <see cref="DaprErrors"/> entry; the HTTP middleware and the gRPC interceptor render it.
/// </summary>
public sealed class DaprApiException(int httpStatus, StatusCode grpcStatus, string errorCode, string message)
    : Exception(message)
{
    /// <summary>The trailer grpc-go's <c>status.WithDetails</c> travels in.</summary>
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    public int HttpStatus { get; } = httpStatus;

    public StatusCode GrpcStatus { get; } = grpcStatus;

    public string ErrorCode { get; } = errorCode;

    /// <summary>
    /// daprd's rich details, in the order daprd adds them; empty for the legacy errors of pkg/messages, which have none.
    /// </summary>
    internal IReadOnlyList<DaprErrorDetail> Details { get; init; } = [];

    /// <summary>The ErrorInfo reason when the error has one.</summary>
    internal string? Reason => Details.OfType<ErrorInfoDetail>().FirstOrDefault()?.Reason;

    /// <summary>A copy whose ErrorInfo carries <paramref name="metadata"/>, for callers that know what the thrower did not.</summary>
    internal DaprApiException WithErrorMetadata(IReadOnlyDictionary<string, string> metadata) =>
        new(HttpStatus, GrpcStatus, ErrorCode, Message)
        {
            Details = [.. Details.Select(d => d is ErrorInfoDetail info ? info with { Metadata = metadata } : d)],
        };

    public RpcException ToRpcException()
    {
        var status = new Status(GrpcStatus, Message);
        if (Details.Count == 0)
        {
            return new RpcException(status);
        }

        var rich = new Google.Rpc.Status { Code = (int)GrpcStatus, Message = Message };
        rich.Details.AddRange(Details.Select(d => Any.Pack(d.ToProto())));
        return new RpcException(status, new Grpc.Core.Metadata { { StatusDetailsTrailer, rich.ToByteArray() } });
    }
}
