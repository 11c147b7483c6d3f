using System.Text.RegularExpressions;

namespace Todo.Language.Parsing;

/// <summary>
/// "in 2 hours", "in 30 min", "in a week", "in 2h", "in 1 hour 30 minutes", "in 1 week and 2 days", and — for
/// commands — a bare "10 minutes". Parts chain only within one kind: clock units (seconds to hours) or days and
/// weeks; months and years stand alone.
/// </summary>
internal static partial class DurationRules
{
    public static WhenMatch? Match(TokenList tokens, int p, ParseContext context, bool allowBare)
    {
        var start = tokens.Is(p, "in", "within") ? p + 1 : p;
        if ((start == p && !allowBare) || !TryDuration(tokens, start, out var used, out var amount, out var unit))
        {
            return null;
        }

        var end = start + used;
        var clock = IsClock(unit) ? ClockSpan(unit, amount) : TimeSpan.Zero;
        long days = unit switch
        {
            TimeUnit.Day => amount,
            TimeUnit.Week => 7L * amount,
            _ => 0,
        };
        while (unit is not (TimeUnit.Month or TimeUnit.Year))
        {
            var next = tokens.Is(end, "and") ? end + 1 : end;
            if (!TryDuration(tokens, next, out var moreUsed, out var more, out var moreUnit) || IsClock(moreUnit) != IsClock(unit)
                || moreUnit is TimeUnit.Month or TimeUnit.Year)
            {
                break;
            }

            clock += IsClock(moreUnit) ? ClockSpan(moreUnit, more) : TimeSpan.Zero;
            days += moreUnit == TimeUnit.Week ? 7L * more : moreUnit == TimeUnit.Day ? more : 0;
            end = next + moreUsed;
        }

        return Resolve(tokens, p, end - p, unit, amount, clock, days, context);
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

        // "a fortnight", "2 fortnights": two weeks each (common in British English).
        if (Words.TryCount(tokens.Word(p), out amount) && tokens.Is(p + 1, "fortnight", "fortnights") && amount is > 0 and < 1000)
        {
            (used, amount, unit) = (2, amount * 2, TimeUnit.Week);
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

    private static bool IsClock(TimeUnit unit) => unit is TimeUnit.Second or TimeUnit.Minute or TimeUnit.Hour;

    private static TimeSpan ClockSpan(TimeUnit unit, int amount) => unit switch
    {
        TimeUnit.Second => TimeSpan.FromSeconds(amount),
        TimeUnit.Minute => TimeSpan.FromMinutes(amount),
        _ => TimeSpan.FromHours(amount),
    };

    private static WhenMatch Resolve(
        TokenList tokens, int p, int count, TimeUnit unit, int amount, TimeSpan clock, long days, ParseContext context)
    {
        try
        {
            if (IsClock(unit))
            {
                // Elapsed time, not wall-clock time: "in 2 hours" across a DST change is still 2 real hours.
                var instant = context.Now.ToUniversalTime() + clock;
                var local = ZonedTime.ToLocal(instant, context.Zone);
                return new WhenMatch(count, SpanKind.Time)
                {
                    Date = DateOnly.FromDateTime(local),
                    Time = TimeOnly.FromDateTime(local),
                    Instant = instant,
                };
            }

            var date = unit switch
            {
                TimeUnit.Month => context.Today.AddMonths(amount),
                TimeUnit.Year => context.Today.AddYears(amount),
                _ => context.Today.AddDays(checked((int)days)),
            };
            return WhenMatch.OnDate(count, date);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return WhenMatch.Rejected(count, $"'{tokens.Slice(p, count)}' is too far in the future");
        }
    }

    [GeneratedRegex("^([0-9]{1,5})([a-z]{1,7})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactDuration();
}
