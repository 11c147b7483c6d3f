using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Chat;
using Todo.Contracts.Chat;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Tests.Chat.Evaluation;

/// <summary>
/// Runs the evaluation set (dev.jsonl, heldout.jsonl over scenarios.json) through the real offline assistant over
/// <see cref="SimulatedTools"/> and scores each case by the resulting task list (what was added, changed, deleted)
/// or, for questions, by the tasks shown; never by the intent the interpreter picked.
/// </summary>
internal static class ChatEvaluation
{
    public sealed record CaseResult(string Intent, string Utterance, bool Passed, string? Problem, bool GuessedDestruction);

    public sealed record Report(string Name, IReadOnlyList<CaseResult> Results)
    {
        public int Passed => Results.Count(r => r.Passed);

        public double Accuracy => Results.Count == 0 ? 0 : (double)Passed / Results.Count;

        public int DestroyedOnAGuess => Results.Count(r => r.GuessedDestruction);

        public string Table()
        {
            var text = new StringBuilder($"{Name}: {Passed}/{Results.Count} = {100 * Accuracy:F1}% (destructive actions on a guess: {DestroyedOnAGuess})\n");
            text.Append(CultureInfo.InvariantCulture, $"  {"intent",-16} {"pass",5} {"total",5} {"acc",7}\n");
            foreach (var group in Results.GroupBy(r => r.Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var passed = group.Count(r => r.Passed);
                text.Append(CultureInfo.InvariantCulture, $"  {group.Key,-16} {passed,5} {group.Count(),5} {100.0 * passed / group.Count(),6:F1}%\n");
            }

            return text.ToString();
        }
    }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Chat", "Evaluation");

    public static async Task<Report> RunAsync(string file)
    {
        using var scenarios = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "scenarios.json")));
        var results = new List<CaseResult>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Folder, file)))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            using var item = JsonDocument.Parse(line);
            results.Add(await RunCaseAsync(scenarios.RootElement.GetProperty("scenarios"), item.RootElement));
        }

        return new Report(Path.GetFileNameWithoutExtension(file), results);
    }

    private static async Task<CaseResult> RunCaseAsync(JsonElement scenarios, JsonElement item)
    {
        var intent = item.GetProperty("i").GetString()!;
        var turns = item.GetProperty("u").ValueKind == JsonValueKind.Array
            ? item.GetProperty("u").EnumerateArray().Select(u => u.GetString()!).ToList()
            : [item.GetProperty("u").GetString()!];
        var scenario = scenarios.GetProperty(item.TryGetProperty("s", out var s) ? s.GetString()! : "ny");
        var time = new FakeTimeProvider(scenario.GetProperty("now").GetDateTimeOffset());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scenario.GetProperty("zone").GetString()!);
        var now = time.GetUtcNow();
        var tools = new SimulatedTools(now, zone);
        var before = new List<Snapshot>();
        foreach (var p in scenario.TryGetProperty("projects", out var projects) ? projects.EnumerateArray() : default)
        {
            tools.SeedProject(p.GetProperty("name").GetString()!,
                p.TryGetProperty("members", out var members) ? members.EnumerateArray().Select(m => m.GetString()!).ToList() : []);
        }

        foreach (var t in scenario.GetProperty("tasks").EnumerateArray())
        {
            var dto = tools.Seed(t.GetProperty("t").GetString()!, Str(t, "notes"), Priority(Str(t, "p")),
                t.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
                Due(Str(t, "due")), Str(t, "remind") is { } r ? Local(r, zone) : null,
                Str(t, "rec") is { } rec ? new RecurrenceDto(Enum.Parse<RecurrenceFrequency>(rec, ignoreCase: true)) : null,
                Str(t, "done") is { } done ? DateTimeOffset.Parse(done, CultureInfo.InvariantCulture) : null, Str(t, "project"), Str(t, "assignee"));
            before.Add(Snap(dto, tools, zone));
        }

        var lastListed = item.TryGetProperty("l", out var l)
            ? l.EnumerateArray().Select(x => before.Single(b => b.Title == x.GetString()).Id).ToList()
            : new List<string>();
        var assistant = new OfflineAssistant(time);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "eval")], "eval"));
        var context = new UserContext("eval", zone, null);
        var history = new List<ChatMessage>();
        ChatMemory? memory = null;
        AssistantReply? reply = null;
        var texts = new List<string>();
        try
        {
            foreach (var message in turns)
            {
                reply = await assistant.ReplyAsync(new AssistantTurn(user, context, message, history, lastListed, memory), tools, CancellationToken.None);
                history.Add(new ChatMessage("user", message, now));
                history.Add(new ChatMessage("assistant", reply.Text, now));
                lastListed = reply.LastListed?.ToList() ?? lastListed;
                memory = reply.Memory;
                texts.Add(reply.Text);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new CaseResult(intent, string.Join(" / ", turns), false, "threw " + ex.GetType().Name + ": " + ex.Message, false);
        }

        var after = tools.Tasks.Select(t => Snap(t, tools, zone)).ToList();
        var (problem, guessed) = Score(item.GetProperty("x"), before, after, reply!, tools, texts);
        return new CaseResult(intent, string.Join(" / ", turns), problem is null, problem is null ? null : problem + $"  [reply: {Shorten(reply!.Text)}]", guessed);
    }

    private sealed record Snapshot(string Id, string Title, string? Notes, string Priority, string Tags, string? Due, string? Rec, string? Remind, bool Done,
        string Project, string? Assignee);

    private static Snapshot Snap(TaskDto t, SimulatedTools tools, TimeZoneInfo zone) => new(
        t.Id, t.Title, t.Notes, t.Priority.ToString().ToLowerInvariant(), string.Join(",", t.Tags.Order(StringComparer.Ordinal)),
        t.Due is { } d ? Format(d) : null, t.Recurrence?.Frequency.ToString().ToLowerInvariant(),
        tools.ReminderOf(t.Id) is { } r ? ZonedTime.ToLocal(r, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
        t.Completed, tools.ProjectName(t), SimulatedTools.Username(t.AssigneeId));

    private static (string? Problem, bool GuessedDestruction) Score(
        JsonElement x, List<Snapshot> before, List<Snapshot> after, AssistantReply reply, SimulatedTools tools, List<string> texts)
    {
        var expectedDeleted = x.TryGetProperty("del", out var del) ? del.EnumerateArray().Select(d => d.GetString()!).ToHashSet() : [];
        var expectedSet = x.TryGetProperty("set", out var set) ? set.EnumerateObject().ToDictionary(p => p.Name, p => p.Value) : [];
        var problems = new List<string>();
        var guessed = false;

        // Tasks that were there before: deleted, changed, or untouched. A task deleted and re-created by an undo
        // (same title) counts as the same task.
        var unmatched = after.Where(a => before.All(b => b.Id != a.Id)).ToList();
        foreach (var b in before)
        {
            var now = after.FirstOrDefault(a => a.Id == b.Id) ?? unmatched.FirstOrDefault(a => a.Title == b.Title);
            if (now is not null)
            {
                unmatched.Remove(now);
            }

            if (expectedDeleted.Contains(b.Title))
            {
                if (now is not null)
                {
                    problems.Add($"“{b.Title}” should be deleted");
                }

                continue;
            }

            if (now is null)
            {
                problems.Add($"“{b.Title}” was deleted");
                guessed = true;
                continue;
            }

            var expected = expectedSet.TryGetValue(b.Title, out var e) ? e : default;
            var fields = expected.ValueKind == JsonValueKind.Object ? expected : default;
            var want = b;
            if (fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var f in fields.EnumerateObject())
                {
                    want = f.Name switch
                    {
                        "title" => want with { Title = f.Value.GetString()! },
                        "notes" => want with { Notes = f.Value.ValueKind == JsonValueKind.Null ? null : f.Value.GetString() },
                        "p" => want with { Priority = f.Value.GetString()! },
                        "tags" => want with { Tags = string.Join(",", f.Value.EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)) },
                        "due" => want with { Due = f.Value.ValueKind == JsonValueKind.Null ? null : f.Value.GetString() },
                        "day" => want with { Due = now.Due is { } nd && nd.StartsWith(f.Value.GetString()!, StringComparison.Ordinal) ? nd : f.Value.GetString() + " (any time)" },
                        "rec" => want with { Rec = f.Value.ValueKind == JsonValueKind.Null ? null : f.Value.GetString() },
                        "remind" => want with { Remind = f.Value.ValueKind == JsonValueKind.Null ? null : f.Value.GetString() },
                        "done" => want with { Done = f.Value.GetBoolean() },
                        "project" => want with { Project = f.Value.GetString()! },
                        "assignee" => want with { Assignee = f.Value.ValueKind == JsonValueKind.Null ? null : f.Value.GetString() },
                        "place" => want, // checked below: the manual order is the project's, not the task's
                        _ => throw new InvalidOperationException("unknown field " + f.Name),
                    };
                }

                if (fields.TryGetProperty("rec", out _) && !fields.TryGetProperty("due", out _) && !fields.TryGetProperty("day", out _))
                {
                    want = want with { Due = now.Due }; // a repeat rule may have to give an undated task its first date
                }
            }

            if (fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty("place", out var place))
            {
                var (position, of) = tools.PlaceOf(now.Id);
                if (place.GetString() == "top" ? position != 1 : position != of)
                {
                    problems.Add($"“{b.Title}”: expected at the {place.GetString()} of {now.Project} but it is {position} of {of}");
                }
            }

            var compare = now with { Id = want.Id, Title = want.Title.Equals(now.Title, StringComparison.OrdinalIgnoreCase) ? want.Title : now.Title };
            if (compare != want)
            {
                problems.Add($"“{b.Title}”: expected {Diff(want, compare)}");
                if (now.Done && !b.Done && !want.Done)
                {
                    guessed = true;
                }
            }
        }

        // New tasks.
        var expectedAdds = x.TryGetProperty("add", out var add)
            ? add.ValueKind == JsonValueKind.Array ? add.EnumerateArray().ToList() : [add]
            : [];
        foreach (var a in expectedAdds)
        {
            var titles = a.GetProperty("title").ValueKind == JsonValueKind.Array
                ? a.GetProperty("title").EnumerateArray().Select(t => t.GetString()!).ToList()
                : [a.GetProperty("title").GetString()!];
            var match = unmatched.FirstOrDefault(u => titles.Any(t => t.Equals(u.Title, StringComparison.OrdinalIgnoreCase)));
            if (match is null)
            {
                problems.Add($"expected a new task “{titles[0]}” but new tasks are [{string.Join("; ", unmatched.Select(Describe))}]");
                continue;
            }

            unmatched.Remove(match);
            var want = match with
            {
                Notes = Str(a, "notes"),
                Priority = Str(a, "p") ?? "none",
                Tags = a.TryGetProperty("tags", out var tags) ? string.Join(",", tags.EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal)) : "",
                Due = a.TryGetProperty("day", out var day)
                    ? match.Due is { } md && md.StartsWith(day.GetString()!, StringComparison.Ordinal) ? md : day.GetString() + " (any time)"
                    : Str(a, "due"),
                Rec = Str(a, "rec"),
                Remind = a.TryGetProperty("remind", out var remind) ? remind.ValueKind == JsonValueKind.Null ? null : remind.GetString() : match.Remind,
                Done = false,
            };
            if (want != match)
            {
                problems.Add($"new task “{match.Title}”: expected {Diff(want, match)}");
            }
        }

        if (unmatched.Count > 0)
        {
            problems.Add($"unexpected new task(s) [{string.Join("; ", unmatched.Select(Describe))}]");
        }

        // Questions: the tasks shown, as a set.
        if (x.TryGetProperty("list", out var list))
        {
            var wantTitles = list.EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList();
            if (reply.LastListed is null)
            {
                problems.Add($"expected a list of [{string.Join(", ", wantTitles)}] but no list was shown");
            }
            else
            {
                var all = tools.Tasks.ToDictionary(t => t.Id, t => t.Title);
                var shown = reply.LastListed.Select(id => all.TryGetValue(id, out var t) ? t : id).Order(StringComparer.Ordinal).ToList();
                if (!shown.SequenceEqual(wantTitles))
                {
                    problems.Add($"expected the list [{string.Join(", ", wantTitles)}] but it showed [{string.Join(", ", shown)}]");
                }
            }
        }

        if (x.TryGetProperty("says", out var says))
        {
            var words = says.ValueKind == JsonValueKind.Array ? says.EnumerateArray().Select(w => w.GetString()!).ToList() : [says.GetString()!];
            foreach (var w in words.Where(w => !reply.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"the reply should mention “{w}”");
            }
        }

        if (x.TryGetProperty("ask", out _) && reply.Text.Trim().Length == 0)
        {
            problems.Add("expected an answer");
        }

        return (problems.Count == 0 ? null : string.Join("; ", problems), guessed);
    }

    private static string Diff(Snapshot want, Snapshot got)
    {
        var parts = new List<string>();
        void Check(string name, object? w, object? g)
        {
            if (!Equals(w, g))
            {
                parts.Add($"{name} {w ?? "∅"} but got {g ?? "∅"}");
            }
        }

        Check("title", want.Title, got.Title);
        Check("notes", want.Notes, got.Notes);
        Check("priority", want.Priority, got.Priority);
        Check("tags", want.Tags, got.Tags);
        Check("due", want.Due, got.Due);
        Check("repeat", want.Rec, got.Rec);
        Check("reminder", want.Remind, got.Remind);
        Check("done", want.Done, got.Done);
        Check("project", want.Project, got.Project);
        Check("assignee", want.Assignee, got.Assignee);
        return string.Join(", ", parts);
    }

    private static string Describe(Snapshot s) => $"“{s.Title}” due {s.Due ?? "∅"} {s.Priority} [{s.Tags}]";

    private static string Shorten(string text)
    {
        var one = text.Replace('\n', ' ');
        return one.Length <= 160 ? one : one[..157] + "...";
    }

    private static string Format(DueDto d) => d.Time is { } t
        ? d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + t.ToString("HH:mm", CultureInfo.InvariantCulture)
        : d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DueDto? Due(string? text) => text is null ? null
        : text.Length > 10
            ? new DueDto(DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeOnly.ParseExact(text[11..], "HH:mm", CultureInfo.InvariantCulture))
            : new DueDto(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static DateTimeOffset Local(string text, TimeZoneInfo zone)
    {
        var due = Due(text)!;
        return ZonedTime.ToUtc(due.Date, due.Time ?? TimeOnly.MinValue, zone);
    }

    private static TaskPriority Priority(string? p) => p is null ? TaskPriority.None : Enum.Parse<TaskPriority>(p, ignoreCase: true);

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
