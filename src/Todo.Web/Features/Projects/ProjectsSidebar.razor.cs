using Microsoft.AspNetCore.Components;
using MudBlazor;
using Todo.Contracts.Projects;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Projects;

/// <summary>
/// The projects sidebar: Inbox, the views, the user's projects with open counts (moved by the task events through
/// <see cref="ProjectDirectory"/>), create, rename, colour, reorder, archive and delete (its tasks moved or deleted,
/// as the user chooses), and the labels.
/// </summary>
public sealed partial class ProjectsSidebar : IDisposable
{
    private bool _loaded;

    [Inject] private ProjectDirectory Directory { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ProjectDto? Inbox => Directory.Projects.FirstOrDefault(p => p.IsInbox);

    /// <summary>The user's own projects in sidebar order; the order <c>position</c> counts in (0 = first after the Inbox).</summary>
    private IReadOnlyList<ProjectDto> Ordered => [.. Directory.Projects.Where(p => !p.IsInbox && !p.Archived)];

    private IReadOnlyList<ProjectDto> Archived => [.. Directory.Projects.Where(p => p.Archived)];

    private static string Count(ProjectDto project) => project.OpenCount > 0 ? project.OpenCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    private static readonly (string Href, string Icon, string Label, string Id)[] Views =
    [
        ("/projects/inbox", Icons.Material.Filled.Inbox, "Inbox", "nav-inbox"),
        ("/tasks?view=today", Icons.Material.Filled.Today, "Today", "nav-today"),
        ("/tasks?view=upcoming", Icons.Material.Filled.DateRange, "Upcoming", "nav-upcoming"),
        ("/", Icons.Material.Filled.List, "All tasks", "nav-all"),
        ("/tasks?view=completed", Icons.Material.Filled.TaskAlt, "Completed", "nav-completed"),
    ];

    private static string ProjectHref(ProjectDto project) => $"/projects/{Uri.EscapeDataString(project.Id)}";

    private static string LabelHref(string tag) => $"/tasks?view=label&tag={Uri.EscapeDataString(tag)}";

    /// <summary>
    /// Whether <paramref name="href"/> is the view shown: the same path and, for <c>/tasks</c>, the same view (and
    /// label); the find bar's own parameters (search, sort…) do not change which view it is.
    /// </summary>
    private bool IsCurrent(string href)
    {
        var here = new Uri(Navigation.Uri);
        var there = new Uri(new Uri(Navigation.BaseUri), href);
        if (!string.Equals(here.AbsolutePath.TrimEnd('/'), there.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var mine = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(here.Query);
        var theirs = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(there.Query);
        return theirs.All(p => mine.TryGetValue(p.Key, out var value) && value == p.Value)
            && (!mine.TryGetValue("view", out var view) || theirs.ContainsKey("view") || string.IsNullOrEmpty(view));
    }

    private bool IsCurrent(ProjectDto project) => IsCurrent(ProjectHref(project));

    /// <summary>Whether the page shown is the project's or one of its own (its activity).</summary>
    private bool IsShowing(ProjectDto project)
    {
        var path = new Uri(Navigation.Uri).AbsolutePath.TrimEnd('/');
        var href = ProjectHref(project);
        return IsCurrent(project) || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase);
    }

    protected override void OnInitialized()
    {
        Directory.Changed += OnChangedAsync;
        Directory.Lost += OnLostAsync;
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>
    /// A project went away live (removed, left, deleted, perhaps in another tab or by its owner): a tab showing it goes
    /// to the Inbox, and the user is told why unless the change was made here (which says so itself).
    /// </summary>
    private Task OnLostAsync(ProjectDirectory.ProjectGone gone) => InvokeAsync(() =>
    {
        if (IsShowing(gone.Project))
        {
            Snackbar.Add(gone.Why, Severity.Warning);
            Navigation.NavigateTo("/projects/inbox");
        }
        else if (!gone.ByYou)
        {
            Snackbar.Add(gone.Why, Severity.Info);
        }
    });

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only on the interactive circuit: the backend is called once, not during prerendering as well.
        if (firstRender)
        {
            await Directory.EnsureLoadedAsync();
            _loaded = true;
            StateHasChanged();
        }
    }

    private Task OnChangedAsync() => InvokeAsync(StateHasChanged);

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) => InvokeAsync(StateHasChanged);

    private async Task AddAsync()
    {
        ProjectDto? created = null;
        var saved = await ShowEditorAsync(null, async (name, color) => created = await Directory.CreateAsync(name, color));
        if (saved && created is not null)
        {
            Navigation.NavigateTo($"/projects/{Uri.EscapeDataString(created.Id)}");
        }
    }

    private Task EditAsync(ProjectDto project) => ShowEditorAsync(project, (name, color) =>
        name == project.Name && color == project.Color
            ? Task.CompletedTask
            : Directory.UpdateAsync(project.Id, new UpdateProjectRequest(
                Name: name == project.Name ? null : name,
                // An empty colour clears it; unchanged sends nothing.
                Color: color == project.Color ? null : color ?? "")));

    private async Task<bool> ShowEditorAsync(ProjectDto? project, Func<string, string?, Task> save)
    {
        var parameters = new DialogParameters<ProjectEditDialog> { { d => d.Project, project }, { d => d.Save, save } };
        var dialog = await Dialogs.ShowAsync<ProjectEditDialog>(project is null ? "New project" : "Edit project", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }

    /// <summary>The members of a project: the owner shares and removes, a member sees who is in it and may leave.</summary>
    private async Task ShareAsync(ProjectDto project)
    {
        var parameters = new DialogParameters<ShareProjectDialog>
        {
            { d => d.ProjectId, project.Id },
            { d => d.ProjectName, project.Name },
            { d => d.Role, project.Role },
        };
        var dialog = await Dialogs.ShowAsync<ShareProjectDialog>($"Share “{project.Name}”", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ShareProjectDialog.Left })
        {
            await Directory.RefreshAsync();
            if (IsCurrent(project))
            {
                Navigation.NavigateTo("/projects/inbox");
            }
        }
    }

    private Task MoveAsync(ProjectDto project, int position) =>
        CallAsync(() => Directory.UpdateAsync(project.Id, new UpdateProjectRequest(Position: position)), null);

    private Task ArchiveAsync(ProjectDto project, bool archive) =>
        CallAsync(() => Directory.UpdateAsync(project.Id, new UpdateProjectRequest(Archived: archive)),
            archive ? $"Archived “{project.Name}”: its tasks are kept, and it takes no new ones." : $"Restored “{project.Name}”.");

    private async Task DeleteAsync(ProjectDto project)
    {
        var parameters = new DialogParameters<DeleteProjectDialog>
        {
            { d => d.Project, project },
            { d => d.Projects, Directory.Projects },
            { d => d.Delete, moveTo => Directory.DeleteAsync(project.Id, moveTo) },
        };
        var dialog = await Dialogs.ShowAsync<DeleteProjectDialog>("Delete project?", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false })
        {
            return;
        }

        Snackbar.Add($"Deleted “{project.Name}”.", Severity.Normal);
        if (IsCurrent(project))
        {
            Navigation.NavigateTo("/projects/inbox");
        }
    }

    private async Task CallAsync(Func<Task> call, string? done)
    {
        try
        {
            await call();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    public void Dispose()
    {
        Directory.Changed -= OnChangedAsync;
        Directory.Lost -= OnLostAsync;
        Navigation.LocationChanged -= OnLocationChanged;
    }
}
