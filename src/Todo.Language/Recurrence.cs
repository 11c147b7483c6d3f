namespace Todo.Language;

/// <summary>
/// A repeat rule recognised from text such as "every 2 weeks on mon and wed until dec 31".
/// Equality compares <see cref="ByDays"/> by content, so two rules that read the same are equal.
/// </summary>
public sealed record Recurrence
{
    private readonly int _interval = 1;
    private readonly int? _byMonthDay;
    private readonly int? _count;
    private readonly IReadOnlyList<DayOfWeek> _byDays = [];

    /// <summary>Creates a rule that repeats every <paramref name="interval"/> units of <paramref name="frequency"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="interval"/> is less than 1.</exception>
    public Recurrence(Frequency frequency, int interval = 1)
    {
        Frequency = frequency;
        Interval = interval;
    }

    /// <summary>The base unit.</summary>
    public Frequency Frequency { get; init; }

    /// <summary>How many units between occurrences; at least 1.</summary>
    public int Interval
    {
        get => _interval;
        init => _interval = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Interval), value, "Interval must be at least 1.");
    }

    /// <summary>For weekly rules, the days of the week it falls on, Monday first; empty means "the due date's weekday".</summary>
    public IReadOnlyList<DayOfWeek> ByDays
    {
        get => _byDays;
        init => _byDays = [.. (value ?? []).Distinct().OrderBy(d => ((int)d + 6) % 7)];
    }

    /// <summary>For monthly rules, the day of the month (1–31); months without that day are skipped.</summary>
    public int? ByMonthDay
    {
        get => _byMonthDay;
        init => _byMonthDay = value is null or (>= 1 and <= 31) ? value : throw new ArgumentOutOfRangeException(nameof(ByMonthDay), value, "Day of month must be 1–31.");
    }

    /// <summary>The last local date an occurrence may fall on, when given.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>How many occurrences in total, when given; at least 1.</summary>
    public int? Count
    {
        get => _count;
        init => _count = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Count), value, "Count must be at least 1.");
    }

    /// <summary>True when the next occurrence is counted from when the task was completed ("3 days after done").</summary>
    public bool FromCompletion { get; init; }

    /// <inheritdoc />
    public bool Equals(Recurrence? other) =>
        other is not null
        && Frequency == other.Frequency
        && Interval == other.Interval
        && ByDays.SequenceEqual(other.ByDays)
        && ByMonthDay == other.ByMonthDay
        && Until == other.Until
        && Count == other.Count
        && FromCompletion == other.FromCompletion;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Frequency);
        hash.Add(Interval);
        foreach (var day in ByDays)
        {
            hash.Add(day);
        }

        hash.Add(ByMonthDay);
        hash.Add(Until);
        hash.Add(Count);
        hash.Add(FromCompletion);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => RecurrenceText.Describe(this);
}
