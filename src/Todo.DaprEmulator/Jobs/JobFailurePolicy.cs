namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// What happens when the app fails a trigger: <c>drop</c> abandons the tick, <c>constant</c> retries every
/// <see cref="Interval"/> up to <see cref="MaxRetries"/> times (null = forever).
/// </summary>
internal sealed record JobFailurePolicy(bool Drop, TimeSpan Interval, uint? MaxRetries)
{
    /// <summary>The scheduler's default when a job names none: constant, 1 s, 3 retries.</summary>
    public static readonly JobFailurePolicy Default = new(false, TimeSpan.FromSeconds(1), 3);

    public static readonly JobFailurePolicy DropPolicy = new(true, TimeSpan.Zero, null);

    public static JobFailurePolicy Constant(TimeSpan interval, uint? maxRetries) => new(false, interval, maxRetries);

    /// <summary>True when another attempt follows the failed attempt number <paramref name="failedAttempts"/> (1-based).</summary>
    public bool Retries(int failedAttempts) => !Drop && (MaxRetries is not { } max || failedAttempts <= max);
}
