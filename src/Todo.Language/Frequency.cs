namespace Todo.Language;

/// <summary>The base unit of a <see cref="Recurrence"/>.</summary>
public enum Frequency
{
    /// <summary>Repeats every <see cref="Recurrence.Interval"/> days.</summary>
    Daily,

    /// <summary>Repeats every <see cref="Recurrence.Interval"/> weeks, on <see cref="Recurrence.ByDays"/> when given.</summary>
    Weekly,

    /// <summary>Repeats every <see cref="Recurrence.Interval"/> months, on <see cref="Recurrence.ByMonthDay"/> when given.</summary>
    Monthly,

    /// <summary>Repeats every <see cref="Recurrence.Interval"/> years.</summary>
    Yearly,
}
