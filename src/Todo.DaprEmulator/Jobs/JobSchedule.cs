using Cronos;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// A parsed <c>schedule</c>: a 6-field cron (seconds first) or a descriptor (<c>@every 1h30m</c>, <c>@daily</c>, …),
/// optionally prefixed with <c>CRON_TZ=&lt;zone&gt;</c>, as dapr kit's cron parser accepts them.
/// </summary>
internal abstract class JobSchedule
{
    private static readonly Dictionary<string, string> Descriptors = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 0 1 1 *",
        ["@annually"] = "0 0 0 1 1 *",
        ["@monthly"] = "0 0 0 1 * *",
        ["@weekly"] = "0 0 0 * * 0",
        ["@daily"] = "0 0 0 * * *",
        ["@midnight"] = "0 0 0 * * *",
        ["@hourly"] = "0 0 * * * *",
    };

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public abstract DateTimeOffset? Next(DateTimeOffset after);

    public static JobSchedule Parse(string text)
    {
        var spec = text.Trim();
        var zone = TimeZoneInfo.Utc;
        if (spec.StartsWith("CRON_TZ=", StringComparison.Ordinal) || spec.StartsWith("TZ=", StringComparison.Ordinal))
        {
            var end = spec.IndexOf(' ');
            if (end < 0)
            {
                throw new FormatException($"provided bad location {spec}: missing schedule after the time zone");
            }

            var zoneId = spec[(spec.IndexOf('=') + 1)..end];
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new FormatException($"provided bad location {zoneId}: unknown time zone", ex);
            }

            spec = spec[(end + 1)..].Trim();
        }

        if (spec.StartsWith("@every ", StringComparison.Ordinal))
        {
            var interval = spec["@every ".Length..].Trim();
            if (!GoDuration.TryParse(interval, out var every) || every <= TimeSpan.Zero)
            {
                throw new FormatException($"failed to parse duration {interval}");
            }

            return new EverySchedule(every);
        }

        if (spec.StartsWith('@'))
        {
            spec = Descriptors.TryGetValue(spec, out var expanded)
                ? expanded
                : throw new FormatException($"unrecognized descriptor: {spec}");
        }

        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"expected exactly 6 fields, found {fields.Length}: {spec}");
        }

        try
        {
            return new CronSchedule(CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds), zone);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    public static bool TryParse(string text, out JobSchedule? schedule, out string? error)
    {
        try
        {
            schedule = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            schedule = null;
            error = ex.Message;
            return false;
        }
    }

    private sealed class CronSchedule(CronExpression expression, TimeZoneInfo zone) : JobSchedule
    {
        public override DateTimeOffset? Next(DateTimeOffset after) =>
            expression.GetNextOccurrence(after, zone, inclusive: false);
    }

    /// <summary>A constant interval: every <c>interval</c> after the previous occurrence.</summary>
    internal sealed class EverySchedule(TimeSpan interval) : JobSchedule
    {
        public TimeSpan Interval { get; } = interval;

        public override DateTimeOffset? Next(DateTimeOffset after) => after + Interval;
    }
}
