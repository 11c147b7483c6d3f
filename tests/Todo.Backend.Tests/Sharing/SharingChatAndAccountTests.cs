using System.Net;
using Dapr.Client;
using Todo.Backend.Features.Projects;
using Todo.Backend.Infrastructure;
using Todo.Backend.Tests.Chat;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Projects;
using Todo.Contracts;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Sharing;

/// <summary>
/// Sharing beyond REST and MCP: the chat acts on a shared project's tasks for a member and never for a stranger, and
/// deleting an account takes its owner out of the projects shared with them and the projects they owned out of their
/// members' sidebars.
/// </summary>
public sealed class SharingChatAndAccountTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task TheChatCompletesASharedTaskForAMemberButNotForAStranger()
    {
        var s = await backend.SharedProjectAsync();

        var strangers = await ChatApiTests.SendAsync(s.StrangerClient, null, "done buy soap");
        Assert.DoesNotContain(strangers.Actions, a => a.Succeeded && a.TaskIds.Contains(s.Task.Id));
        Assert.False((await (await s.OwnerClient.GetAsync($"api/tasks/{s.Task.Id}")).ReadAsync<TaskDto>()).Completed);

        var members = await ChatApiTests.SendAsync(s.MemberClient, null, "done buy soap");
        Assert.Contains(members.Actions, a => a is { Tool: "complete_task", Succeeded: true } && a.TaskIds.Contains(s.Task.Id));
        Assert.True((await (await s.OwnerClient.GetAsync($"api/tasks/{s.Task.Id}")).ReadAsync<TaskDto>()).Completed);
    }

    [Fact]
    public async Task DeletingAnAccountLeavesTheProjectsSharedWithItAndClearsItsMembersSidebars()
    {
        var s = await backend.SharedProjectAsync();
        var (_, otherClient) = await backend.NewUserAsync();
        var theirs = await otherClient.CreateProjectAsync("Theirs");
        await otherClient.ShareOkAsync(theirs.Id, s.Owner.Username);
        await s.OwnerClient.ShareOkAsync(s.Project.Id, s.Stranger.Username, "viewer");
        using var dapr = backend.StateClient();

        (await s.MemberClient.PostJsonAsync("api/me/delete", new DeleteAccountRequest(Password))).EnsureSuccessStatusCode();
        var record = await dapr.GetStateAsync<ProjectRecord?>(DaprNames.StateStore, StateKeys.Project(s.Project.Id));
        Assert.Equal([s.Stranger.UserId], record!.Members.Select(m => m.UserId));

        (await s.OwnerClient.PostJsonAsync("api/me/delete", new DeleteAccountRequest(Password))).EnsureSuccessStatusCode();
        Assert.Empty((await dapr.GetStateAsync<ProjectRecord?>(DaprNames.StateStore, StateKeys.Project(theirs.Id)))!.Members);
        Assert.Null(await dapr.GetStateAsync<ProjectRecord?>(DaprNames.StateStore, StateKeys.Project(s.Project.Id)));
        var strangersSidebar = await dapr.GetStateAsync<ProjectSidebar?>(DaprNames.StateStore, StateKeys.ProjectList(s.Stranger.UserId));
        Assert.DoesNotContain(strangersSidebar!.Projects, p => p.Id == s.Project.Id);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync($"api/projects/{theirs.Id}/members")).StatusCode);
    }

    private const string Password = "correct horse battery";
}
