namespace Todo.Benchmarks.Measurement;

/// <summary>What the reports say about the machine a run was on.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
