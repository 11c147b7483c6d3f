using System.Text.RegularExpressions;

namespace Todo.Language.Parsing;

/// <summary>"in 2 hours", "in 30 min", "in a week", "in 2h", and — for commands — a bare "10 minutes".</summary>
internal static partial class DurationRules
{
    public static WhenMatch? Match(TokenList tokens, int p, ParseContext context, bool allowBare)
    {
        if (tokens.Is(p, "in", "within") && TryDuration(tokens, p + 1, out var used, out var amount, out var unit))
        {
            return Resolve(tokens, p, used + 1, amount, unit, context);
        }

        if (allowBare && TryDuration(tokens, p, out used, out amount, out unit))
        {
            return Resolve(tokens, p, used, amount, unit, context);
        }

        return null;
    }

    /// <summary>"2 hours", "a week", "half an hour", "2h", "30min".</summary>
    public static bool TryDuration(TokenList tokens, int p, out int used, out int amount, out TimeUnit unit)
    {
        used = 0;
        if (tokens.Is(p, "half") && tokens.Is(p + 1, "an", "a") && tokens.Is(p + 2, "hour"))
        {
            (used, amount, unit) = (3, 30, TimeUnit.Minute);
            return true;
        }

        if (Words.TryCount(tokens.Word(p), out amount) && Words.TryUnit(tokens.Word(p + 1), out unit) && amount > 0)
        {
            used = 2;
            return true;
        }

        var compact = CompactDuration().Match(tokens.Word(p));
        if (compact.Success && Words.TryCount(compact.Groups[1].Value, out amount) && amount > 0
            && Words.TryUnit(compact.Groups[2].Value, out unit))
        {
            used = 1;
            return true;
        }

        unit = default;
        return false;
    }

    private static WhenMatch Resolve(TokenList tokens, int p, int count, int amount, TimeUnit unit, ParseContext context)
    {
        try
        {
            switch (unit)
            {
                case TimeUnit.Second or TimeUnit.Minute or TimeUnit.Hour:
                    // Elapsed time, not wall-clock time: "in 2 hours" across a DST change is still 2 real hours.
                    var span = unit switch
                    {
                        TimeUnit.Second => TimeSpan.FromSeconds(amount),
                        TimeUnit.Minute => TimeSpan.FromMinutes(amount),
                        _ => TimeSpan.FromHours(amount),
                    };
                    var instant = context.Now.ToUniversalTime() + span;
                    var local = ZonedTime.ToLocal(instant, context.Zone);
                    return new WhenMatch(count, SpanKind.Time)
                    {
                        Date = DateOnly.FromDateTime(local),
                        Time = TimeOnly.FromDateTime(local),
                        Instant = instant,
                    };
                case TimeUnit.Day:
                    return WhenMatch.OnDate(count, context.Today.AddDays(amount));
                case TimeUnit.Week:
                    return WhenMatch.OnDate(count, context.Today.AddDays(7 * amount));
                case TimeUnit.Month:
                    return WhenMatch.OnDate(count, context.Today.AddMonths(amount));
                default:
                    return WhenMatch.OnDate(count, context.Today.AddYears(amount));
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return WhenMatch.Rejected(count, $"'{tokens.Slice(p, count)}' is too far in the future");
        }
    }

    [GeneratedRegex("^([0-9]{1,5})([a-z]{1,7})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactDuration();
}
