using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Web.Features.Backend;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// Creates or edits a task. The backend owns the rules: the dialog only insists on a title, sends the whole task and
/// shows each field's validation message from the ProblemDetails answer next to that field. Esc, the backdrop and
/// Cancel close it only after asking when something was changed; Esc with a drop-down or picker open closes just that.
/// When someone else saved the task meanwhile (412), Reload merges their version with this person's edits.
/// </summary>
public sealed partial class TaskEditorDialog
{
    private static readonly (int Minutes, string Label)[] ReminderOffsets =
        [(0, "At the due time"), (5, "5 minutes"), (10, "10 minutes"), (15, "15 minutes"), (30, "30 minutes"), (60, "1 hour"), (120, "2 hours"), (1440, "1 day")];

    private static readonly (string Value, string Label)[] RepeatPresets =
        [("none", "Does not repeat"), ("daily", "Daily"), ("weekdays", "Weekdays"), ("weekly", "Weekly"), ("monthly", "Monthly"), ("yearly", "Yearly"), ("custom", "Custom…")];

    private static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private string? _title;
    private string? _notes;
    private DateTime? _dueDate;
    private TimeSpan? _dueTime;
    private string _reminderMode = "none";
    private int _minutesBefore;
    private DateTime? _remindDate;
    private TimeSpan? _remindTime;
    private string _repeat = "none";
    private RecurrenceFrequency _frequency = RecurrenceFrequency.Weekly;
    private int _interval = 1;
    private HashSet<DayOfWeek> _days = [];
    private TaskPriority _priority;
    private List<string> _tags = [];
    private List<StepInput> _steps = [];
    private string _projectId = Todo.Contracts.Projects.ProjectDto.InboxId;
    private string? _assigneeId;
    private IReadOnlyList<Todo.Contracts.Projects.ProjectMemberDto> _members = [];
    private string? _membersOf;
    private string? _tagInput;
    private BackendProblem? _problem;
    private bool _saving;
    private bool _conflict;
    private string? _merged;
    private JsonElement _pristine;
    private TaskDto? _base;
    private readonly HashSet<string> _openPopups = [];
    private long _popupClosedAt;
    private bool _asking;
    private MudDatePicker? _duePicker;
    private MudTimePicker? _dueTimePicker;
    private MudDatePicker? _remindPicker;
    private MudTimePicker? _remindTimePicker;

    // A popup's own Esc handler and the dialog's may reach the server in either order: an Esc this soon after a
    // popup closed was meant for the popup.
    private static readonly TimeSpan PopupEscapeWindow = TimeSpan.FromMilliseconds(250);

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>
    /// What an edit sends as <see cref="CreateTaskRequest.AssigneeId"/> to unassign the task; null there leaves the
    /// assignee as it is (BackendClient.ReplaceTaskAsync turns this into <c>"assigneeId": null</c> in the patch).
    /// </summary>
    public const string NoAssignee = "";

    /// <summary>The task to edit, or null to create one.</summary>
    [Parameter] public TaskDto? Task { get; set; }

    [Parameter] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    [Parameter] public IReadOnlyList<string> KnownTags { get; set; } = [];

    /// <summary>Saves the request (create or full update); throws <see cref="BackendProblem"/> when the backend refuses it.</summary>
    [Parameter, EditorRequired] public Func<CreateTaskRequest, Task<TaskDto>> Save { get; set; } = default!;

    /// <summary>The user's projects for the project picker; empty hides it (and the save leaves the project as it is).</summary>
    [Parameter] public IReadOnlyList<Todo.Contracts.Projects.ProjectDto> Projects { get; set; } = [];

    /// <summary>Where a new task goes (the project page it was opened on); null is the Inbox.</summary>
    [Parameter] public string? NewTaskProjectId { get; set; }

    /// <summary>Reads the task as it is stored now (after a conflict); the next <see cref="Save"/> must use its ETag.</summary>
    [Parameter] public Func<string, Task<TaskDto>>? Reload { get; set; }

    /// <summary>True when the form differs from the task as opened (or as last reloaded).</summary>
    public bool IsChanged => !JsonElement.DeepEquals(Json(ToRequest()), _pristine) || !string.IsNullOrWhiteSpace(_tagInput);

    protected override void OnInitialized()
    {
        _base = Task;
        _projectId = NewTaskProjectId ?? Todo.Contracts.Projects.ProjectDto.InboxId;
        if (Task is { } task)
        {
            Load(task);
        }

        _pristine = Json(ToRequest());
    }

    // The assignee picker needs the project's members; the request never depends on them, so the form is not
    // "changed" by their arrival.
    protected override Task OnInitializedAsync() => LoadMembersAsync(_projectId);

    private async Task LoadMembersAsync(string projectId)
    {
        if (Services.GetService<ProjectMembers>() is not { } members)
        {
            return;
        }

        var found = await members.OfAsync(projectId);
        if (projectId == _projectId)
        {
            (_members, _membersOf) = (found, projectId);
        }
    }

    private async Task ProjectChangedAsync(string projectId)
    {
        _projectId = projectId;
        if (_base is null && _assigneeId is not null)
        {
            _assigneeId = null; // a new task's assignee is one of the people of the project it goes to
        }

        await LoadMembersAsync(projectId);
    }

    /// <summary>
    /// Shared project, its members known, and (for an edit) still the task's own project: the backend checks an
    /// assignee against the people of the project the task is in before a move.
    /// </summary>
    private bool ShowsAssignees => _members.Count > 1 && _membersOf == _projectId && (_base is null || _base.ProjectId == _projectId);

    private string? AssigneeName(string? id) => id is null ? null : _members.FirstOrDefault(m => m.UserId == id)?.Username ?? "Someone who left the project";

    /// <summary>An edit sends the assignee only when it was changed here; a new task names its assignee, if any.</summary>
    private string? AssigneeForRequest() => _base is null
        ? _assigneeId
        : _assigneeId != _base.AssigneeId && _base.ProjectId == _projectId ? _assigneeId ?? NoAssignee : null;

    private void Load(TaskDto task)
    {
        _title = task.Title;
        _notes = task.Notes;
        _dueDate = task.Due?.Date.ToDateTime(TimeOnly.MinValue);
        _dueTime = task.Due?.Time?.ToTimeSpan();
        _priority = task.Priority;
        _tags = [.. task.Tags];
        _steps = [.. task.Steps.Select(s => new StepInput(s.Title, s.Done) { Id = s.Id })];
        _projectId = task.ProjectId;
        _assigneeId = task.AssigneeId;
        _reminderMode = "none";
        _minutesBefore = 0;
        _remindDate = null;
        _remindTime = null;
        _repeat = "none";
        if (task.Reminder is { MinutesBefore: { } minutes })
        {
            _reminderMode = "before";
            _minutesBefore = minutes;
        }
        else if (task.Reminder is { At: { } at })
        {
            _reminderMode = "at";
            var local = TimeZoneInfo.ConvertTime(at, Zone);
            _remindDate = local.Date;
            _remindTime = local.TimeOfDay;
        }

        if (task.Recurrence is { } rule)
        {
            _repeat = PresetOf(rule);
            _frequency = rule.Frequency;
            _interval = rule.Interval;
            _days = [.. rule.Days ?? []];
        }
    }

    /// <summary>The request as the form stands (public for tests of the mapping).</summary>
    public CreateTaskRequest ToRequest()
    {
        DueDto? due = _dueDate is { } date
            ? new DueDto(DateOnly.FromDateTime(date), _dueTime is { } time ? TimeOnly.FromTimeSpan(time) : null)
            : null;
        ReminderDto? reminder = _reminderMode switch
        {
            "before" => new ReminderDto(MinutesBefore: _minutesBefore),
            "at" when _remindDate is { } day => new ReminderDto(At: ZonedTime.ToUtc(DateOnly.FromDateTime(day),
                TimeOnly.FromTimeSpan(_remindTime ?? TimeSpan.FromHours(9)), Zone)),
            _ => null,
        };
        return new CreateTaskRequest(_title?.Trim(), string.IsNullOrWhiteSpace(_notes) ? null : _notes, _priority,
            _tags, due, reminder, Recurrence())
        {
            // Sent when there is a checklist or was one (to clear it); a task without steps is saved as before.
            Steps = _steps.Count == 0 && _base is not { Steps.Count: > 0 } ? null : [.. _steps],
            // Moving a task is a PATCH of projectId; without the picker the save leaves the project alone.
            ProjectId = Projects.Count > 0 ? _projectId : null,
            AssigneeId = AssigneeForRequest(),
        };
    }

    // The select shows its value through this: the name, not the id.
    private string? ProjectName(string? id) => Projects.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    // The picker offers projects that take tasks, and the task's own one even when archived.
    private IEnumerable<Todo.Contracts.Projects.ProjectDto> PickableProjects =>
        Projects.Where(p => !p.Archived || p.Id == _projectId);

    private RecurrenceDto? Recurrence() => _repeat switch
    {
        "daily" => new RecurrenceDto(RecurrenceFrequency.Daily),
        "weekdays" => new RecurrenceDto(RecurrenceFrequency.Weekly, Days: [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
        "weekly" => new RecurrenceDto(RecurrenceFrequency.Weekly),
        "monthly" => new RecurrenceDto(RecurrenceFrequency.Monthly),
        "yearly" => new RecurrenceDto(RecurrenceFrequency.Yearly),
        "custom" => new RecurrenceDto(_frequency, Math.Max(1, _interval),
            _frequency == RecurrenceFrequency.Weekly && _days.Count > 0 ? [.. WeekDays.Where(_days.Contains)] : null,
            Until: Task?.Recurrence?.Until, Count: Task?.Recurrence?.Count, FromCompletion: Task?.Recurrence?.FromCompletion ?? false),
        _ => null,
    };

    private string? RecurrenceSummary()
    {
        if (Recurrence() is not { } rule)
        {
            return null;
        }

        // The backend's words for the saved rule; our own (the same RecurrenceText) while it is being edited.
        return Task?.Recurrence == rule && Task.RecurrenceSummary is { } saved ? saved : RecurrenceMapper.Describe(rule);
    }

    private static string PresetOf(RecurrenceDto rule) => rule switch
    {
        { Interval: 1, Until: null, Count: null, FromCompletion: false, MonthDay: null } when rule.Days is null or { Count: 0 } =>
            rule.Frequency.ToString().ToLowerInvariant(),
        { Frequency: RecurrenceFrequency.Weekly, Interval: 1, Days.Count: 5, Until: null, Count: null, FromCompletion: false }
            when !rule.Days.Contains(DayOfWeek.Saturday) && !rule.Days.Contains(DayOfWeek.Sunday) => "weekdays",
        _ => "custom",
    };

    private void ToggleDay(DayOfWeek day, bool on)
    {
        if (on)
        {
            _days.Add(day);
        }
        else
        {
            _days.Remove(day);
        }
    }

    private Task<IEnumerable<string>> SearchTagsAsync(string? text, CancellationToken cancellationToken)
    {
        var query = text?.Trim().TrimStart('#') ?? "";
        return System.Threading.Tasks.Task.FromResult(KnownTags
            .Where(t => !_tags.Contains(t) && t.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Take(10));
    }

    private Task OnTagKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            AddTag(_tagInput);
        }

        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>Adds a tag typed or picked in the tag box.</summary>
    public void AddTag(string? tag)
    {
        var clean = tag?.Trim().TrimStart('#').ToLowerInvariant();
        if (!string.IsNullOrEmpty(clean) && !_tags.Contains(clean))
        {
            _tags.Add(clean);
        }

        _tagInput = null;
    }

    private async Task SaveAsync()
    {
        AddTag(_tagInput);
        _problem = null;
        _merged = null;
        var errors = UnreadableFields();
        if (string.IsNullOrWhiteSpace(_title))
        {
            errors["title"] = ["A task needs a title."];
        }

        if (errors.Count > 0)
        {
            // Saving would silently drop what could not be read (the picker keeps its last good value: none).
            _problem = new BackendProblem(400, "Invalid task", null, errors);
            return;
        }

        _saving = true;
        try
        {
            var saved = await Save(ToRequest());
            MudDialog.Close(DialogResult.Ok(saved));
        }
        catch (BackendProblem problem) when (problem.Status == 412 && Reload is not null && _base is not null)
        {
            _conflict = true;
        }
        catch (BackendProblem problem)
        {
            _problem = problem;
        }
        catch (BackendUnavailableException ex)
        {
            _problem = new BackendProblem(503, "Unavailable", ex.Message);
        }
        finally
        {
            _saving = false;
        }
    }

    private Dictionary<string, string[]> UnreadableFields()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(MudPicker<DateTime?>? picker, DateTime? value, string field, string example)
        {
            if (picker is not null && (picker.ConversionError || (!string.IsNullOrWhiteSpace(picker.Text) && value is null)))
            {
                errors[field] = [$"“{picker.Text}” is not a date I can read; type it like {example} or pick one."];
            }
        }

        void CheckTime(MudPicker<TimeSpan?>? picker, TimeSpan? value, string field)
        {
            if (picker is not null && (picker.ConversionError || (!string.IsNullOrWhiteSpace(picker.Text) && value is null)))
            {
                errors[field] = [$"“{picker.Text}” is not a time I can read; type it like 17:30 or pick one."];
            }
        }

        // The pickers use the current culture's short date pattern (no DateFormat set).
        var example = new DateTime(2026, 3, 20).ToString("d", System.Globalization.CultureInfo.CurrentCulture);
        Check(_duePicker, _dueDate, "due", example);
        if (_dueDate is not null)
        {
            CheckTime(_dueTimePicker, _dueTime, "dueTime");
        }

        if (_reminderMode == "at")
        {
            Check(_remindPicker, _remindDate, "remindDate", example);
            CheckTime(_remindTimePicker, _remindTime, "remindTime");
        }

        return errors;
    }

    /// <summary>
    /// After a conflict: takes the stored version, then puts back each field this person changed since opening the
    /// editor. A field both sides changed keeps this person's value, and the note says which.
    /// </summary>
    private async Task ReloadAsync()
    {
        if (Reload is null || _base is null)
        {
            return;
        }

        TaskDto fresh;
        try
        {
            fresh = await Reload(_base.Id);
        }
        catch (Exception ex) when (ex is BackendProblem or BackendUnavailableException)
        {
            _problem = ex as BackendProblem ?? new BackendProblem(503, "Unavailable", ex.Message);
            return;
        }

        var mine = ToRequest();
        var edited = Capture();
        var mySteps = _steps;
        var original = _pristine;
        Load(fresh);
        var theirs = Json(ToRequest());
        var mineJson = Json(mine);
        var both = new List<string>();
        foreach (var field in FormState.Fields)
        {
            var changedByMe = !JsonElement.DeepEquals(mineJson.GetProperty(field), original.GetProperty(field));
            if (!changedByMe)
            {
                continue;
            }

            edited.Restore(this, field);
            if (!JsonElement.DeepEquals(theirs.GetProperty(field), original.GetProperty(field)))
            {
                both.Add(field.ToLowerInvariant());
            }
        }

        // The checklist merges as one field, like tags: this person's list wins when they changed it.
        if (!JsonElement.DeepEquals(mineJson.GetProperty(nameof(CreateTaskRequest.Steps)), original.GetProperty(nameof(CreateTaskRequest.Steps))))
        {
            _steps = mySteps;
            if (!JsonElement.DeepEquals(theirs.GetProperty(nameof(CreateTaskRequest.Steps)), original.GetProperty(nameof(CreateTaskRequest.Steps))))
            {
                both.Add("steps");
            }
        }

        _base = fresh;
        _pristine = theirs;
        _conflict = false;
        _problem = null;
        _merged = both.Count == 0
            ? "Reloaded: the other changes are in, and so are yours. Save when ready."
            : $"Reloaded. Both of you changed {string.Join(", ", both)}: yours is kept. Save when ready.";
    }

    private FormState Capture() => new(_title, _notes, _dueDate, _dueTime, _reminderMode, _minutesBefore, _remindDate, _remindTime,
        _repeat, _frequency, _interval, [.. _days], _priority, [.. _tags], _projectId, _assigneeId);

    /// <summary>The form's fields grouped as the request's properties, so a merge can put back one property's worth.</summary>
    private sealed record FormState(string? Title, string? Notes, DateTime? DueDate, TimeSpan? DueTime, string ReminderMode,
        int MinutesBefore, DateTime? RemindDate, TimeSpan? RemindTime, string Repeat, RecurrenceFrequency Frequency, int Interval,
        HashSet<DayOfWeek> Days, TaskPriority Priority, List<string> Tags, string ProjectId, string? AssigneeId)
    {
        public static readonly string[] Fields =
            [nameof(CreateTaskRequest.Title), nameof(CreateTaskRequest.Notes), nameof(CreateTaskRequest.Priority), nameof(CreateTaskRequest.Tags),
             nameof(CreateTaskRequest.Due), nameof(CreateTaskRequest.Reminder), nameof(CreateTaskRequest.Recurrence),
             nameof(CreateTaskRequest.ProjectId), nameof(CreateTaskRequest.AssigneeId)];

        public void Restore(TaskEditorDialog editor, string field)
        {
            switch (field)
            {
                case nameof(CreateTaskRequest.Title): editor._title = Title; break;
                case nameof(CreateTaskRequest.Notes): editor._notes = Notes; break;
                case nameof(CreateTaskRequest.Priority): editor._priority = Priority; break;
                case nameof(CreateTaskRequest.Tags): editor._tags = [.. Tags]; break;
                case nameof(CreateTaskRequest.ProjectId): editor._projectId = ProjectId; break;
                case nameof(CreateTaskRequest.AssigneeId): editor._assigneeId = AssigneeId; break;
                case nameof(CreateTaskRequest.Due): (editor._dueDate, editor._dueTime) = (DueDate, DueTime); break;
                case nameof(CreateTaskRequest.Reminder):
                    (editor._reminderMode, editor._minutesBefore, editor._remindDate, editor._remindTime) = (ReminderMode, MinutesBefore, RemindDate, RemindTime);
                    break;
                case nameof(CreateTaskRequest.Recurrence):
                    (editor._repeat, editor._frequency, editor._interval, editor._days) = (Repeat, Frequency, Interval, [.. Days]);
                    break;
            }
        }
    }

    // Keyed by the field: a popup may report "open" more than once.
    private void PopupChanged(string field, bool open)
    {
        if (open)
        {
            _openPopups.Add(field);
        }
        else if (_openPopups.Remove(field))
        {
            _popupClosedAt = Time.GetTimestamp();
        }
    }

    private Task OnDialogKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key != "Escape" || _openPopups.Count > 0 || (_popupClosedAt != 0 && Time.GetElapsedTime(_popupClosedAt) < PopupEscapeWindow))
        {
            return System.Threading.Tasks.Task.CompletedTask;
        }

        return RequestCloseAsync();
    }

    /// <summary>Esc, the backdrop and Cancel: closes at once when nothing changed, otherwise asks first.</summary>
    public async Task RequestCloseAsync()
    {
        if (_asking)
        {
            return;
        }

        if (!IsChanged)
        {
            MudDialog.Cancel();
            return;
        }

        _asking = true;
        try
        {
            var discard = await Dialogs.ShowMessageBoxAsync("Discard your changes?", "The changes to this task have not been saved.",
                yesText: "Discard", cancelText: "Keep editing");
            if (discard == true)
            {
                MudDialog.Cancel();
            }
        }
        finally
        {
            _asking = false;
        }
    }

    private static JsonElement Json(CreateTaskRequest request) => JsonSerializer.SerializeToElement(request);

    private bool HasError(string field) => ErrorFor(field) is not null;

    private string? ErrorFor(string field)
    {
        var messages = _problem?.Errors
            .Where(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase) || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value)
            .ToArray();
        return messages is { Length: > 0 } ? string.Join(" ", messages) : null;
    }
}
