using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// "all", "every", "everything": one tool on every task a list query finds, always confirmed first.
internal static partial class ChatInterpreter
{
    private static readonly Regex BulkPattern = new(
        @"^(?<verb>delete|remove|clear|erase|wipe|trash|get rid of|complete|finish|mark|tick off|check off|cross off|close|move|push|reschedule|postpone)\s+(?:out\s+)?" +
        @"(?<scope>(?:all|every|everything|each|the whole|my whole|all of)\b.*?|(?:my|the)\s+(?:whole\s+|entire\s+)?(?:list|to-?do list)|tasks\s+(?:tagged|with|labelled|labeled|due|from|that)\b.*?|(?:the|my)\s+(?:[\p{L}#\-']+\s+){0,3}(?:tasks|todos|items|ones)|(?:the|my)\s+(?:tasks|todos|items|ones)\s+(?:about|for|under|in)\s+[\p{L}#\-']+|completed|done|finished|[\p{L}#\-']+\s+tasks)" +
        @"(?<done>\s+(?:as\s+)?(?:done|complete|completed|finished))?(?:\s+(?:to|until|till|for)\s+(?<when>.+))?$");

    private static ChatIntent? TryBulk(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        // "I'm done with everything for today" is "complete everything due today" (confirmed first, as every bulk).
        s = Regex.Replace(s, @"^(?:i'm|im|i am)\s+(?:all\s+)?(?:done|finished)\s+with\s+(?:everything|all|all my tasks)\s+(?:for|due|from)\s+today$", "complete everything due today");
        if (BulkPattern.Match(s) is not { Success: true } m || Regex.IsMatch(s, @"\b(?:tags?|labels?|notes?|reminders?|priority|due dates?)\s+(?:from|on|of|for|off)\b"))
        {
            return null;
        }

        var verb = m.Groups["verb"].Value;
        var scope = " " + m.Groups["scope"].Value + " ";
        var tool = verb switch
        {
            "complete" or "finish" or "mark" or "tick off" or "check off" or "cross off" or "close" => "complete_task",
            "move" or "push" or "reschedule" or "postpone" => "update_task",
            _ => "delete_task",
        };
        if (verb == "mark" && !Regex.IsMatch(s, @"\b(?:done|complete|completed|finished)$"))
        {
            return null;
        }

        if (tool == "delete_task" && m.Groups["done"].Success)
        {
            scope += m.Groups["done"].Value + " "; // "delete everything I've finished": which tasks, not what to do
        }

        var arguments = new JsonObject();
        if (tool == "update_task")
        {
            if (!m.Groups["when"].Success || !TryWhen(m.Groups["when"].Value, now, zone, out var when))
            {
                return m.Groups["when"].Success ? NotADate(m.Groups["when"].Value, "move all overdue to tomorrow") : null;
            }

            arguments = DueArguments(when, zone);
        }

        scope = Regex.Replace(scope, @"\b(?:all|every|everything|each|the whole|my whole|of|ones|whole list|list|entire|whole|to-?do)\b", " ");
        scope = Regex.Replace(scope, @"\b(?:today's|todays)\b", " today ");
        scope = Regex.Replace(scope, @"\b(?:tasks|todos|items|ones)\s+(?:about|for|under|in)\s+(?<w>[\p{L}#\-']+)", "${w} tasks"); // "the tasks about shopping"
        var query = TryList("show " + scope.Trim(), now, zone) as ToolIntent ?? new ToolIntent("list_tasks", [], "Your open tasks");
        if (!query.Arguments.ContainsKey("status"))
        {
            // "delete everything" means everything; "complete all ..." can only mean open tasks.
            query.Arguments["status"] = tool == "delete_task" && query.Arguments.Count == 0 && query.Words is null && query.Period is null ? "all" : "open";
        }

        var describe = tool switch { "complete_task" => "Complete", "update_task" => "Move", _ => "Delete" };
        return new BulkIntent(tool, query, arguments, describe);
    }
}
