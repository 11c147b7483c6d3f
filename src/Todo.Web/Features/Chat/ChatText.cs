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
