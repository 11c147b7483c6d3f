using System.Collections.Concurrent;
using Todo.Contracts.Projects;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// The members of the user's projects for this circuit, read from <c>GET /api/projects/{id}/members</c> once a minute at
/// most: every row of a shared project names its assignee, and the editor offers them as assignees, without a request
/// per row. The Inbox has no one else; a failed read is not kept, so the next render asks again.
/// </summary>
public sealed class ProjectMembers(Func<string, CancellationToken, Task<IReadOnlyList<ProjectMemberDto>>> load, TimeProvider time)
{
    /// <summary>How long a project's member list is used before it is read again (sharing changes rarely).</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<IReadOnlyList<ProjectMemberDto>> Members)> _cache = new(StringComparer.Ordinal);

    /// <summary>The members the backend reads for the signed-in user of this circuit.</summary>
    public static ProjectMembers ForCircuit(IServiceProvider services) => new(async (projectId, cancellationToken) =>
    {
        var user = await services.GetRequiredService<CurrentUser>().GetAsync();
        return (await services.GetRequiredService<BackendClient>().ListProjectMembersAsync(user, projectId, cancellationToken)).Items;
    }, services.GetRequiredService<TimeProvider>());

    /// <summary>Everyone with access to the project, the owner first; empty for the Inbox or when the backend cannot say.</summary>
    public async Task<IReadOnlyList<ProjectMemberDto>> OfAsync(string projectId, CancellationToken cancellationToken = default)
    {
        if (projectId == ProjectDto.InboxId)
        {
            return [];
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(projectId, out var entry) || now - entry.At > Fresh || entry.Members.IsFaulted || entry.Members.IsCanceled)
        {
            entry = (now, load(projectId, cancellationToken));
            _cache[projectId] = entry;
        }

        try
        {
            return await entry.Members;
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException or OperationCanceledException)
        {
            _cache.TryRemove(new KeyValuePair<string, (DateTimeOffset, Task<IReadOnlyList<ProjectMemberDto>>)>(projectId, entry));
            return [];
        }
    }

    /// <summary>The username of <paramref name="userId"/> among the project's members; null when they are not (any longer) one.</summary>
    public async Task<string?> UsernameAsync(string projectId, string userId, CancellationToken cancellationToken = default) =>
        (await OfAsync(projectId, cancellationToken)).FirstOrDefault(m => m.UserId == userId)?.Username;
}
