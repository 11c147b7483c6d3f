using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Client;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Chat;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;
using Todo.DaprEmulator.Hosting;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Live;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>
/// The rehearsal of a Kubernetes deployment (see <see cref="ClusterRehearsal"/>) on every Dapr version we support:
/// a break of the class the charts once had (tokens only on daprd, a 1.18-only jobs route, a denied secret) fails
/// here. Through HTTP and the apps' own listeners, not a browser: the browser flows are the other end-to-end tests.
/// </summary>
public sealed class ClusterRehearsalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("1.17")]
    [InlineData("1.18")]
    [InlineData("1.19")]
    public async Task TheChartsAndKubernetesComponentsWorkAsDeployed(string version)
    {
        await using var cluster = await ClusterRehearsal.StartAsync(DaprVersion.Parse(version));
        var backend = cluster.Pods.Single(p => p.Pod.AppId == DaprNames.BackendAppId);
        var webs = cluster.Pods.Where(p => p.Pod.AppId == DaprNames.WebAppId).ToList();

        // Every sidecar-only route of every pod refuses a caller without the app token.
        using var anonymous = new HttpClient();
        foreach (var (pod, app) in cluster.Pods)
        {
            using var events = await anonymous.PostAsJsonAsync(new Uri(app, "events/task-events"), new { });
            using var subscribe = await anonymous.GetAsync(new Uri(app, "dapr/subscribe"));
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (events.StatusCode, subscribe.StatusCode));
        }

        using (var job = await anonymous.PostAsJsonAsync(new Uri(backend.App, "job/reminder-0123456789abcdef0123456789abcdef"), new { }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, job.StatusCode);
        }

        // todo-web's sidecar, called with the app's DAPR_API_TOKEN, invokes todo-backend: accounts in state.postgresql,
        // the signing key from todo-secrets through the Configuration's secret scopes.
        using var viaWeb0 = Invoker(cluster, webs[0].Pod);
        var user = await RegisterAsync(viaWeb0);

        // Ordinary 4xx answers are not an outage: daprd's circuit breaker on an app target counts every answer outside
        // 200-399 as a failure (dapr/dapr pkg/resiliency/breaker, see dapr-production-facts.md), so a breaker there
        // would turn a burst of 401s into refused calls for every user of this replica.
        for (var i = 0; i < 7; i++)
        {
            using var anonymousCall = await viaWeb0.GetAsync("api/tasks");
            Assert.True(anonymousCall.StatusCode == HttpStatusCode.Unauthorized,
                $"call {i + 1} of a burst of 401s: {(int)anonymousCall.StatusCode} {await anonymousCall.Content.ReadAsStringAsync()}");
        }

        using (var afterBurst = new HttpRequestMessage(HttpMethod.Get, "api/tasks"))
        {
            afterBurst.Headers.Authorization = UserBearer(cluster, user);
            using var listed = await viaWeb0.SendAsync(afterBurst);
            Assert.True(listed.IsSuccessStatusCode, $"a call after seven 401s: {(int)listed.StatusCode} {await listed.Content.ReadAsStringAsync()}");
        }

        // The access-control policy lets todo-web reach /api/** only.
        using (var forbidden = await viaWeb0.PostAsJsonAsync("job/reminder-0123456789abcdef0123456789abcdef", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // A reminder from the other replica: a Dapr job on this version's Jobs API, then the event on pubsub.kafka to
        // every web replica (one consumer group per pod), each showing it to the owner's tabs.
        var arrivals = webs.Select(_ => new TaskCompletionSource<ReminderDue>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var changes = webs.Select(_ => new TaskCompletionSource<TaskChanged>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var registrations = cluster.Webs.SelectMany((web, i) =>
        {
            var notifier = web.Services.GetRequiredService<LiveEventNotifier>();
            return new[]
            {
                notifier.Subscribe(user.UserId, (ReminderDue reminder) => { arrivals[i].TrySetResult(reminder); return Task.CompletedTask; }),
                notifier.Subscribe(user.UserId, (TaskChanged change) => { changes[i].TrySetResult(change); return Task.CompletedTask; }),
            };
        }).ToList();
        try
        {
            using var viaWeb1 = Invoker(cluster, webs[1].Pod);
            viaWeb1.DefaultRequestHeaders.Authorization = UserBearer(cluster, user);
            using var created = await viaWeb1.PostAsJsonAsync("api/tasks",
                new CreateTaskRequest("water the plants", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddSeconds(2))), TodoJson.Options);
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");

            // Live sync: the created task reaches the owner's tabs on both replicas.
            foreach (var change in changes)
            {
                Assert.Equal("water the plants", (await change.Task.WaitAsync(Patience)).Task.Title);
            }

            foreach (var arrival in arrivals)
            {
                var reminder = await arrival.Task.WaitAsync(Patience);
                Assert.Equal("water the plants", reminder.Title);
            }

            // The chat, through the same path: its conversation is kept in state.postgresql.
            using var chat = await viaWeb1.PostAsJsonAsync("api/chat", new ChatRequest(null, "what's on my list?"), TodoJson.Options);
            Assert.True(chat.IsSuccessStatusCode, $"chat: {(int)chat.StatusCode} {await chat.Content.ReadAsStringAsync()}");
            Assert.Contains("water the plants", (await chat.Content.ReadFromJsonAsync<ChatResponse>(TodoJson.Options))!.Reply, StringComparison.Ordinal);

            // An AI assistant with a personal access token, on the backend's own port (where the chart's optional /mcp Ingress leads).
            using var minted = await viaWeb1.PostAsJsonAsync("api/tokens", new CreateAccessTokenRequest("rehearsal"), TodoJson.Options);
            var pat = (await minted.Content.ReadFromJsonAsync<CreatedAccessToken>(TodoJson.Options))!.Token;
            await using var mcp = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(backend.App, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {pat}" },
            }));
            var listed = await mcp.CallToolAsync("list_tasks", new Dictionary<string, object?>());
            Assert.NotEqual(true, listed.IsError);
            Assert.Contains("water the plants", listed.StructuredContent?.ToString() ?? "", StringComparison.Ordinal);
        }
        finally
        {
            registrations.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task TheChatUsesTheChartsLlmEndpointWithExactlyTheLlmKeyOfTodoSecrets()
    {
        await using var model = await ScriptedModel.StartAsync();
        await using var cluster = await ClusterRehearsal.StartAsync(DaprVersion.Parse("1.19"), model.Endpoint);
        using var viaWeb = Invoker(cluster, cluster.Pods.First(p => p.Pod.AppId == DaprNames.WebAppId).Pod);
        var user = await RegisterAsync(viaWeb);
        viaWeb.DefaultRequestHeaders.Authorization = UserBearer(cluster, user);
        using (var created = await viaWeb.PostAsJsonAsync("api/tasks", new CreateTaskRequest("repot the fern"), TodoJson.Options))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The key comes from todo-secrets through secretstores.kubernetes and the Configuration's secret scopes, as
        // the chart's chat.apiKeySecret / apiKeySecretKey name it; the model's tool call runs on the backend.
        using var chat = await viaWeb.PostAsJsonAsync("api/chat", new ChatRequest(null, "what's on my list?"), TodoJson.Options);
        Assert.True(chat.IsSuccessStatusCode, $"chat: {(int)chat.StatusCode} {await chat.Content.ReadAsStringAsync()}");
        var reply = (await chat.Content.ReadFromJsonAsync<ChatResponse>(TodoJson.Options))!.Reply;
        Assert.True(reply.StartsWith("The list says: ", StringComparison.Ordinal), $"the chat answered without the model (it could not read its key?): {reply}");
        Assert.Contains("repot the fern", reply, StringComparison.Ordinal);
        Assert.Equal(2, model.Authorizations.Count);
        Assert.All(model.Authorizations, header => Assert.Equal($"Bearer {cluster.LlmApiKey}", header));
    }

    private static async Task<UserProfile> RegisterAsync(HttpClient viaWeb)
    {
        var username = $"k8s{Guid.NewGuid():N}"[..20];
        using var registered = await viaWeb.PostAsJsonAsync("api/accounts/register", new RegisterRequest(username, "correct horse battery", null, "UTC"), TodoJson.Options);
        Assert.True(registered.IsSuccessStatusCode, $"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        return (await registered.Content.ReadFromJsonAsync<UserProfile>(TodoJson.Options))!;
    }

    /// <summary>The user token todo-web sends for a signed-in person, signed with the key from todo-secrets.</summary>
    private static AuthenticationHeaderValue UserBearer(ClusterRehearsal cluster, UserProfile user) =>
        new("Bearer", UserTokenIssuer.Issue(new SymmetricSecurityKey(cluster.SigningKey), user.UserId, user.Username, DateTimeOffset.UtcNow, sessionStamp: user.SessionStamp));

    private static HttpClient Invoker(ClusterRehearsal cluster, PodSpec pod)
    {
        var sidecar = cluster.Emulator[pod.AppId, pod.Name];
        var client = new HttpClient { BaseAddress = new Uri(sidecar.HttpEndpoint, $"/v1.0/invoke/{DaprNames.BackendAppId}/method/") };
        client.DefaultRequestHeaders.Add("dapr-api-token", sidecar.Options.DaprApiToken);
        return client;
    }
}
