using System.Globalization;
using System.Text.RegularExpressions;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.State;

/// <summary>Component metadata shared by the state stores: key prefix, table names, Go-style durations.</summary>
internal static partial class StateComponentMetadata
{
    public static StateKeyPrefix KeyPrefix(ComponentInitContext context)
    {
        var prefix = StateKeyPrefix.Parse(context.Get("keyPrefix"));
        if (prefix.Custom.Contains(StateKeyPrefix.Separator, StringComparison.Ordinal))
        {
            throw ComponentLoadException.For(context.Definition, $"keyPrefix '{prefix.Custom}' can't contain '{StateKeyPrefix.Separator}'");
        }

        return prefix;
    }

    /// <summary>
    /// A table name that is safe to splice into SQL (drivers cannot bind identifiers): letters, digits and underscores,
    /// optionally <c>schema.table</c>.
    /// </summary>
    public static string TableName(ComponentInitContext context, string field, string fallback)
    {
        var name = context.Get(field) ?? fallback;
        if (!TableNamePattern().IsMatch(name))
        {
            throw ComponentLoadException.For(context.Definition,
                $"metadata '{field}' value '{name}' is not a valid table name (letters, digits, underscores, optional schema.)");
        }

        return name;
    }

    /// <summary>
    /// A duration as components-contrib accepts it: a Go duration (<c>20s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>) or a
    /// plain number of seconds. Null when the field is absent.
    /// </summary>
    public static TimeSpan? Duration(ComponentInitContext context, string field)
    {
        var text = context.Get(field);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var match = GoDurationPattern().Match(text);
        if (!match.Success)
        {
            throw ComponentLoadException.For(context.Definition, $"metadata '{field}' value '{text}' is not a duration (e.g. 20s, 1m, 500ms)");
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitMatch = GoDurationPartPattern().Match(part.Value);
            var amount = double.Parse(unitMatch.Groups[1].Value, CultureInfo.InvariantCulture);
            total += unitMatch.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "us" or "µs" => TimeSpan.FromMicroseconds(amount),
                _ => TimeSpan.FromTicks((long)(amount / 100)),
            };
        }

        return match.Groups["sign"].Value == "-" ? -total : total;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<part>\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDurationPattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$")]
    private static partial Regex GoDurationPartPattern();
}
