using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// Delivers one due trigger to its app and records what came of it: delivered ticks advance the job, failed ones follow
/// the job's failure policy (retry after its interval, or abandon the tick), and a trigger for an app that is not
/// reachable is held (not counted as a failure) until the app's channel reports it reachable again.
/// </summary>
internal sealed class JobDelivery(JobTable table, JobPersistence persistence, SidecarRegistry sidecars, TimeProvider time, ILogger logger)
{
    private readonly JobTrigger _trigger = new(logger);

    public async Task DeliverAsync(JobEntry entry, CancellationToken token)
    {
        await Task.Yield();
        TriggerOutcome outcome;
        var sidecar = sidecars.Find(entry.Definition.AppId);
        try
        {
            outcome = await _trigger.SendAsync(sidecar, entry, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: the tick stays due (and stored as due), so the next start delivers it: at-least-once.
            table.Abandon(entry);
            return;
        }

        try
        {
            await RecordAsync(entry, outcome, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recording the trigger of job {AppId}/{Name} failed", entry.Definition.AppId, entry.Definition.Name);
        }

        if (outcome.Kind == TriggerOutcomeKind.Held && sidecar?.AppChannel.IsReachable == true)
        {
            // The app came back between the attempt and the hold: its BecameReachable may already have run.
            Release(entry.Definition.AppId);
        }
    }

    /// <summary>Lets the held triggers of an app that became reachable fire.</summary>
    public void Release(string appId)
    {
        var released = table.ReleaseHeld(appId);
        if (released > 0)
        {
            LoggerFor(appId).LogInformation("App {AppId} is reachable: releasing {Count} held job trigger(s)", appId, released);
        }
    }

    private Task RecordAsync(JobEntry entry, TriggerOutcome outcome, CancellationToken token) =>
        persistence.ExclusiveAsync(async store =>
        {
            var definition = entry.Definition;
            if (table.Complete(entry, () => Apply(entry, outcome, time.GetUtcNow())) is not var (finished, save))
            {
                return; // deleted or overwritten while the trigger was in flight
            }

            if (finished)
            {
                await store.DeleteAsync(definition.AppId, definition.Name, token);
                LoggerFor(definition.AppId).LogInformation("Job finished and deleted: {AppId}/{Name} after {Count} tick(s)", definition.AppId, definition.Name, entry.Completed);
            }
            else
            {
                await store.SaveAsync(save!, token);
            }
        }, token);

    /// <summary>The outcome's effect on the entry (under the table's lock); true when the job is finished.</summary>
    private bool Apply(JobEntry entry, TriggerOutcome outcome, DateTimeOffset now)
    {
        var definition = entry.Definition;
        var log = LoggerFor(definition.AppId);
        switch (outcome.Kind)
        {
            case TriggerOutcomeKind.Held:
                entry.Held = true;
                log.LogWarning("Job trigger held: {AppId}/{Name} was due at {Due:O} but the app is not reachable ({Reason}); it fires when the app is back",
                    definition.AppId, definition.Name, entry.NextDue, outcome.Detail);
                return false;
            case TriggerOutcomeKind.Delivered:
                log.LogInformation("Job triggered: {AppId}/{Name} (tick {Tick}, due {Due:O}) -> {Status}",
                    definition.AppId, definition.Name, entry.Completed + 1, entry.NextDue, outcome.Detail);
                return CompleteTick(entry, now);
            default:
                entry.FailedAttempts++;
                var policy = definition.EffectiveFailurePolicy;
                if (policy.Retries(entry.FailedAttempts))
                {
                    entry.NextDue = now + policy.Interval;
                    log.LogWarning("Job trigger failed: {AppId}/{Name} attempt {Attempt} ({Reason}); retrying at {Retry:O}",
                        definition.AppId, definition.Name, entry.FailedAttempts, outcome.Detail, entry.NextDue);
                    return false;
                }

                log.LogWarning("Job trigger failed: {AppId}/{Name} attempt {Attempt} ({Reason}); failure policy exhausted, tick abandoned",
                    definition.AppId, definition.Name, entry.FailedAttempts, outcome.Detail);
                return CompleteTick(entry, now);
        }
    }

    private static bool CompleteTick(JobEntry entry, DateTimeOffset now)
    {
        entry.Completed++;
        entry.FailedAttempts = 0;
        return JobDueTime.Advance(entry, now);
    }

    private ILogger LoggerFor(string appId) => sidecars.Find(appId)?.Logger ?? logger;
}
