using System.Text.Json;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.PubSub.Routing;

/// <summary>
/// A subscription's routing table: rules in order, then the default path as a rule that always matches (daprd puts
/// <c>routes.default</c>, else the v1 <c>route</c>, last).
/// </summary>
internal sealed class CompiledRoutes
{
    private readonly IReadOnlyList<(RouteExpression? Match, string Path)> _rules;

    private CompiledRoutes(IReadOnlyList<(RouteExpression? Match, string Path)> rules) => _rules = rules;

    /// <summary>The rules as the metadata API lists them (the default as a rule without a match).</summary>
    public IReadOnlyList<RouteRule> Rules => _rules.Select(r => new RouteRule(r.Match?.Text ?? "", r.Path)).ToList();

    /// <summary>Compiles the rules; throws <see cref="FormatException"/> naming the rule that does not parse.</summary>
    public static CompiledRoutes Compile(IEnumerable<RouteRule> rules, string? defaultPath)
    {
        var compiled = new List<(RouteExpression?, string)>();
        foreach (var rule in rules)
        {
            if (string.IsNullOrEmpty(rule.Match))
            {
                // A rule without a match is a catch-all, as in daprd's createRoutingRules.
                compiled.Add((null, rule.Path));
                continue;
            }

            try
            {
                compiled.Add((RouteExpression.Parse(rule.Match), rule.Path));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"match expression '{rule.Match}' for path '{rule.Path}': {ex.Message}", ex);
            }
        }

        if (!string.IsNullOrEmpty(defaultPath))
        {
            compiled.Add((null, defaultPath));
        }

        return new CompiledRoutes(compiled);
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>The path of the first matching rule, null when none matches, or the CEL evaluation error.</summary>
    public (string? Path, string? Error) Match(JsonElement cloudEvent)
    {
        foreach (var (match, path) in _rules)
        {
            if (match is null)
            {
                return (path, null);
            }

            var (matched, error) = match.Evaluate(cloudEvent);
            if (error is not null)
            {
                return (null, $"evaluating '{match.Text}': {error}");
            }

            if (matched)
            {
                return (path, null);
            }
        }

        return (null, null);
    }
}
