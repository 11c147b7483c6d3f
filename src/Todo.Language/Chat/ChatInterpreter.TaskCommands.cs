using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Done, not done, delete and move, and the ways people say they did something ("I bought the milk").
internal static partial class ChatInterpreter
{
    private static readonly Regex[] ReopenPatterns =
    [
        new(@"^(?:mark|set)\s+(?<ref>.+?)\s+(?:as\s+)?(?:not done|undone|open|incomplete|not finished|not complete)$"),
        new(@"^(?:reopen|re-open|uncomplete|un-complete|unmark|un-mark|uncheck|un-check|untick|un-tick|undo|restore|bring back)\s+(?:completing\s+|finishing\s+)?(?<ref>.+)$"),
        new(@"^(?:put|bring)\s+(?<ref>.+?)\s+back(?:\s+on (?:my|the) list)?$"),
        // "the invoice never went out, reopen it": the task is the subject of the first clause.
        new(@"^(?<ref>.+?)\s+(?:never|didn't|did not|hasn't|has not|wasn't|was not|isn't|is not|aren't|are not|weren't|haven't)\b[^,]*,\s*(?:so\s+)?(?:reopen|re-open|uncheck|untick|unmark)(?:\s+(?:it|that))?$"),
        new(@"^i\s+(?:didn't|did not|haven't|have not|never)(?:\s+actually|\s+really)?\s+(?:finish|finished|do|done|complete|completed)\s+(?<ref>.+?)(?:\s+yet|\s+after all)?$"),
        new(@"^(?<ref>.+?)\s+(?:isn't|is not|aren't|are not|wasn't)\s+(?:actually\s+|really\s+)?(?:[a-z]+ed|done|clean|paid|sorted|finished|complete|bought|sent|fixed)\s+(?:yet|after all)$"),
        new(@"^i\s+(?:didn't|did not|haven't|have not|never)(?:\s+actually|\s+really)?\s+(?<ref>[a-z]+\s+.+?)(?:\s+yet|\s+after all)?(?:\s*,?\s*(?:put|bring) it back(?: on (?:my|the) list)?)?$"),
        new(@"^(?<ref>.+?)\s+(?:is\s+|isn't\s+|was\s+|are\s+)?(?:not done|not finished|isn't done|isn't finished|wasn't done|aren't done|not complete|isn't complete)(?: yet| after all)?$"),
    ];

    private static readonly Regex[] CompletePatterns =
    [
        new(@"^(?:mark|set)\s+(?<ref>.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|paid|closed)$"),
        new(@"^(?:check|tick|cross|strike)\s+(?<ref>.+?)\s+off(?:\s+(?:my|the)\s+(?:to-?do\s+)?list)?$"),
        new(@"^(?:all\s+)?(?:done|finished|completed|complete|finish|check off|tick off|cross off|crossed off|ticked off|checked off|check|tick|close)\s+(?:with\s+)?(?<ref>.+)$"),
        new(@"^i(?:\s+have|'ve)?\s+(?:did|done|finished|completed)\s+(?<ref>.+)$"),
        new(@"^(?<ref>.+?)\s+(?:is\s+|are\s+)?(?:done|finished|completed)$"),
        // "milk: got it", "bread – done ✓": a task, then a word that it is done.
        new(@"^(?<ref>.+?)\s*[:\-–]\s*(?:got it|done|bought|sorted|finished|complete|completed|check|tick)$"),
        // "groceries bought", "invoice sent": a past participle after the task, as people report a chore.
        new(@"^(?<ref>.+?)\s+(?:bought|paid|sent|written|booked|fixed|cleaned|posted|returned|collected|sorted|picked up|handed in|submitted|called|emailed|renewed|watered|mowed|washed)$"),
    ];

    private static ChatIntent? TryReopen(string s) =>
        !IsQuestion(s) && FirstMatch(s, ReopenPatterns) is { } reference ? Action("reopen_task", reference, []) : null;

    private static bool IsQuestion(string s) => s.EndsWith('?') || QuestionPattern().IsMatch(s);

    private static ChatIntent? TryComplete(string s)
    {
        if (s is "done" or "finished" or "complete" or "completed" or "did it" or "it's done" or "that's done")
        {
            return new TaskActionIntent("complete_task", [new TaskTarget(null, null, TargetKind.Focus)], []);
        }

        return !IsQuestion(s) && FirstMatch(s, CompletePatterns) is { } reference ? Action("complete_task", reference, []) : null;
    }

    private static ChatIntent? TryDelete(string s) =>
        DeletePattern().Match(s) is { Success: true } match ? Action("delete_task", match.Groups["ref"].Value, []) : null;

    private static ChatIntent? TryMove(string original, string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (MovePattern().Match(s) is not { Success: true } match)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        string? firstWhen = null;
        foreach (Match split in SplitPattern().Matches(rest))
        {
            var reference = rest[..split.Index];
            var when = rest[(split.Index + 1)..];
            firstWhen ??= when;
            if (reference.Length > 0 && TryWhen(when, now, zone, out var parsed))
            {
                return Action("update_task", reference, DueArguments(parsed, zone, when));
            }
        }

        if (TryMoveToProject(s) is { } toProject)
        {
            return toProject;
        }

        if (match.Groups["verb"].Value == "put")
        {
            return null; // "put milk on the list" is an add, not a move
        }

        // "change haircut to haircut and beard trim": not a date, so a new title.
        if (match.Groups["verb"].Value == "change" && rest.LastIndexOf(" to ", StringComparison.Ordinal) is > 0 and var to
            && DateTypos.Find(rest[(to + 4)..]) is null)
        {
            var offset = match.Groups["rest"].Index + to + 4;
            var title = Unquote(original.Length == s.Length ? original[offset..] : rest[(to + 4)..]);
            return Action("update_task", rest[..to], new JsonObject { ["title"] = title });
        }

        return firstWhen is null ? null : NotADate(firstWhen, "move 2 to friday");
    }

    private static readonly HashSet<string> NotPast = new(StringComparer.Ordinal)
    {
        "need", "feed", "seed", "weed", "bleed", "speed", "breed", "proceed", "succeed", "exceed", "embed", "shed", "bed", "red", "wed", "schedule", "used",
        "shred", "bread", "spread", "thread", "tweed", "heed", "reed", "deed", "sled", "fred", "ted", "ned", "ed", "led", "wed", "weed", "plead",
    };

    /// <summary>"X is needed", "X is delayed": a state, but not "done".</summary>
    private static readonly HashSet<string> NotDone = new(StringComparer.Ordinal)
    {
        "needed", "required", "delayed", "postponed", "planned", "scheduled", "cancelled", "canceled", "blocked", "started",
        "overdue", "due", "expected", "wanted", "booked for", "assigned", "tagged", "labelled", "labeled", "repeated", "moved",
    };

    private static readonly Regex PastTense = new(
        @"^(?:i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)*|just\s+|already\s+|finally\s+)?(?<verb>[a-z]+ed|bought|paid|did|got|made|sent|took|wrote|gave|rang|met|sold|brought|fed|went|ran|found|built|spoke)\s+(?<rest>.+)$");

    private static readonly Regex DoneState = new(
        @"^(?<ref>.+?)(?:\s+(?:is|are|has been|have been|got|was|were)|'s been|'ve been|'s)\s+(?:now\s+|all\s+|finally\s+)?(?<state>[a-z]+ed|done|paid|sorted|out|finished|complete|completed|bought|sent|over|written|made|taken|given|sold|built|found|gotten|taken care of|dealt with|ready|all set)$");

    private static ChatIntent? TryPastTense(string s)
    {
        if (IsQuestion(s))
        {
            return null;
        }

        if (DoneState.Match(s) is { Success: true } state && !NotDone.Contains(state.Groups["state"].Value))
        {
            return Action("complete_task", state.Groups["ref"].Value, []);
        }

        if (PastTense.Match(s) is { Success: true } past && !NotPast.Contains(past.Groups["verb"].Value) && !s.StartsWith("i need", StringComparison.Ordinal))
        {
            var verb = past.Groups["verb"].Value;
            if (verb is "finished" or "completed" or "did" or "done")
            {
                return Action("complete_task", past.Groups["rest"].Value, []);
            }

            return Action("complete_task", TaskMatcher.Stem(verb) + " " + past.Groups["rest"].Value, []);
        }

        return null;
    }

    [GeneratedRegex(@"^(?:i\s+)?(?:don't|do not|no longer)\s+need\s+(?:to\s+)?(?<ref>.+?)(?:\s+task)?\s+any ?more$|^(?:delete|remove|drop|trash|erase|get rid of|cancel|scrap|scratch|strike|axe|nix|toss|kill|forget about|forget|ditch|bin|nuke)\s+(?<ref>.+?)(?:\s+from\s+(?:my|the)\s+(?:to-?do\s+)?list)?$")]
    private static partial Regex DeletePattern();

    [GeneratedRegex(@"^(?<verb>move|reschedule|postpone|push back|push|shift|change|put off|defer|delay|bump|put(?!\s+(?:it|that|this)\s+back\b))\s+(?<rest>.+)$")]
    private static partial Regex MovePattern();

    [GeneratedRegex(@"\s(?=(?:to|until|till|til|for|on|after)\s)")]
    private static partial Regex SplitPattern();
}
