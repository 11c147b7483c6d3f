using System.Diagnostics;

namespace Todo.Benchmarks.Measurement;

/// <summary>
/// Open-loop load: request i is sent at start + i × interval whether or not earlier ones have answered, and its
/// latency counts from that intended time. A slow response therefore cannot delay (and hide) the requests behind it
/// (no coordinated omission).
/// </summary>
internal static class OpenLoopSchedule
{
    /// <summary>Calls <paramref name="send"/>(slot, intendedTimestamp) for every slot on time; completes when all sends have.</summary>
    public static async Task RunAsync(int slots, TimeSpan interval, Func<int, long, Task> send)
    {
        var pending = new List<Task>(slots);
        var intervalTicks = interval.TotalSeconds * Stopwatch.Frequency;
        var scheduler = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var slot = 0; slot < slots; slot++)
            {
                var due = start + (long)(slot * intervalTicks);
                WaitUntil(due);
                pending.Add(send(slot, due));
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop scheduler" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(pending);
    }

    // Sleep while far from the deadline, then spin briefly: Thread.Sleep alone is only ~1 ms precise.
    private static void WaitUntil(long due)
    {
        while (true)
        {
            var remaining = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > 1.5)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
