using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using Todo.Contracts.DataTransfer;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.DataTransfer;

namespace Todo.Web.Features.Settings;

/// <summary>
/// Settings → Data: download the export (plain links to the web's <c>/data/export</c>, which streams the backend's),
/// import a file with its report, and make, copy or revoke the calendar feed address (shown once, like a token).
/// </summary>
public sealed partial class DataSection
{
    /// <summary>The backend refuses more; the browser is stopped here first, before the upload starts.</summary>
    private const long MaxFileBytes = 3 * 1024 * 1024;
    private const int MaxRowsShown = 50;

    private SignedInUser? _user;
    private string? _project;
    private bool _importing;
    private string? _importError;
    private ImportReport? _report;
    private CalendarFeedInfo? _feed;
    private string? _feedUrl;

    [Inject] private DataTransferClient Data { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = await CurrentUser.GetAsync();
        try
        {
            _feed = await Data.GetFeedAsync(_user);
        }
        catch (Exception ex) when (ex is BackendUnavailableException or BackendProblem)
        {
            _feed = null;
        }
    }

    private async Task ImportAsync(InputFileChangeEventArgs change)
    {
        var file = change.File;
        (_importError, _report) = (null, null);
        if (file.Size > MaxFileBytes)
        {
            _importError = $"{file.Name} is {file.Size / 1024 / 1024.0:0.0} MiB; an import takes at most 3 MiB. Split it (Todoist exports one project per file).";
            return;
        }

        _importing = true;
        StateHasChanged();
        try
        {
            var json = file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
            await using var stream = file.OpenReadStream(MaxFileBytes);
            // One id per chosen file: a retry of this upload is the same import, choosing the file again is a new one.
            _report = await Data.ImportAsync(_user!, stream, json ? "application/json" : "text/csv", $"web-{Guid.NewGuid():N}", _project, CancellationToken.None);
        }
        catch (BackendProblem problem)
        {
            _importError = problem.Detail ?? problem.Title ?? "The file could not be imported.";
        }
        catch (BackendUnavailableException)
        {
            _importError = BackendUnavailableException.Banner;
        }
        catch (IOException ex)
        {
            _importError = $"The file could not be read: {ex.Message}";
        }
        finally
        {
            _importing = false;
        }
    }

    private async Task CreateFeedAsync()
    {
        try
        {
            var created = await Data.CreateFeedAsync(_user!);
            _feedUrl = $"{Navigation.BaseUri}ical/{created.Token}.ics";
            _feed = new CalendarFeedInfo(true, created.CreatedAt);
        }
        catch (Exception ex) when (ex is BackendUnavailableException or BackendProblem)
        {
            Snackbar.Add(ex is BackendProblem problem ? problem.Detail ?? "The feed could not be made." : BackendUnavailableException.Banner, Severity.Error);
        }
    }

    private async Task RevokeFeedAsync()
    {
        try
        {
            await Data.RevokeFeedAsync(_user!);
            (_feed, _feedUrl) = (new CalendarFeedInfo(false, null), null);
            Snackbar.Add("The calendar feed is revoked; subscribed calendars stop updating.", Severity.Info);
        }
        catch (Exception ex) when (ex is BackendUnavailableException or BackendProblem)
        {
            Snackbar.Add(ex is BackendProblem problem ? problem.Detail ?? "The feed could not be revoked." : BackendUnavailableException.Banner, Severity.Error);
        }
    }

    private async Task CopyFeedAsync()
    {
        await JS.InvokeVoidAsync("navigator.clipboard.writeText", _feedUrl);
        Snackbar.Add("Copied.", Severity.Info);
    }

    private static string Summary(ImportReport report)
    {
        var repeated = report.Repeated ? " (this file was imported already; nothing new was made)" : "";
        var projects = report.ProjectsCreated > 0 ? $", {report.ProjectsCreated} new project{(report.ProjectsCreated == 1 ? "" : "s")}" : "";
        return $"{report.Created} task{(report.Created == 1 ? "" : "s")} imported{projects}, {report.Skipped} skipped, {report.Errors.Count} error{(report.Errors.Count == 1 ? "" : "s")}{repeated}.";
    }
}
