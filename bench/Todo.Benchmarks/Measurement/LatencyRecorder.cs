using System.Diagnostics;

namespace Todo.Benchmarks.Measurement;

/// <summary>All latencies of one path (a few thousand values: kept exactly, no histogram buckets) plus its errors.</summary>
internal sealed class LatencyRecorder(string name)
{
    private readonly List<long> _ticks = [];
    private readonly Lock _lock = new();
    private long[]? _sorted;
    private int _errors;

    public string Name => name;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ticks.Count;
            }
        }
    }

    public int Errors => Volatile.Read(ref _errors);

    /// <summary>Records one latency measured with <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public void Record(long startTimestamp, long endTimestamp)
    {
        lock (_lock)
        {
            _ticks.Add(endTimestamp - startTimestamp);
            _sorted = null;
        }
    }

    /// <summary>Records one latency measured between two wall-clock instants (negative when the second came first).</summary>
    public void Record(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _ticks.Add((long)(elapsed.TotalSeconds * Stopwatch.Frequency));
            _sorted = null;
        }
    }

    public void RecordError() => Interlocked.Increment(ref _errors);

    /// <summary>Nearest-rank percentile (p in 0..100) in milliseconds; the max for p = 100.</summary>
    public double Percentile(double p)
    {
        var sorted = Sorted();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return ToMilliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    public double Max => Percentile(100);

    private long[] Sorted()
    {
        lock (_lock)
        {
            if (_sorted is null)
            {
                _sorted = [.. _ticks];
                Array.Sort(_sorted);
            }

            return _sorted;
        }
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
