namespace Todo.Contracts.Tasks;

/// <summary>
/// What a <see cref="ReminderDto"/> means, shared by the backend that checks and schedules it and the chat language
/// that writes it.
/// </summary>
public static class ReminderRules
{
    /// <summary>A date-only reminder offset counts back from 09:00 on the due day, when people start their day.</summary>
    public static readonly TimeOnly DateOnlyAnchor = new(9, 0);

    /// <summary>The longest <see cref="ReminderDto.MinutesBefore"/>: four weeks.</summary>
    public const int MaxMinutesBefore = 40_320;
}
