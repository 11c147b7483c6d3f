namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The scheduler's jobs keyed by app id and name, and the signal that wakes the trigger loop whenever they change.
/// Every read and write of a <see cref="JobEntry"/>'s progress happens under this table's lock.
/// </summary>
internal sealed class JobTable
{
    private readonly object _lock = new();
    private readonly Dictionary<(string AppId, string Name), JobEntry> _jobs = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>Adds jobs read from the store at start-up.</summary>
    public void Load(IEnumerable<JobEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _jobs[entry.Key] = entry;
            }
        }
    }

    public bool Contains((string AppId, string Name) key)
    {
        lock (_lock)
        {
            return _jobs.ContainsKey(key);
        }
    }

    /// <summary>Adds or replaces a job (an in-flight trigger of the replaced one is then not recorded).</summary>
    public void Set(JobEntry entry)
    {
        lock (_lock)
        {
            _jobs[entry.Key] = entry;
            Changed();
        }
    }

    public JobDefinition? Get(string appId, string name)
    {
        lock (_lock)
        {
            return _jobs.TryGetValue((appId, name), out var entry) ? entry.Definition : null;
        }
    }

    public IReadOnlyList<JobDefinition> List(string appId)
    {
        lock (_lock)
        {
            return _jobs.Values.Where(e => e.Definition.AppId == appId).Select(e => e.Definition)
                .OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        }
    }

    public bool IsHeld(string appId, string name)
    {
        lock (_lock)
        {
            return _jobs.TryGetValue((appId, name), out var entry) && entry.Held;
        }
    }

    /// <summary>Removes the app's jobs whose name matches and returns their keys.</summary>
    public IReadOnlyList<(string AppId, string Name)> RemoveWhere(string appId, Func<string, bool> matches)
    {
        lock (_lock)
        {
            var keys = _jobs.Keys.Where(k => k.AppId == appId && matches(k.Name)).ToList();
            foreach (var key in keys)
            {
                _jobs.Remove(key);
            }

            Changed();
            return keys;
        }
    }

    /// <summary>
    /// Marks every due job in flight and hands it to <paramref name="start"/>; returns the earliest due time of the
    /// others and the task that completes when the table next changes (what the loop sleeps on).
    /// </summary>
    public (DateTimeOffset? Earliest, Task Changed) StartDue(DateTimeOffset now, Action<JobEntry> start)
    {
        lock (_lock)
        {
            if (_changed.Task.IsCompleted)
            {
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            DateTimeOffset? earliest = null;
            foreach (var entry in _jobs.Values)
            {
                if (entry.InFlight || entry.Held || entry.NextDue is not { } due)
                {
                    continue;
                }

                if (due <= now)
                {
                    entry.InFlight = true;
                    start(entry);
                }
                else if (earliest is null || due < earliest)
                {
                    earliest = due;
                }
            }

            return (earliest, _changed.Task);
        }
    }

    /// <summary>A trigger that was cancelled by stopping: the tick stays due.</summary>
    public void Abandon(JobEntry entry)
    {
        lock (_lock)
        {
            entry.InFlight = false;
        }
    }

    /// <summary>
    /// Records the outcome of a trigger with <paramref name="apply"/> (true when the job is finished) unless the job was
    /// deleted or overwritten meanwhile; a finished job leaves the table. Null when there was nothing to record.
    /// </summary>
    public (bool Finished, StoredJob? Save)? Complete(JobEntry entry, Func<bool> apply)
    {
        lock (_lock)
        {
            entry.InFlight = false;
            if (!_jobs.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry))
            {
                return null;
            }

            var finished = apply();
            StoredJob? save = null;
            if (finished)
            {
                _jobs.Remove(entry.Key);
            }
            else
            {
                save = JobSerializer.ToStored(entry);
            }

            Changed();
            return (finished, save);
        }
    }

    /// <summary>Releases the app's held triggers; returns how many there were.</summary>
    public int ReleaseHeld(string appId)
    {
        lock (_lock)
        {
            var released = 0;
            foreach (var entry in _jobs.Values.Where(e => e.Held && e.Definition.AppId == appId))
            {
                entry.Held = false;
                released++;
            }

            if (released > 0)
            {
                Changed();
            }

            return released;
        }
    }

    private void Changed() => _changed.TrySetResult();
}
