namespace Todo.DaprEmulator.Jobs;

/// <summary>The scheduler's live view of one job: its definition and where it stands. Guarded by the scheduler's lock.</summary>
internal sealed class JobEntry(JobDefinition definition)
{
    public JobDefinition Definition { get; } = definition;

    /// <summary>When the next trigger is due (the current tick, or its retry); null once the job is finished.</summary>
    public DateTimeOffset? NextDue { get; set; }

    /// <summary>The scheduled instant of the current tick (retries keep it), from which the next tick is computed.</summary>
    public DateTimeOffset TickTime { get; set; }

    /// <summary>Ticks consumed: delivered, or abandoned after the failure policy ran out.</summary>
    public long Completed { get; set; }

    /// <summary>Failed attempts of the current tick.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>The app was unreachable at the due time: wait for it instead of counting a failure.</summary>
    public bool Held { get; set; }

    public bool InFlight { get; set; }

    public (string AppId, string Name) Key => (Definition.AppId, Definition.Name);

    public static JobEntry Start(JobDefinition definition)
    {
        var first = definition.FirstDue();
        return new JobEntry(definition) { NextDue = first, TickTime = first ?? definition.Created };
    }
}
