using System.CommandLine;

namespace Todo.Benchmarks;

/// <summary>Load shape shared by the scenarios.</summary>
internal sealed record BenchOptions
{
    /// <summary>Requests per second on each measured path.</summary>
    public int Rate { get; init; } = 200;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Same load before measuring: JIT tiering, connection pools, caches.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Fuzz: requests per route (half directly, half through the sidecar).</summary>
    public int Requests { get; init; } = 1_000;

    /// <summary>Fuzz: the seed; the same seed sends the same requests.</summary>
    public int Seed { get; init; } = 20261202;

    /// <summary>
    /// The options of every scenario's command (<c>Todo.Benchmarks &lt;scenario&gt; [options]</c>), with the defaults
    /// above. Recursive on the root command, so each scenario accepts and lists all of them, as it always has.
    /// </summary>
    internal sealed class CommandLine
    {
        private static readonly BenchOptions Defaults = new();

        private readonly Option<int> _rate = Positive("--rate", "N", $"Requests per second on each measured path (default {Defaults.Rate})");
        private readonly Option<int> _duration = Positive("--duration", "S", $"Seconds measured (default {Defaults.Duration.TotalSeconds:0})");
        private readonly Option<int> _warmup = new("--warmup")
        {
            Description = $"Seconds of the same load before measuring: JIT tiering, connection pools, caches (default {Defaults.Warmup.TotalSeconds:0})",
            HelpName = "S",
            Recursive = true,
        };

        private readonly Option<int> _requests = Positive("--requests", "N", $"fuzz: requests per route, half directly, half through the sidecar (default {Defaults.Requests})");
        private readonly Option<int> _seed = new("--seed")
        {
            Description = $"fuzz: the seed; the same seed sends the same requests (default {Defaults.Seed})",
            HelpName = "S",
            Recursive = true,
        };

        public CommandLine()
        {
            _warmup.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 0)
                {
                    result.AddError("--warmup expects zero or more seconds");
                }
            });
        }

        public IEnumerable<Option> All => [_rate, _duration, _warmup, _requests, _seed];

        /// <summary>The load shape from a parse without errors; an option left out keeps its default.</summary>
        public BenchOptions ToOptions(ParseResult parse) => new()
        {
            Rate = parse.GetResult(_rate) is null ? Defaults.Rate : parse.GetValue(_rate),
            Duration = parse.GetResult(_duration) is null ? Defaults.Duration : TimeSpan.FromSeconds(parse.GetValue(_duration)),
            Warmup = parse.GetResult(_warmup) is null ? Defaults.Warmup : TimeSpan.FromSeconds(parse.GetValue(_warmup)),
            Requests = parse.GetResult(_requests) is null ? Defaults.Requests : parse.GetValue(_requests),
            Seed = parse.GetResult(_seed) is null ? Defaults.Seed : parse.GetValue(_seed),
        };

        private static Option<int> Positive(string name, string helpName, string description)
        {
            var option = new Option<int>(name) { Description = description, HelpName = helpName, Recursive = true };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() <= 0)
                {
                    result.AddError($"{name} expects a positive whole number");
                }
            });
            return option;
        }
    }
}
