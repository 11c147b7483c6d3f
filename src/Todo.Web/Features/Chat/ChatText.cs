using System.Text.RegularExpressions;

namespace Todo.Web.Features.Chat;

/// <summary>A reply read as blocks: paragraphs (their line breaks kept), numbered lists and bulleted lists.</summary>
/// <param name="Start">For a numbered list, the number of its first item (a list may continue after a paragraph).</param>
internal sealed record ChatBlock(ChatBlockKind Kind, IReadOnlyList<ChatItem> Items, int Start = 1);

internal enum ChatBlockKind { Paragraph, Numbered, Bulleted }

/// <summary>A paragraph or one list item: its lines, each a run of spans.</summary>
internal sealed record ChatItem(IReadOnlyList<IReadOnlyList<ChatSpan>> Lines);

/// <summary>Plain text, shown as text (never as markup), optionally strong or as code.</summary>
internal sealed record ChatSpan(string Text, bool Strong = false, bool Code = false);

/// <summary>
/// Reads the little markdown assistants write ("1. Buy milk", "- Call mom", <c>**bold**</c>, <c>`code`</c>) into
/// <see cref="ChatBlock"/>s the panel renders as elements. The result only ever holds text: the panel renders spans as
/// text nodes, so a reply (the user's words echoed back or an LLM's output) can never inject HTML.
/// </summary>
internal static partial class ChatText
{
    /// <summary>
    /// The reply without its opening sentence when that sentence only says again what the "done" lines under it say
    /// ("Added “Buy milk” · due tomorrow." above "✓ Added “Buy milk” (due tomorrow)"): same kind of change, same tasks.
    /// What follows it ("I'll remind you …", a note) stays. A sentence with more detail than a done line ("Updated
    /// “X”: it is high priority now") is kept whole.
    /// </summary>
    public static string? WithoutRestatedChange(string? text, IReadOnlyList<Todo.Contracts.Chat.ChatDone>? done)
    {
        if (string.IsNullOrEmpty(text) || done is not { Count: > 0 })
        {
            return text;
        }

        const string undone = "Undone. ";
        if (text.StartsWith(undone, StringComparison.Ordinal))
        {
            return (undone + WithoutRestatedChange(text[undone.Length..], done)).TrimEnd();
        }

        if (OpeningSentence().Match(text) is not { Success: true } opening)
        {
            return text;
        }

        var verb = opening.Groups["verb"].Value switch { "Marked" => "Completed", "Put back" => "Added", var v => v };
        var titles = QuotedTitle().Matches(opening.Value).Select(m => m.Value).ToList();
        var restated = titles.Count > 0
            && done.Any(d => d.Text.StartsWith(verb + " ", StringComparison.Ordinal))
            && titles.All(t => done.Any(d => d.Text.Contains(t, StringComparison.Ordinal)));
        return restated ? text[opening.Length..].TrimStart() : text;
    }

    // Up to the first full stop outside the quotes of a title (titles may hold full stops themselves).
    [GeneratedRegex(@"^(?<verb>Added|Marked|Deleted|Reopened|Put back)\s(?:[^“.]|“[^”]*”)*?(?:\bas done)?\.(?=\s|$)")]
    private static partial Regex OpeningSentence();

    [GeneratedRegex(@"“[^”]*”")]
    private static partial Regex QuotedTitle();

    public static IReadOnlyList<ChatBlock> Parse(string? text)
    {
        var blocks = new List<ChatBlock>();
        var kind = ChatBlockKind.Paragraph;
        var items = new List<List<IReadOnlyList<ChatSpan>>>();
        var start = 1;

        void Flush()
        {
            if (items.Count > 0)
            {
                blocks.Add(new ChatBlock(kind, items.Select(i => new ChatItem(i)).ToList(), start));
            }

            items = [];
        }

        foreach (var raw in (text ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            if (Numbered().Match(line) is { Success: true } numbered)
            {
                if (kind != ChatBlockKind.Numbered)
                {
                    Flush();
                    kind = ChatBlockKind.Numbered;
                    start = int.TryParse(numbered.Groups["n"].Value, out var n) ? n : 1;
                }

                items.Add([Inline(numbered.Groups["text"].Value)]);
            }
            else if (Bulleted().Match(line) is { Success: true } bulleted)
            {
                if (kind != ChatBlockKind.Bulleted)
                {
                    Flush();
                    kind = ChatBlockKind.Bulleted;
                }

                items.Add([Inline(bulleted.Groups["text"].Value)]);
            }
            else if (kind != ChatBlockKind.Paragraph && items.Count > 0 && char.IsWhiteSpace(line[0]))
            {
                // An indented line under an item continues that item ("1. Buy milk\n   due tomorrow").
                items[^1].Add(Inline(line.Trim()));
            }
            else
            {
                if (kind != ChatBlockKind.Paragraph)
                {
                    Flush();
                    kind = ChatBlockKind.Paragraph;
                }

                if (items.Count == 0)
                {
                    items.Add([]);
                }

                items[0].Add(Inline(Heading().Replace(line.Trim(), "")));
            }
        }

        Flush();
        return blocks;
    }

    /// <summary>Splits one line into spans at <c>**strong**</c>, <c>__strong__</c> and <c>`code`</c>; a markdown link keeps only its text.</summary>
    internal static IReadOnlyList<ChatSpan> Inline(string line)
    {
        line = Link().Replace(line, "${text}");
        var spans = new List<ChatSpan>();
        var at = 0;
        foreach (Match match in Emphasis().Matches(line))
        {
            if (match.Index > at)
            {
                spans.Add(new ChatSpan(line[at..match.Index]));
            }

            spans.Add(match.Groups["code"].Success
                ? new ChatSpan(match.Groups["code"].Value, Code: true)
                : new ChatSpan(match.Groups["strong"].Success ? match.Groups["strong"].Value : match.Groups["under"].Value, Strong: true));
            at = match.Index + match.Length;
        }

        if (at < line.Length)
        {
            spans.Add(new ChatSpan(line[at..]));
        }

        return spans;
    }

    [GeneratedRegex(@"^\s{0,3}(?<n>\d{1,3})[.)]\s+(?<text>.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\s{0,3}[-*•]\s+(?<text>.*)$")]
    private static partial Regex Bulleted();

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\([^)\s]+\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(?<strong>[^*]+)\*\*|__(?<under>[^_]+)__|`(?<code>[^`]+)`")]
    private static partial Regex Emphasis();
}
