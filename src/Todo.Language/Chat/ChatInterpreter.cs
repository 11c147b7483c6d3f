using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

/// <summary>
/// The offline assistant's understanding of plain English todo language: one message in, one intent out, with no
/// I/O, so the utterance suite can pin it at a fixed "now". Adds go through <see cref="QuickAddParser"/>, dates of
/// commands through <see cref="DateTimePhraseParser"/>; a date it cannot read is reported back, never guessed.
/// </summary>
internal static partial class ChatInterpreter
{
    public const string Help =
        "I can manage your list. Try:\n" +
        "• \"remind me to call mom tomorrow at 5pm\" or \"pay rent every month on the 1st at 9am p1 #bills\"\n" +
        "• \"what's due today?\", \"what's on saturday?\", \"show overdue\", \"p1 #work\", \"what did I finish this week?\", \"find dentist\"\n" +
        "• \"done 2\", \"reopen 2\", \"delete 3\" (numbers from the last list), \"done with dentist\" or \"I paid the rent\"\n" +
        "• \"move 2 to friday\", \"make pay rent p1\", \"tag 2 with work\", \"rename 2 to call Dr. Lee\", \"add a note to 2: ask about the bill\"\n" +
        "• \"move 2 to Groceries\", \"move 2 to the top\", \"assign 2 to bob\", \"who is 2 assigned to?\", \"what's assigned to me?\"\n" +
        "• \"snooze 1 for 10 minutes\", \"dentist reminder at 4pm\", \"complete all overdue\" (I ask first), \"undo\"";

    public static ChatIntent Interpret(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var original = Tidy(text);
        var s = Normalise(original);
        if (s.Length == 0 || HelpPattern().IsMatch(s))
        {
            return new ReplyIntent(s is "hi" or "hello" or "hey" ? "Hi! " + Help : Help);
        }

        if (TryConfirmOrUndo(s) is { } answer)
        {
            return answer;
        }

        if (ThanksPattern().IsMatch(s))
        {
            return new ReplyIntent("You're welcome!");
        }

        if (TryImpossibleDate(s, now, zone) is { } impossible)
        {
            return impossible;
        }

        var joined = JoinClauses(s);
        if (joined != s)
        {
            s = joined;
            original = joined;
        }

        if (ThenPattern().Match(original) is { Success: true } then)
        {
            var first = Interpret(then.Groups["a"].Value, now, zone);
            var second = Interpret(then.Groups["b"].Value, now, zone);
            if (first is ToolIntent { Tool: "add_task" } or TaskActionIntent && second is TaskActionIntent { Targets: [{ Kind: TargetKind.Focus }] })
            {
                return new SequenceIntent(first, second);
            }
        }

        // Commands read without a closing question mark ("can you make the bike p1?"); lists keep it.
        var c = s.TrimEnd('?', ' ');
        var o = original.TrimEnd('?', ' ');
        var intent = Command(s, original, c, o, now, zone);
        if (intent is TaskActionIntent { Tool: "update_task" or "set_reminder", Targets: [{ Kind: TargetKind.Plain, Title: not null }] } change
            && !ChangeNotAddPattern().IsMatch(c) && TryAdd(original, s, now, zone) is ToolIntent { Tool: "add_task" } add)
        {
            return change with { Fallback = add };
        }

        // "take out the trash every monday" while "Take out the trash" is on the list: the rule is for that task;
        // without such a task it is the repeating task it reads as. Said with more (a priority, tags, a reminder) or
        // with "add", it is a new task.
        if (intent is ToolIntent { Tool: "add_task", Arguments: var added } newTask && added["recurrence"] is { } rule
            && !AddPrefixPattern().IsMatch(s) && !IntentPrefixPattern().IsMatch(original)
            && added.All(a => a.Key is "title" or "recurrence" or "dueDate" or "dueTime")
            && added["title"]?.GetValue<string>() is { Length: > 0 } title)
        {
            var repeat = new JsonObject { ["recurrence"] = rule.DeepClone() };
            if (added["dueDate"] is { } first)
            {
                repeat["$dueIfNone"] = first.DeepClone();
            }

            return new TaskActionIntent("update_task", [new TaskTarget(null, title, TargetKind.ExactTitle)], repeat, newTask);
        }

        return intent;
    }

    private static ChatIntent Command(string s, string original, string c, string o, DateTimeOffset now, TimeZoneInfo zone) =>
        TryBulk(c, now, zone)
            ?? TryOrganize(c, now, zone)
            ?? TrySnooze(c, now, zone)
            ?? TryReminder(c, now, zone)
            ?? TryNotes(o, c)
            ?? TryRename(o, c)
            ?? TryTags(c)
            ?? TryPriority(c)
            ?? TryRepeat(c, now, zone)
            ?? TryDueChange(c, now, zone)
            ?? TryReopen(s)
            ?? TryComplete(s)
            ?? TryPastTense(s)
            ?? TryDelete(s)
            ?? TryMove(original, s, now, zone)
            ?? TryList(s, now, zone)
            ?? TryAdd(original, s, now, zone)
            ?? new ReplyIntent("Sorry, I didn't understand that. " + Help);

    [GeneratedRegex(@"^(?:help|\?|what can you do\??|how does (?:this|it) work\??|commands|examples|hi|hello|hey|menu)$")]
    private static partial Regex HelpPattern();

    [GeneratedRegex(@"^(?:thanks|thank you|thx|ty|cheers|great|perfect|awesome|cool|nice|ok thanks|that's all|thank you,? that's all|thanks,? that's all|bye|goodbye)[!. ]*$")]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"^(?<a>.+?)(?:\s*,\s*|\s+)(?:and|then|and then|also)\s+(?<b>(?:make|set|tag|label|move|mark|rename|give|change|add a note to|put|push|remind me about|snooze|flag)\s+(?:it|that|that one|this)\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ThenPattern();

    [GeneratedRegex(@"^(?:what|what's|whats|which|show|list|display|any|do i have|give me|see|view|how many|anything|is there|are there)\b")]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:add|create|new|todo|to-do|put(?=.+\s(?:on|onto|in|to)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?list\b)|note|jot down)\b(?:\s+(?:a|an)\b)?(?:\s+(?:task|todo|to-do|item|reminder)\b)?(?:\s*:)?\s*(?:to\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex AddPrefixPattern();

    [GeneratedRegex(@"^(?:set(?! up)|change|move|push|reschedule|rename|retitle|update|edit|mark|tag|label|untag|postpone|bump|raise|lower|remove|delete|repeat|stop)\b|^make\s+.+\b(?:due|priority|repeat|recur|p[1-4])\b|\b(?:should|can|could|needs to|has to|must) be\b|\bis\s+(?:now\s+)?(?:on|due)\b|^(?:make|change|move)\s+(?:it|that|this)\b")]
    private static partial Regex ChangeNotAddPattern();
}
