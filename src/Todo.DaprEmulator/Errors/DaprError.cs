using System.Globalization;
using Grpc.Core;

namespace Todo.DaprEmulator.Errors;

/// <summary>
/// One entry of <see cref="DaprErrors"/>: the error code the HTTP body shows, the HTTP and gRPC statuses, the message
/// format (<c>{0}</c>, <c>{1}</c>... in daprd's argument order) and, for errors daprd builds with dapr/kit's
/// <c>errors.NewBuilder</c>, the ErrorInfo reason. Entries without a reason are pkg/messages' legacy errors:
/// no details on either API.
/// </summary>
internal sealed record DaprError(string Code, int HttpStatus, StatusCode GrpcStatus, string Format, string? Reason = null)
{
    public string Message(params object?[] args) => string.Format(CultureInfo.InvariantCulture, Format, args);

    /// <summary>The error without details, as pkg/messages' <c>APIError</c> and <c>NewAPIErrorHTTP</c> build it.</summary>
    public DaprApiException Legacy(params object?[] args) => new(HttpStatus, GrpcStatus, Code, Message(args));

    /// <summary>
    /// The error with daprd's details in kit's order: the field violation, the resource, then the ErrorInfo (which
    /// every kit error has). <paramref name="message"/> is the formatted message.
    /// </summary>
    public DaprApiException Rich(
        string message,
        IReadOnlyDictionary<string, string>? metadata = null,
        ResourceInfoDetail? resource = null,
        FieldViolationDetail? fieldViolation = null)
    {
        var reason = Reason ?? throw new InvalidOperationException($"{Code} is a legacy error without details");
        List<DaprErrorDetail> details = [];
        if (fieldViolation is not null)
        {
            details.Add(fieldViolation);
        }

        if (resource is not null)
        {
            details.Add(resource);
        }

        details.Add(new ErrorInfoDetail(reason, metadata));
        return new DaprApiException(HttpStatus, GrpcStatus, Code, message) { Details = details };
    }

    /// <summary>The same error with the statuses a call site derives (an ETag mismatch, the scheduler's own code).</summary>
    public DaprError WithStatus(int httpStatus, StatusCode grpcStatus) => this with { HttpStatus = httpStatus, GrpcStatus = grpcStatus };
}
