using System.Runtime.CompilerServices;
using Todo.DaprEmulator.Resiliency;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// The post of one message to the subscriber under the pub/sub component's inbound policy, as dapr/dapr
/// pkg/runtime/subscription/subscription.go (v1.17.13 = v1.18.3) runs <c>postman.Deliver</c>: only the post is inside
/// the policy (a message that is not a CloudEvent, expired or routed nowhere is judged once). A retriable answer is
/// retried as the policy says (an HTTP status through <c>matching.httpStatusCodes</c>: postman/http returns a
/// <c>CodeError</c>); SUCCESS, DROP and 404 end it. With no policy the post runs once and a failure goes back to the
/// component (or the dead-letter topic), as before — daprd has no built-in retry here.
/// </summary>
internal static class InboundDelivery
{
    public static async Task<DeliveryOutcome> RunAsync(
        PolicyRunner policy,
        Func<StrongBox<int?>, CancellationToken, Task<DeliveryOutcome>> post,
        Func<string, DeliveryOutcome> refused,
        CancellationToken cancellationToken)
    {
        try
        {
            return await policy.RunAsync(async token =>
            {
                var status = new StrongBox<int?>();
                var outcome = await post(status, token);
                if (outcome != DeliveryOutcome.Retry)
                {
                    return outcome;
                }

                throw status.Value is { } code
                    ? new ResiliencyCodeException(code, $"retriable error returned from app, status code {code}")
                    : new RetriableDeliveryException();
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is ResiliencyCodeException or RetriableDeliveryException or TimeoutException)
        {
            return DeliveryOutcome.Retry;
        }
        catch (CircuitBreakerOpenException ex)
        {
            return refused(ex.Message);
        }
    }

    private sealed class RetriableDeliveryException() : Exception("retriable delivery failure");
}
