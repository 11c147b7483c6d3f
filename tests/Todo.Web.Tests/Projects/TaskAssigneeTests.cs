using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Tests.Projects;

/// <summary>
/// The optional assignee (issue 15 item 6): the editor offers the members of a shared project and sends only a changed
/// assignee (<see cref="TaskEditorDialog.NoAssignee"/> to unassign), and a row shows the assignee's initials.
/// </summary>
public sealed class TaskAssigneeTests : MudTestContext
{
    private static readonly ProjectMemberDto Ann = new("u-ann", "ann", ProjectRoles.Owner);
    private static readonly ProjectMemberDto Bob = new("u-bob", "bob.lee", ProjectRoles.Editor);

    /// <summary>Member reads per project, to show the rows share one.</summary>
    private readonly List<string> _reads = [];

    public TaskAssigneeTests() => Services.AddSingleton(new ProjectMembers((projectId, _) =>
    {
        _reads.Add(projectId);
        return Task.FromResult<IReadOnlyList<ProjectMemberDto>>(projectId == TestProjects.Home.Id ? [Ann, Bob] : [Ann]);
    }, Clock));

    private Task<(IRenderedComponent<MudDialogProvider> Provider, List<CreateTaskRequest> Saved)> ShowAsync(TaskDto? task, string? newTaskProject = null) =>
        TaskEditorProjectTests.ShowWithProjectsAsync(this, task, TestProjects.All, newTaskProject);

    private static async Task PickAsync(IRenderedComponent<MudDialogProvider> provider, string? userId)
    {
        var select = provider.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("id"), "editor-assignee"));
        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(userId));
    }

    [Fact]
    public async Task TheEditorOffersTheSharedProjectsMembersAndSendsThePickedOne()
    {
        var (provider, saved) = await ShowAsync(TaskRowTests.Task() with { ProjectId = TestProjects.Home.Id });
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("input#editor-assignee")));

        await PickAsync(provider, Bob.UserId);
        Assert.Equal("bob.lee", provider.Find("input#editor-assignee").GetAttribute("value"));
        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal(Bob.UserId, Assert.Single(saved).AssigneeId));
    }

    private static readonly TaskDto AssignedToBob = TaskRowTests.Task() with { ProjectId = TestProjects.Home.Id, AssigneeId = Bob.UserId };

    [Fact]
    public async Task AnUnchangedAssigneeIsLeftAlone()
    {
        var (provider, saved) = await ShowAsync(AssignedToBob);
        provider.WaitForAssertion(() => Assert.Equal("bob.lee", provider.Find("input#editor-assignee").GetAttribute("value")));

        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Null(Assert.Single(saved).AssigneeId));
    }

    [Fact]
    public async Task AClearedAssigneeUnassigns()
    {
        var (provider, saved) = await ShowAsync(AssignedToBob);
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("input#editor-assignee")));

        await PickAsync(provider, null);
        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal(TaskEditorDialog.NoAssignee, Assert.Single(saved).AssigneeId));
    }

    [Fact]
    public async Task ThereIsNoPickerInTheInbox()
    {
        var (inbox, _) = await ShowAsync(TaskRowTests.Task());

        inbox.WaitForAssertion(() => Assert.NotNull(inbox.Find("#editor-save")));
        Assert.Empty(inbox.FindAll("input#editor-assignee"));
        Assert.DoesNotContain(ProjectDto.InboxId, _reads);
    }

    [Fact]
    public async Task ThereIsNoPickerInAProjectNobodyElseIsIn()
    {
        var (groceries, saved) = await ShowAsync(TaskRowTests.Task() with { ProjectId = TestProjects.Groceries.Id });

        groceries.WaitForAssertion(() => Assert.Contains(TestProjects.Groceries.Id, _reads));
        Assert.Empty(groceries.FindAll("input#editor-assignee"));
        await groceries.Find("#editor-save").ClickAsync(new());
        groceries.WaitForAssertion(() => Assert.Null(Assert.Single(saved).AssigneeId));
    }

    [Fact]
    public async Task ANewTaskInASharedProjectCanBeAssignedAtOnce()
    {
        var (provider, saved) = await ShowAsync(null, newTaskProject: TestProjects.Home.Id);
        provider.Find("#editor-title").Input("Fix the sink");
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("input#editor-assignee")));

        await PickAsync(provider, Ann.UserId);
        await provider.Find("#editor-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal(Ann.UserId, Assert.Single(saved).AssigneeId));
    }

    [Theory]
    [InlineData("u-bob", """{"assigneeId":"u-bob"}""")]
    [InlineData(null, """{"assigneeId":null}""")]
    public void TheMergePatchCarriesTheAssigneeOrItsRemoval(string? assignee, string json) =>
        Assert.Equal(json, BackendClient.ToMergePatch(new UpdateTaskRequest { AssigneeId = assignee, Present = new HashSet<string>(["assigneeId"]) }).ToJsonString());

    [Fact]
    public void RowsOfASharedProjectShowTheAssigneesInitialsFromOneMembersRead()
    {
        var first = Render<TaskRow>(p => p.Add(r => r.Task, TaskRowTests.Task() with { ProjectId = TestProjects.Home.Id, AssigneeId = Bob.UserId }));
        var second = Render<TaskRow>(p => p.Add(r => r.Task, TaskRowTests.Task("Mop") with { ProjectId = TestProjects.Home.Id, AssigneeId = Ann.UserId }));
        var unassigned = Render<TaskRow>(p => p.Add(r => r.Task, TaskRowTests.Task("Dust") with { ProjectId = TestProjects.Home.Id }));

        first.WaitForAssertion(() => Assert.Equal("BL", first.Find(".task-assignee").TextContent.Trim()));
        Assert.Equal("Assigned to bob.lee", first.Find(".task-assignee").GetAttribute("aria-label"));
        second.WaitForAssertion(() => Assert.Equal("AN", second.Find(".task-assignee").TextContent.Trim()));
        Assert.Empty(unassigned.FindAll(".task-assignee"));
        Assert.Equal([TestProjects.Home.Id], _reads);
    }
}
