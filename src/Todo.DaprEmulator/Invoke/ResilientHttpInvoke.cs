using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Resiliency;

namespace Todo.DaprEmulator.Invoke;

/// <summary>
/// HTTP service invocation under the caller's endpoint policy, as dapr/dapr pkg/api/http/directmessaging.go
/// (v1.17.13 = v1.18.3) runs it: the policy for <c>targets.apps.&lt;app id&gt;</c> (or <c>DefaultAppRetryPolicy</c>…) of
/// the CALLER's sidecar, one breaker per <c>appid:method</c>.
/// <list type="bullet">
/// <item>An app answer outside 200–399 is a <c>CodeError</c>: buffered, retried when <c>matching.httpStatusCodes</c>
/// allows it, and the last one is passed back verbatim.</item>
/// <item>A transport failure (app not reachable) is retried; its last error is 500 <c>ERR_DIRECT_INVOKE</c>.</item>
/// <item>A chunked request body (unknown length) is not replayable: never retried, answer streamed, failures permanent.</item>
/// <item>Without a targeting policy nothing is retried here: daprd's built-in service retries
/// (<c>DaprBuiltInServiceRetries</c>, pkg/messaging/direct_messaging.go <c>invokeWithRetry</c>) only act on gRPC
/// <c>Unavailable</c>/<c>Unauthenticated</c> from the callee's sidecar, a hop that is in-process in the emulator.</item>
/// </list>
/// </summary>
internal static class ResilientHttpInvoke
{
    public static async Task SendAsync(
        HttpContext context,
        Sidecar caller,
        AppChannel channel,
        string appId,
        string method,
        Func<HttpRequestMessage> buildRequest,
        Func<HttpResponseMessage, HttpResponse, CancellationToken, Task> copyResponse)
    {
        var policy = caller.Resiliency.Endpoint(appId, appId + ":" + method);
        var streaming = context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0;
        byte[]? body = null;
        if (policy.HasRetries && !streaming && context.Request.ContentLength > 0)
        {
            // req.WithReplay(policyDef.HasRetries()): the body is buffered so every attempt sends it again.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }

        var completed = false;
        try
        {
            await policy.RunAsync(async token =>
            {
                if (body is not null)
                {
                    context.Request.Body = new MemoryStream(body, writable: false);
                }

                using var request = buildRequest();
                HttpResponseMessage response;
                try
                {
                    response = await channel.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    caller.Logger.LogWarning("Invocation of {AppId}/{Method} failed: {Error}", appId, method, ex.Message);
                    var error = new InvokeTransportException(ex.Message, ex);
                    throw streaming ? new ResiliencyPermanentException(error) : error;
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (!streaming && status is < 200 or > 399)
                    {
                        var answer = await BufferedAnswer.ReadAsync(response, token);
                        throw new ResiliencyCodeException(status, $"app answered {status}", answer);
                    }

                    completed = true;
                    try
                    {
                        await copyResponse(response, context.Response, token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        throw new ResiliencyPermanentException(ex);
                    }

                    if (status is < 200 or > 399)
                    {
                        // Streamed non-2xx: already passed on; a permanent CodeError so a breaker counts it.
                        throw new ResiliencyPermanentException(new ResiliencyCodeException(status, "streaming request received non-2xx response"));
                    }
                }
            }, context.RequestAborted);
        }
        catch (Exception ex) when (completed && ex is not OperationCanceledException)
        {
            // Headers are out: nothing more can be said to the caller (directmessaging.go logs and returns).
            caller.Logger.LogDebug("HTTP service invocation of {AppId}/{Method} completed with: {Error}", appId, method, ex.Message);
        }
        catch (ResiliencyCodeException code) when (code.Payload is BufferedAnswer answer)
        {
            using var response = answer.ToResponse();
            await copyResponse(response, context.Response, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvokeTransportException or TimeoutException or CircuitBreakerOpenException)
        {
            await DaprErrorResults.WriteAsync(context.Response,
                DaprErrors.DirectInvoke.WithStatus(500, Grpc.Core.StatusCode.Internal).Legacy($"failed to invoke, id: {appId}, err: {ex.Message}"));
        }
    }

    private sealed class InvokeTransportException(string message, Exception inner) : Exception(message, inner);

    /// <summary>An app's non-2xx answer, read in full so the attempt can be judged and the last one returned.</summary>
    private sealed record BufferedAnswer(System.Net.HttpStatusCode Status, List<KeyValuePair<string, IEnumerable<string>>> Headers,
        List<KeyValuePair<string, IEnumerable<string>>> ContentHeaders, byte[] Body)
    {
        public static async Task<BufferedAnswer> ReadAsync(HttpResponseMessage response, CancellationToken token) =>
            new(response.StatusCode, response.Headers.ToList(), response.Content.Headers.ToList(), await response.Content.ReadAsByteArrayAsync(token));

        public HttpResponseMessage ToResponse()
        {
            var response = new HttpResponseMessage(Status) { Content = new ByteArrayContent(Body) };
            foreach (var (name, values) in Headers)
            {
                response.Headers.TryAddWithoutValidation(name, values);
            }

            foreach (var (name, values) in ContentHeaders)
            {
                response.Content.Headers.Remove(name);
                response.Content.Headers.TryAddWithoutValidation(name, values);
            }

            return response;
        }
    }
}
