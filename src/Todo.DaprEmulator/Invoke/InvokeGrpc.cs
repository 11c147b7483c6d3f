using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Invoke;
using Todo.DaprEmulator.Resiliency;
using CommonV1 = Dapr.Client.Autogen.Grpc.v1;

namespace Todo.DaprEmulator.GrpcApi;

/// <summary>
/// gRPC <c>InvokeService</c>: deprecated in favour of proxy mode, still served by 1.17–1.19
/// (dapr/proto/runtime/v1/dapr.proto in v1.17.13 and v1.18.3). daprd (pkg/api/grpc/grpc.go InvokeService) hands the
/// InvokeRequest to direct messaging, and the callee's HTTP app channel (pkg/channel/http/http_channel.go) turns it
/// into an HTTP request; the emulator has only HTTP app channels, so a gRPC app is out of reach here as it is with
/// the HTTP API.
/// </summary>
public partial class DaprGrpcService
{
    /// <summary>grpc.go daprHTTPStatusHeader: the app's HTTP status, sent as a response header of every HTTP-app answer.</summary>
    private const string DaprHttpStatusHeader = "dapr-http-status";

    public virtual async Task<InvokeResponse> InvokeService(InvokeServiceRequest request, ServerCallContext context)
    {
        var id = request.Id;
        var message = request.Message ?? new InvokeRequest();

        // direct_messaging.go Invoke: the method is normalised before the target is looked up.
        var (normalised, methodError) = GrpcInvokeRequest.NormaliseMethod(message.Method);
        if (methodError is not null)
        {
            throw DirectInvokeFailed(id, $"rpc error: code = InvalidArgument desc = invalid method: {methodError}");
        }

        var method = normalised!;
        var calleeId = string.IsNullOrEmpty(id)
            ? throw DirectInvokeFailed(id, "app id is empty")
            : InvokeTarget.AppIdWithoutNamespace(id) ?? throw DirectInvokeFailed(id, $"invalid app id {id}");
        var callee = Service<SidecarRegistry>().Find(calleeId) ?? throw DirectInvokeFailed(id, $"couldn't find service: {id}");

        // A call to the sidecar's own app id goes straight to its app channel (invokeLocal): no ACL, and the channel's
        // errors are not wrapped by the callee's CallLocal (daprinternal.go: "error invoking app channel").
        var local = callee.AppId == _sidecar.AppId;
        var verb = message.HttpExtension?.Verb is { } v and not HTTPExtension.Types.Verb.None ? v.ToString().ToUpperInvariant() : null;
        InvokeAccessControl.EnsureAllowed(_sidecar, callee, id, method, verb);
        if (message.HttpExtension is null || verb is null or "CONNECT")
        {
            var channelError = message.HttpExtension is null ? "missing HTTP extension field" : "invalid HTTP verb";
            var cause = $"rpc error: code = InvalidArgument desc = {channelError}";
            throw DirectInvokeFailed(id, local ? cause : $"rpc error: code = Internal desc = error invoking app channel: {cause}");
        }

        // grpc.go: the whole call runs under the caller's endpoint policy for "<id>:<method>"; every failed attempt is
        // a status error (never a CodeError), so retries ignore `matching`, and a non-2xx answer is retried too.
        var policy = _sidecar.Resiliency.Endpoint(id, id + ":" + message.Method);
        AppAnswer answer;
        try
        {
            answer = await policy.RunAsync(async token =>
            {
                var attempt = await SendToAppAsync(id, callee, message, method, verb, local, context, token);
                return attempt.Error is null ? attempt : throw new AppAnswerException(attempt);
            }, context.CancellationToken);
        }
        catch (AppAnswerException failed)
        {
            answer = failed.Answer;
        }
        catch (Exception ex) when (ex is TimeoutException or CircuitBreakerOpenException)
        {
            // grpc.go returns a deadline or a breaker's error as it is: grpc-go makes a plain error Unknown.
            throw new RpcException(new Status(StatusCode.Unknown, ex.Message));
        }

        await context.WriteResponseHeadersAsync(answer.Headers);
        return answer.Error is { } appError ? throw appError : answer.Response!;
    }

    /// <summary>One attempt: the app's answer (headers with <c>dapr-http-status</c>, and the data or the mapped error).</summary>
    private async Task<AppAnswer> SendToAppAsync(
        string id, Sidecar callee, InvokeRequest message, string method, string verb, bool local, ServerCallContext context, CancellationToken token)
    {
        using var appRequest = GrpcInvokeRequest.Build(message, method, verb, context);
        CallerHeaders.Stamp(appRequest, _sidecar, callee, GrpcInvokeRequest.PeerAddress(context.Peer), context.Host,
            context.RequestHeaders.GetValue("traceparent"));
        HttpResponseMessage response;
        try
        {
            response = await callee.AppChannel.SendAsync(appRequest, HttpCompletionOption.ResponseContentRead, token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _sidecar.Logger.LogWarning("Invocation of {AppId}/{Method} over gRPC failed: {Error}", id, method, ex.Message);
            throw DirectInvokeFailed(id, local ? ex.Message : $"rpc error: code = Internal desc = error invoking app channel: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(token);
            var status = (int)response.StatusCode;
            var headers = GrpcInvokeResponse.Headers(response);
            headers.Add(DaprHttpStatusHeader, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var data = new InvokeResponse
            {
                Data = new Google.Protobuf.WellKnownTypes.Any { Value = ByteString.CopyFrom(body) },
                ContentType = response.Content.Headers.ContentType?.ToString() ?? "",
            };
            return new AppAnswer(headers, data, GrpcInvokeResponse.ErrorFromHttpStatus(status, body));
        }
    }

    private sealed record AppAnswer(Grpc.Core.Metadata Headers, InvokeResponse? Response, DaprApiException? Error);

    /// <summary>A non-2xx answer fails the attempt (so the policy retries it) and is what the caller gets if it was the last.</summary>
    private sealed class AppAnswerException(AppAnswer answer) : Exception(answer.Error!.Message)
    {
        public AppAnswer Answer { get; } = answer;
    }

    /// <summary>messages.ErrDirectInvoke.WithFormat(id, err): Internal, "failed to invoke, id: …, err: …".</summary>
    private static DaprApiException DirectInvokeFailed(string id, string cause) =>
        DaprErrors.DirectInvoke.Legacy($"failed to invoke, id: {id}, err: {cause}");
}
