using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.TaskList;

/// <summary>
/// todo-backend as far as the tasks page reads it (<c>GET /api/me</c>, <c>/api/tasks</c> with filter, sort, limit and
/// an offset cursor, <c>/api/tags</c>, <c>/api/tasks/{id}</c>), behind a real <see cref="BackendClient"/>, counting
/// every read. The list is filtered and sorted by <see cref="TaskFilterRules"/>; that those rules agree with the real
/// backend is what <c>LiveTaskListAgainstTheBackendTests</c> checks.
/// </summary>
internal sealed class RecordingBackend : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> _reads = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, TaskDto> _tasks = new(StringComparer.Ordinal);
    private TaskCompletionSource? _hold;
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingBackend(TimeProvider time, string timeZone = "UTC")
    {
        Time = time;
        TimeZone = timeZone;
        Client = new BackendClient(new HttpClient(this) { BaseAddress = new Uri("http://todo-backend/") },
            new UserTokenIssuer(SigningKeys(), time));
    }

    public TimeProvider Time { get; }

    public string TimeZone { get; }

    public BackendClient Client { get; }

    /// <summary>Every GET so far, as "path?query".</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    /// <summary>The GETs of the task list and the tag list (what live sync used to repeat per tab).</summary>
    public int ListReads => _reads.Count(r => r.StartsWith("api/tasks?", StringComparison.Ordinal) || r == "api/tags");

    public void ForgetReads() => _reads.Clear();

    /// <summary>
    /// Until <see cref="TaskCompletionSource.SetResult"/>, list answers are held back after they were computed: a read
    /// that started before a change answers with the list from before it, as a slow read does.
    /// </summary>
    public TaskCompletionSource HoldListAnswers()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hold = hold;
        return hold;
    }

    /// <summary>Completes once a held list answer is computed and waiting.</summary>
    public Task ListAnswerWaiting => _waiting.Task;

    /// <summary>Stores (or replaces) a task as the backend would after a change.</summary>
    public TaskDto Put(TaskDto task)
    {
        lock (_gate)
        {
            _tasks[task.Id] = task;
        }

        return task;
    }

    public void Remove(string id)
    {
        lock (_gate)
        {
            _tasks.Remove(id);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        var query = QueryHelpers.ParseQuery(request.RequestUri.Query);
        if (request.Method != HttpMethod.Get)
        {
            return new HttpResponseMessage(HttpStatusCode.MethodNotAllowed);
        }

        _reads.Enqueue(path + request.RequestUri.Query);
        object? body = path switch
        {
            "api/me" => new UserProfile("u1", "ann", "Ann", TimeZone, null),
            "api/tags" => Tags(),
            "api/tasks" => List(query),
            // The sidebar's projects: the Inbox and OwnProjects, counting the open tasks stored here.
            "api/projects" => Projects(),
            // A project's activity and members, for the activity page.
            _ when path.StartsWith("api/projects/", StringComparison.Ordinal) && path.EndsWith("/activity", StringComparison.Ordinal) =>
                Activity.TryGetValue(path.Split('/')[2], out var entries) ? new Todo.Contracts.Projects.ActivityList(entries) : null,
            _ when path.StartsWith("api/projects/", StringComparison.Ordinal) && path.EndsWith("/members", StringComparison.Ordinal) =>
                new Todo.Contracts.Projects.ProjectMemberList(Members),
            _ when path.StartsWith("api/tasks/", StringComparison.Ordinal) => Find(Uri.UnescapeDataString(path["api/tasks/".Length..])),
            _ => null,
        };
        if (path == "api/tasks" && _hold is { } hold)
        {
            _waiting.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }

        return body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body, body.GetType(), options: TodoJson.Options) };
    }

    /// <summary>Each project's activity, newest first, as <c>GET api/projects/{id}/activity</c> answers it (a missing one is a 404).</summary>
    public Dictionary<string, IReadOnlyList<Todo.Contracts.Projects.ActivityEntryDto>> Activity { get; } = [];

    /// <summary>The members every project lists.</summary>
    public IReadOnlyList<Todo.Contracts.Projects.ProjectMemberDto> Members { get; set; } = [];

    /// <summary>The user's projects after the Inbox (their counts are those of the open tasks stored here).</summary>
    public IReadOnlyList<Todo.Contracts.Projects.ProjectDto> OwnProjects { get; set; } = [];

    private Todo.Contracts.Projects.ProjectList Projects()
    {
        lock (_gate)
        {
            Todo.Contracts.Projects.ProjectDto inbox = new(Todo.Contracts.Projects.ProjectDto.InboxId, Todo.Contracts.Projects.ProjectDto.InboxName,
                null, false, true, 0, "owner", "1");
            return new([.. new[] { inbox }.Concat(OwnProjects)
                .Select(p => p with { OpenCount = _tasks.Values.Count(t => !t.Completed && t.ProjectId == p.Id) })]);
        }
    }

    private TaskDto? Find(string id)
    {
        lock (_gate)
        {
            return _tasks.GetValueOrDefault(id);
        }
    }

    private List<TagCount> Tags()
    {
        lock (_gate)
        {
            return [.. _tasks.Values.Aggregate((IReadOnlyList<TagCount>)[], (tags, t) => TagCounts.Apply(tags, null, t))];
        }
    }

    private TaskPage List(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var filter = new TaskFilter(Get("q"), Get("status") is "all" ? null : Get("status"),
            Enum.TryParse<TaskPriority>(Get("priority"), true, out var p) ? p : null, Get("tag"), Get("due"), Get("sort"), Get("order"),
            int.Parse(Get("limit") ?? "100", CultureInfo.InvariantCulture), Project: Get("project"));
        var offset = Get("cursor") is { } cursor ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture) : 0;
        var now = Time.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        List<TaskDto> matching;
        lock (_gate)
        {
            matching = [.. _tasks.Values.Where(t => TaskFilterRules.Matches(filter, t, now, zone)).Order(TaskFilterRules.Order(filter))];
        }

        var page = matching.Skip(offset).Take(filter.Limit).ToList();
        var next = offset + page.Count < matching.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture)))
            : null;
        return new TaskPage(page, next, matching.Count);
    }

    // The signing key comes from the Dapr secret store over gRPC; this answers that one call in-process.
    internal static SigningKeyProvider SigningKeys()
    {
        var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint("http://sidecar")
            .UseGrpcChannelOptions(new GrpcChannelOptions { HttpHandler = new SecretStore(RandomNumberGenerator.GetBytes(32)) })
            .Build();
        return new SigningKeyProvider(dapr, new ConfigurationBuilder().Build(), NullLogger<SigningKeyProvider>.Instance);
    }

    /// <summary>A gRPC answer to GetSecret: one length-prefixed message, then grpc-status 0 in the trailers.</summary>
    private sealed class SecretStore(byte[] key) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var secret = new GetSecretResponse();
            secret.Data[UserTokenDefaults.SigningKeySecretKey] = Convert.ToBase64String(key);
            var message = secret.ToByteArray();
            var framed = new byte[5 + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
            message.CopyTo(framed, 5);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent(framed) };
            response.Content.Headers.ContentType = new("application/grpc");
            response.TrailingHeaders.Add("grpc-status", "0");
            return Task.FromResult(response);
        }
    }
}
