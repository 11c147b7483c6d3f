using Microsoft.Extensions.Time.Testing;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Features.Tasks;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Reminders;

/// <summary>Which instant a task's job belongs at, and whether a trigger is stale, on a fake clock.</summary>
public sealed class ReminderInstantTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ARelativeReminderIsCountedInTheUsersZone()
    {
        var task = Task(due: new DueDto(new DateOnly(2027, 1, 15), new TimeOnly(20, 53)), reminder: new ReminderDto(MinutesBefore: 0));

        Assert.Equal(new DateTimeOffset(2027, 1, 15, 19, 53, 0, TimeSpan.Zero), ReminderInstant.ToSchedule(task, Berlin, _time.GetUtcNow()));
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 20, 53, 0, TimeSpan.Zero), ReminderInstant.ToSchedule(task, London, _time.GetUtcNow()));
    }

    [Fact]
    public void AReminderUpToAMinuteLateIsStillScheduledAndAnOlderOneIsNot()
    {
        var task = Task(reminder: new ReminderDto(At: _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromSeconds(59));
        var justLate = ReminderInstant.ToSchedule(task, London, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.NotNull(justLate);
        Assert.Null(ReminderInstant.ToSchedule(task, London, _time.GetUtcNow()));
    }

    [Fact]
    public void ACompletedTaskOrOneWithoutAReminderHasNoJob()
    {
        Assert.Null(ReminderInstant.ToSchedule(Task(reminder: new ReminderDto(At: _time.GetUtcNow().AddHours(1))) with { Completed = true }, London, _time.GetUtcNow()));
        Assert.Null(ReminderInstant.ToSchedule(Task(), London, _time.GetUtcNow()));
    }

    [Fact]
    public void ATriggerForTheInstantBeforeATimeZoneChangeIsStale()
    {
        var task = Task(due: new DueDto(new DateOnly(2027, 1, 15), new TimeOnly(20, 53)), reminder: new ReminderDto(MinutesBefore: 0));
        var firedFor = new DateTimeOffset(2027, 1, 15, 19, 53, 0, TimeSpan.Zero);

        Assert.True(ReminderInstant.IsCurrent(task, Berlin, firedFor));
        Assert.False(ReminderInstant.IsCurrent(task, London, firedFor));
        Assert.False(ReminderInstant.IsCurrent(null, Berlin, firedFor));
    }

    [Fact]
    public void ASnoozeWinsOverTheReminder()
    {
        var snoozedUntil = _time.GetUtcNow().AddMinutes(10);
        var task = Task(reminder: new ReminderDto(At: _time.GetUtcNow().AddHours(1))) with { SnoozedUntil = snoozedUntil };

        Assert.Equal(snoozedUntil, ReminderInstant.ToSchedule(task, London, _time.GetUtcNow()));
    }

    private TaskRecord Task(DueDto? due = null, ReminderDto? reminder = null) => new()
    {
        Id = "t1",
        UserId = "u1",
        Title = "timed",
        Due = due,
        Reminder = reminder,
        CreatedAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
    };
}
