namespace Todo.Benchmarks;

/// <summary>One benchmark scenario, chosen by name on the command line (`invoke`, later `tasks`).</summary>
internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the scenario and writes its report; returns the process exit code (0 = target met).</summary>
    Task<int> RunAsync(BenchOptions options, TextWriter report);
}
