using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.PubSub;

/// <summary>
/// Reads an app's programmatic subscriptions with <c>GET /dapr/subscribe</c>, once each time the app becomes
/// reachable: 200 → a JSON array (field names case-insensitive, as Go decodes them), 404 → none, any other status →
/// logged, none; transport errors are retried as daprd's built-in initialization retries do.
/// </summary>
internal static class ProgrammaticSubscriptions
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static async Task<IReadOnlyList<SubscriptionSpec>> FetchAsync(Sidecar sidecar, CancellationToken cancellationToken)
    {
        // pkg/runtime/pubsub/subscriptions.go GetSubscriptionsHTTP: the call runs under DaprBuiltInInitializationRetries
        // (exponential 500 ms ×1.5 ±50 %, at most 1 s apart, 3 retries, 10 s in all); only a failed call is retried,
        // any answer (404, 500) is final. The 10 s cap per attempt is the emulator's guard against a hung app: it ends
        // the fetch rather than adding a retry daprd would not make.
        try
        {
            var (status, body) = await sidecar.Resiliency.BuiltIn(Resiliency.SidecarResiliency.BuiltInInitializationRetries).RunAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dapr/subscribe", UriKind.Relative));
                request.Headers.TryAddWithoutValidation("dapr-app-id", sidecar.AppId);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                try
                {
                    using var response = await sidecar.AppChannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                    return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
                }
                catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
                {
                    throw new Resiliency.ResiliencyPermanentException(ex);
                }
            }, cancellationToken);

            // Decoding comes after the policy: a malformed answer is not fetched again.
            return Parse(sidecar, status, body);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                   && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            sidecar.Logger.LogError("GET /dapr/subscribe on app {AppId} failed: {Error}; no programmatic subscriptions", sidecar.AppId, ex.Message);
            return [];
        }
    }

    private static IReadOnlyList<SubscriptionSpec> Parse(Sidecar sidecar, HttpStatusCode status, string body)
    {
        if (status == HttpStatusCode.NotFound)
        {
            return [];
        }

        if (status != HttpStatusCode.OK)
        {
            sidecar.Logger.LogError("GET /dapr/subscribe on app {AppId} answered {Status}; no programmatic subscriptions", sidecar.AppId, (int)status);
            return [];
        }

        List<Item?>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<Item?>>(body, Json);
        }
        catch (JsonException ex)
        {
            sidecar.Logger.LogError("GET /dapr/subscribe on app {AppId} returned invalid JSON ({Error}); no programmatic subscriptions", sidecar.AppId, ex.Message);
            return [];
        }

        return (items ?? []).OfType<Item>().Select(item => new SubscriptionSpec(
            item.PubsubName ?? "",
            item.Topic ?? "",
            (item.Routes?.Rules ?? []).OfType<RuleItem>().Select(r => new RouteRule(r.Match ?? "", r.Path ?? "")).ToList(),
            // daprd: routes.default, else the v1 route, is the final catch-all.
            string.IsNullOrEmpty(item.Routes?.Default) ? item.Route : item.Routes.Default,
            item.Metadata ?? [],
            item.DeadLetterTopic,
            ActiveSubscription.Programmatic,
            "GET /dapr/subscribe")).ToList();
    }

    private sealed class Item
    {
        public string? PubsubName { get; set; }

        public string? Topic { get; set; }

        public string? Route { get; set; }

        public RoutesItem? Routes { get; set; }

        public Dictionary<string, string>? Metadata { get; set; }

        public string? DeadLetterTopic { get; set; }
    }

    private sealed class RoutesItem
    {
        public List<RuleItem?>? Rules { get; set; }

        public string? Default { get; set; }
    }

    private sealed class RuleItem
    {
        public string? Match { get; set; }

        public string? Path { get; set; }
    }
}
