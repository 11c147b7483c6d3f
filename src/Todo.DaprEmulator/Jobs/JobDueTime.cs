namespace Todo.DaprEmulator.Jobs;

/// <summary>When a job fires next, and how long the trigger loop may sleep before looking again.</summary>
internal static class JobDueTime
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    /// <summary>Moves to the next tick; true when there is none (last repeat done, ttl passed, one-shot job).</summary>
    public static bool Advance(JobEntry entry, DateTimeOffset now)
    {
        var next = entry.Definition.NextDue(entry.TickTime, entry.Completed, now);
        if (next is not { } due)
        {
            entry.NextDue = null;
            return true;
        }

        entry.TickTime = due;
        entry.NextDue = due;
        return false;
    }

    /// <summary>
    /// The sleep until <paramref name="earliest"/>: at least a millisecond, at most an hour (so a clock change is
    /// noticed), forever when nothing is due.
    /// </summary>
    public static TimeSpan SleepUntil(DateTimeOffset? earliest, DateTimeOffset now) =>
        earliest is not { } next ? Timeout.InfiniteTimeSpan
        : next - now < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1)
        : next - now > LongestSleep ? LongestSleep
        : next - now;
}
