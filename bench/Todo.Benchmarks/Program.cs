using Todo.Benchmarks;
using Todo.Benchmarks.Scenarios;

// dotnet run -c Release --project bench/Todo.Benchmarks -- <scenario> [--rate N] [--duration S] [--warmup S]
// dotnet run -c Release --project bench/Todo.Benchmarks -- fuzz [--requests N] [--seed S]
IScenario[] scenarios = [new InvokeScenario(), new TasksScenario(), new KafkaScenario(), new FuzzScenario()];

if (args.Length == 0 || args[0] is "-h" or "--help" || scenarios.All(s => s.Name != args[0]))
{
    Console.WriteLine("usage: Todo.Benchmarks <scenario> [--rate N] [--duration S] [--warmup S] [--requests N] [--seed S]");
    foreach (var scenario in scenarios)
    {
        Console.WriteLine($"  {scenario.Name,-10} {scenario.Description}");
    }

    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
}

var options = BenchOptions.Parse(args.Skip(1).ToArray());
return await scenarios.Single(s => s.Name == args[0]).RunAsync(options, Console.Out);
