using System.Net;
using Dapr.Client;
using Todo.Contracts;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts.Accounts;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Sharing;

/// <summary>The sharing calls the sharing tests make, and a shared project ready to use.</summary>
internal static class SharingApi
{
    public static Task<HttpResponseMessage> ShareAsync(this HttpClient client, string projectId, string username, string? role = null) =>
        client.PostJsonAsync($"api/projects/{projectId}/members", new ShareProjectRequest(username, role));

    public static async Task<ProjectMemberDto> ShareOkAsync(this HttpClient client, string projectId, string username, string? role = null)
    {
        using var response = await client.ShareAsync(projectId, username, role);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"share answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ProjectMemberDto>();
    }

    public static async Task<IReadOnlyList<ProjectMemberDto>> MembersAsync(this HttpClient client, string projectId) =>
        (await (await client.GetAsync($"api/projects/{projectId}/members")).ReadAsync<ProjectMemberList>()).Items;

    public static async Task RemoveMemberAsync(this HttpClient client, string projectId, string userId)
    {
        using var response = await client.DeleteAsync($"api/projects/{projectId}/members/{userId}");
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"remove answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A Dapr client of the backend's sidecar, to look at what the backend stored.</summary>
    public static DaprClient StateClient(this BackendFixture backend) => new DaprClientBuilder()
        .UseGrpcEndpoint(backend.Emulator[DaprNames.BackendAppId].GrpcEndpoint.ToString())
        .UseJsonSerializationOptions(TodoJson.Options)
        .Build();

    /// <summary>An owner with a project holding one task, shared with a second user in <paramref name="role"/>, and a third user with no access.</summary>
    public static async Task<SharedProject> SharedProjectAsync(this BackendFixture backend, string role = "editor")
    {
        var (owner, ownerClient) = await backend.NewUserAsync();
        var (member, memberClient) = await backend.NewUserAsync();
        var (stranger, strangerClient) = await backend.NewUserAsync();
        var project = await ownerClient.CreateProjectAsync("Household");
        var task = await ownerClient.CreateTaskAsync(new CreateTaskRequest("buy soap", Tags: ["shop"], Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddDays(1))) { ProjectId = project.Id });
        await ownerClient.ShareOkAsync(project.Id, member.Username, role);
        return new SharedProject(owner, ownerClient, member, memberClient, stranger, strangerClient, project, task);
    }
}

internal sealed record SharedProject(
    UserProfile Owner, HttpClient OwnerClient, UserProfile Member, HttpClient MemberClient, UserProfile Stranger, HttpClient StrangerClient,
    ProjectDto Project, TaskDto Task);
