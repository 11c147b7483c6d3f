using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Tasks;

namespace Todo.Web.Components.Tasks;

/// <summary>
/// Creates or edits a task. The backend owns the rules: the dialog only insists on a title, sends the whole task and
/// shows each field's validation message from the ProblemDetails answer next to that field.
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
    private string? _tagInput;
    private BackendProblem? _problem;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;

    /// <summary>The task to edit, or null to create one.</summary>
    [Parameter] public TaskDto? Task { get; set; }

    [Parameter] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    [Parameter] public IReadOnlyList<string> KnownTags { get; set; } = [];

    /// <summary>Saves the request (create or full update); throws <see cref="BackendProblem"/> when the backend refuses it.</summary>
    [Parameter, EditorRequired] public Func<CreateTaskRequest, Task<TaskDto>> Save { get; set; } = default!;

    protected override void OnInitialized()
    {
        if (Task is not { } task)
        {
            return;
        }

        _title = task.Title;
        _notes = task.Notes;
        _dueDate = task.Due?.Date.ToDateTime(TimeOnly.MinValue);
        _dueTime = task.Due?.Time?.ToTimeSpan();
        _priority = task.Priority;
        _tags = [.. task.Tags];
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
            _tags, due, reminder, Recurrence());
    }

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
        if (string.IsNullOrWhiteSpace(_title))
        {
            _problem = new BackendProblem(400, "Invalid task", null,
                new Dictionary<string, string[]> { ["title"] = ["A task needs a title."] });
            return;
        }

        _saving = true;
        try
        {
            var saved = await Save(ToRequest());
            MudDialog.Close(DialogResult.Ok(saved));
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
