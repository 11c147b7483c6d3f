using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Task references: numbers from the last list, title words, "it", "the last one", "both".
internal static partial class ChatInterpreter
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    /// <summary>
    /// Picks the task a title reference means among the tasks <c>list_tasks</c> found for it: the only one, or the one
    /// whose title is exactly the words given. Anything else is ambiguous (or nothing matched).
    /// </summary>
    public static IReadOnlyList<TaskRef> Pick(string title, IReadOnlyList<TaskRef> candidates)
    {
        var exact = candidates.Where(c => string.Equals(c.Title.Trim(), title.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count == 1 ? exact : candidates;
    }

    private static ChatIntent Action(string tool, string reference, JsonObject arguments)
    {
        var targets = Targets(reference);
        return targets.Count == 0
            ? new ReplyIntent($"Which task? Use its number from the last list or words of its title, e.g. \"{Example(tool)}\".")
            : new TaskActionIntent(tool, targets, arguments);
    }

    /// <summary>A command for <paramref name="tool"/> on task <paramref name="number"/>, to show how to name a task.</summary>
    internal static string Example(string tool, int number = 2) => tool switch
    {
        "complete_task" => $"done {number}",
        "reopen_task" => $"reopen {number}",
        "delete_task" => $"delete {number}",
        "snooze_reminder" => "snooze 1 for 10 minutes",
        "update_task" => $"move {number} to friday",
        "move_task" => $"move {number} to the top",
        "assign_task" => $"assign {number} to bob",
        "get_task" => $"who is {number} assigned to",
        _ => $"remind me about {number} at 4pm",
    };

    /// <summary>"2", "#2", "number 2", "the second one", "1 and 3", "1, 2", or title words.</summary>
    public static IReadOnlyList<TaskTarget> Targets(string reference)
    {
        var text = Clean(reference);
        text = CalledPattern().Replace(text, "");
        switch (text)
        {
            case "it" or "that" or "this" or "that one" or "this one" or "that task" or "this task" or "the same one" or "same" or "that item" or "one" or "":
                if (reference.Trim().Length > 0)
                {
                    return [new TaskTarget(null, null, TargetKind.Focus)];
                }

                break;
            case "last" or "last one" or "the last one" or "bottom one":
                return [new TaskTarget(null, null, TargetKind.LastOfList)];
            case "both" or "them" or "all of them" or "both of them" or "these" or "those" or "all those" or "all these" or "these ones" or "those ones" or "they":
                return [new TaskTarget(null, null, TargetKind.AllListed)];
        }

        var parts = NumberListSplit().Split(text).Select(p => NumberWord(p.Trim())).ToList();
        if (parts.Count > 0 && parts.All(p => p is not null))
        {
            return parts.Select(p => new TaskTarget(p, null)).ToList();
        }

        return text.Length == 0 ? [] : [new TaskTarget(null, text)];
    }

    private static int? NumberWord(string word)
    {
        word = NumberPrefix().Replace(word, "").Trim();
        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        word = word.Replace(" one", "").Replace(" task", "").Trim();
        if (Regex.Match(word, @"^(?<n>\d+)(?:st|nd|rd|th)$") is { Success: true } numbered && int.Parse(numbered.Groups["n"].Value, CultureInfo.InvariantCulture) is > 0 and var k)
        {
            return k;
        }

        var ordinal = Array.IndexOf(Ordinals, word);
        return ordinal >= 0 ? ordinal + 1 : null;
    }

    private static string Clean(string reference)
    {
        var text = reference.Trim().Trim('"', '\'', '“', '”').Trim();
        text = text.EndsWith("'s", StringComparison.Ordinal) ? text[..^2] : text;
        text = ArticlePattern().Replace(text, "");
        text = TaskSuffixPattern().Replace(text, "");
        return text.Trim().Trim('"', '\'', '“', '”').Trim();
    }

    [GeneratedRegex(@"\s*(?:,|\band\b|&)\s*")]
    private static partial Regex NumberListSplit();

    [GeneratedRegex(@"^(?:task|number|no\.?|item|#)\s*")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex(@"^(?:the|my|a|an)\s+(?:task\s+)?")]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"^(?:(?:task|one|item|thing)\s+)?(?:called|named|titled|saying)\s+")]
    private static partial Regex CalledPattern();

    [GeneratedRegex(@"\s+(?:task|one|item|thing|todo|reminder)$")]
    private static partial Regex TaskSuffixPattern();
}
