using System.Globalization;

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

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--rate" => options with { Rate = Positive(args[i], value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(args[i], value)) },
                "--requests" => options with { Requests = Positive(args[i], value) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} expects a positive whole number, got '{text}'");
}
