using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Where a task lives and who does it: moving it to another project or to the top of its list (move_task), assigning
// it to a member of its project (assign_task), and the questions about that. Project and person are only named here;
// the assistant checks them against the user's projects and the project's members.
internal static partial class ChatInterpreter
{
    private const string Person = @"(?<who>@?[a-z][a-z0-9_.-]*)";

    /// <summary>Words that follow "to" or "for" but are no username.</summary>
    private static readonly HashSet<string> NotAPerson = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "my", "someone", "somebody", "anyone", "anybody", "everyone", "him", "her", "them", "it", "that", "this",
        "list", "top", "bottom", "end", "do", "inbox", "project", "tomorrow", "today", "tonight", "next", "later",
    };

    private static readonly Regex PlacePattern = new(
        @"^(?:move|put|bump|push|shift|send|bring|place)\s+(?<ref>.+?)\s+(?:up\s+|down\s+|right\s+|all the way\s+)?(?:to|at|on|onto)\s+(?:the\s+)?(?<place>top|bottom|end|start|front|beginning)(?:\s+of\s+(?:the|my|its|this)\s+(?:list|project))?$|" +
        @"^(?:move|put|bump|place)\s+(?<ref>.+?)\s+(?<place>first|last)$");

    /// <summary>A project named with the word "project" or "list": never a date, so read before the date commands.</summary>
    private static readonly Regex NamedProjectPattern = new(
        @"^(?:move|put|file|send|shift|transfer|drop)\s+(?<ref>.+?)\s+(?:in|into|to|under|onto|over to|over into)\s+(?:the\s+|my\s+|our\s+)?(?<project>[a-z0-9][\w'&-]*(?:\s+[\w'&-]+){0,3}?)\s+(?<kind>project|list)$");

    /// <summary>"move X to Groceries", "file X under work": the name may be anything that is not a date (checked by the caller).</summary>
    private static readonly Regex ProjectPattern = new(
        @"^(?:move|file|transfer|shift)\s+(?<ref>.+?)\s+(?:into|to|under|over to|over into)\s+(?:the\s+|my\s+|our\s+)?(?<project>[a-z0-9][\w'&-]*(?:\s+[\w'&-]+){0,2})$");

    private static readonly Regex[] AssignPatterns =
    [
        new(@"^(?:assign|reassign|re-assign|allocate|delegate)\s+(?<ref>.+?)\s+to\s+" + Person + "$"),
        new(@"^(?:hand|pass)\s+(?<ref>.+?)\s+(?:over\s+)?to\s+" + Person + "$"),
        new(@"^(?:let|have|get)\s+" + Person + @"\s+(?:do|handle|take|take care of|deal with|look after)\s+(?<ref>.+)$"),
        new(@"^make\s+" + Person + @"\s+(?:responsible for|the assignee of|the owner of|in charge of)\s+(?<ref>.+)$"),
        new(@"^(?:i'll|i will|let me|i can)\s+(?<who>take|handle|take care of|deal with)\s+(?<ref>.+)$"),
    ];

    /// <summary>"give X to bob" is also how an errand is said ("give the book to sarah"): without such a task it is added.</summary>
    private static readonly Regex GivePattern = new(@"^give\s+(?<ref>.+?)\s+to\s+" + Person + "$");

    private static readonly Regex UnassignPattern = new(
        @"^(?:unassign|un-assign|deassign)\s+(?:(?:me|myself|@?[a-z][a-z0-9_.-]*)\s+from\s+)?(?<ref>.+?)(?:\s+from\s+(?:me|@?[a-z][a-z0-9_.-]*))?$|" +
        @"^(?:remove|clear|drop|delete)\s+(?:the\s+)?assignee\s+(?:from|of|on|for)\s+(?<ref>.+)$|" +
        @"^(?<ref>.+?)\s+(?:is|should be)\s+(?:unassigned|not assigned to anyone|assigned to nobody|nobody's)(?:\s+now)?$");

    private static readonly Regex[] WhoPatterns =
    [
        new(@"^who(?:'s|\s+is|\s+was)\s+(?<ref>.+?)\s+assigned\s+to$"),
        new(@"^who(?:'s|\s+is)?\s+(?:assigned\s+(?:to\s+)?|doing|handling|responsible for|taking care of|on|in charge of)\s+(?<ref>.+)$"),
        new(@"^who\s+(?:has|got|owns|does|will do|should do)\s+(?<ref>.+)$"),
        new(@"^(?:is|has)\s+(?<ref>.+?)\s+(?:been\s+)?assigned(?:\s+to\s+(?:anyone|anybody|someone|somebody))?$"),
    ];

    private static readonly Regex[] AssignedListPatterns =
    [
        new(@"^(?:what|which|show|list|anything|any)\b.*?\bassigned\s+to\s+" + Person + "$"),
        new(@"^(?:what|which)\b.*\b(?<who>am i|are you)\s+assigned(?:\s+to)?$"),
        new(@"^(?:show\s+|list\s+|what are\s+|give me\s+)?(?:me\s+)?(?<who>my)\s+assigned\s+(?:tasks|things|todos|stuff|items)$"),
        new(@"^what(?:'s|\s+is)\s+on\s+" + Person + @"'s\s+plate$"),
        new(@"^what\s+does\s+" + Person + @"\s+have(?:\s+to\s+do)?$"),
        new(@"^(?:what(?:'s|\s+is)\s+)?" + Person + @"\s+(?:working on|doing)$"),
    ];

    private static ChatIntent? TryOrganize(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (IsQuestion(s) || s.StartsWith("who", StringComparison.Ordinal) || s.StartsWith("is ", StringComparison.Ordinal))
        {
            foreach (var pattern in AssignedListPatterns)
            {
                if (pattern.Match(s) is { Success: true } list && PersonOf(list.Groups["who"].Value) is { } person)
                {
                    var heading = person == "me" ? "Assigned to you" : $"Assigned to {person}";
                    return new ToolIntent("list_tasks", new JsonObject { ["status"] = "open" }, heading, Assignee: person);
                }
            }

            if (FirstMatch(s, WhoPatterns) is { } asked)
            {
                return Action("get_task", asked, new JsonObject { ["$who"] = true });
            }
        }

        if (PlacePattern.Match(s) is { Success: true } place)
        {
            var top = place.Groups["place"].Value is "top" or "start" or "front" or "beginning" or "first";
            return Action("move_task", place.Groups["ref"].Value, top ? new JsonObject { ["first"] = true } : []);
        }

        if (NamedProjectPattern.Match(s) is { Success: true } named && !IsListWord(named.Groups["project"].Value))
        {
            var move = MoveToProject(named.Groups["ref"].Value, named.Groups["project"].Value);
            if (named.Groups["kind"].Value == "list" && move is TaskActionIntent { Arguments: var arguments })
            {
                // Lists were tags before projects: the assistant tags the task when there is no such project.
                arguments["$orTag"] = Regex.Replace(named.Groups["project"].Value.Trim(), @"\s+", "-");
            }

            return move;
        }

        if (UnassignPattern.Match(s) is { Success: true } unassign)
        {
            return Action("assign_task", unassign.Groups["ref"].Value, new JsonObject { ["assignee"] = null });
        }

        foreach (var pattern in AssignPatterns)
        {
            if (pattern.Match(s) is { Success: true } m && PersonOf(m.Groups["who"].Value) is { } person)
            {
                return Action("assign_task", m.Groups["ref"].Value, new JsonObject { ["assignee"] = person });
            }
        }

        if (GivePattern.Match(s) is { Success: true } give && PersonOf(give.Groups["who"].Value) is { } receiver
            && Action("assign_task", give.Groups["ref"].Value, new JsonObject { ["assignee"] = receiver }) is TaskActionIntent gift)
        {
            return TryAdd(s, s, now, zone) is ToolIntent { Tool: "add_task" } errand ? gift with { Fallback = errand } : gift;
        }

        return null;
    }

    /// <summary>"move X to NAME" once NAME is known not to be a date: the project NAME (the assistant checks it exists).</summary>
    private static ChatIntent? TryMoveToProject(string s) =>
        ProjectPattern.Match(s) is { Success: true } m && !IsListWord(m.Groups["project"].Value) && DateTypos.Find(m.Groups["project"].Value) is null
            && !DateWordPattern().IsMatch(m.Groups["project"].Value)
            ? MoveToProject(m.Groups["ref"].Value, m.Groups["project"].Value)
            : null;

    private static ChatIntent MoveToProject(string reference, string project) =>
        Action("move_task", reference, new JsonObject { ["$project"] = project.Trim() });

    /// <summary>A date the parser refused ("yesterday", "last friday", "the 3rd") is still a date, never a project.</summary>
    [GeneratedRegex(@"\b(?:yesterday|ago|last|past|earlier|today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|month|year|morning|afternoon|evening|noon|midnight|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\b|\d")]
    private static partial Regex DateWordPattern();

    private static bool IsListWord(string name) => name is "todo" or "to-do" or "to do" or "task" or "tasks" or "shopping list" or "my";

    /// <summary>A username as said ("@bob", "bob"), "me" for the user; null for words that are no person.</summary>
    private static string? PersonOf(string who)
    {
        var name = who.Trim().TrimStart('@');
        if (name is "me" or "myself" or "my" or "i" or "am i" or "are you" or "take" or "handle" or "take care of" or "deal with")
        {
            return "me";
        }

        return name.Length == 0 || NotAPerson.Contains(name) ? null : name;
    }
}
