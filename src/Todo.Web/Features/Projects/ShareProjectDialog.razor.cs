using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Todo.Contracts.Projects;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Projects;

/// <summary>
/// The share dialog of one project. Closes with <see cref="Left"/> when the user left the project, so the caller can
/// drop it from the sidebar; otherwise with nothing (membership changes reach the members' tabs by themselves).
/// </summary>
public sealed partial class ShareProjectDialog
{
    /// <summary>The dialog result when the user left the project.</summary>
    public const string Left = "left";

    private IReadOnlyList<ProjectMemberDto> _members = [];
    private string? _username;
    private string _role = ProjectRoles.Editor;
    private string? _problem;
    private bool _busy;
    private SignedInUser? _user;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject] private BackendClient Backend { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string ProjectId { get; set; } = "";

    [Parameter] public string ProjectName { get; set; } = "";

    /// <summary>The user's role in the project (<see cref="ProjectDto.Role"/>): only the owner shares and removes.</summary>
    [Parameter] public string Role { get; set; } = ProjectRoles.Owner;

    private bool IsOwner => Role == ProjectRoles.Owner;

    protected override async Task OnInitializedAsync()
    {
        _user = await CurrentUser.GetAsync();
        await CallAsync(LoadAsync);
    }

    private async Task LoadAsync() => _members = (await Backend.ListProjectMembersAsync(_user!, ProjectId)).Items;

    private Task ShareAsync() => CallAsync(async () =>
    {
        var shared = await Backend.ShareProjectAsync(_user!, ProjectId, _username!.Trim(), _role);
        _username = null;
        Snackbar.Add($"Shared with {shared.Username} as {shared.Role}.", Severity.Success);
        await LoadAsync();
    });

    private Task RemoveAsync(ProjectMemberDto member) => CallAsync(async () =>
    {
        await Backend.RemoveProjectMemberAsync(_user!, ProjectId, member.UserId);
        Snackbar.Add($"{member.Username} no longer has access.", Severity.Info);
        await LoadAsync();
    });

    private Task LeaveAsync() => CallAsync(async () =>
    {
        await Backend.LeaveProjectAsync(_user!, ProjectId);
        MudDialog.Close(DialogResult.Ok(Left));
    });

    private async Task OnUsernameKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !string.IsNullOrWhiteSpace(_username) && !_busy)
        {
            await ShareAsync();
        }
    }

    // One call at a time; the backend's ProblemDetails sentence (unknown username, limit, role) is shown as it is.
    private async Task CallAsync(Func<Task> call)
    {
        _busy = true;
        _problem = null;
        try
        {
            await call();
        }
        catch (BackendProblem problem)
        {
            _problem = problem.Message;
        }
        catch (BackendUnavailableException)
        {
            _problem = "The server cannot be reached right now; try again in a moment.";
        }
        finally
        {
            _busy = false;
        }
    }
}
