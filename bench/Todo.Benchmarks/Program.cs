using System.CommandLine;
using Todo.Benchmarks;
using Todo.Benchmarks.Scenarios;
using Todo.DaprEmulator.CommandLine;

// dotnet run -c Release --project bench/Todo.Benchmarks -- <scenario> [--rate N] [--duration S] [--warmup S]
// dotnet run -c Release --project bench/Todo.Benchmarks -- reminders   (fixed load; about 5 minutes)
// dotnet run -c Release --project bench/Todo.Benchmarks -- fuzz [--requests N] [--seed S]
// No arguments or --help: the scenarios and options. A scenario's exit code says whether it met its target.
IScenario[] scenarios = [new InvokeScenario(), new TasksScenario(), new KafkaScenario(), new RemindersScenario(), new FuzzScenario(), new LiveScenario(), new CircuitsScenario(), new ListProfileScenario()];
const int usageExitCode = 2;

var options = new BenchOptions.CommandLine();
var root = new RootCommand("On-demand benchmarks of the emulator and the apps; each scenario prints a report.");
foreach (var option in options.All)
{
    root.Options.Add(option);
}

foreach (var scenario in scenarios)
{
    root.Subcommands.Add(new Command(scenario.Name, scenario.Description));
}

var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
if (HelpOrErrors.Answer(parse, Console.Out, Console.Error, usageExitCode) is { } answered)
{
    return answered;
}

var chosen = scenarios.Single(s => s.Name == parse.CommandResult.Command.Name);
return await chosen.RunAsync(options.ToOptions(parse), Console.Out);
