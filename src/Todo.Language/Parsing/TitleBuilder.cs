using System.Text;
using System.Text.RegularExpressions;

namespace Todo.Language.Parsing;

/// <summary>Cuts recognised spans out of the text and tidies what is left.</summary>
internal static partial class TitleBuilder
{
    public static string Build(string text, IEnumerable<RecognizedSpan> removed)
    {
        var cut = new bool[text.Length];
        foreach (var span in removed)
        {
            for (var i = span.Start; i < span.End; i++)
            {
                cut[i] = true;
            }
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(cut[i] ? ' ' : text[i]);
        }

        var title = Whitespace().Replace(builder.ToString(), " ");
        title = SpaceBeforePunctuation().Replace(title, "$1");
        title = EmptyBrackets().Replace(title, "");
        title = RepeatedSeparators().Replace(title, "$1");
        title = Whitespace().Replace(title, " ");
        return title.Trim(' ', ',', ';', ':', '-', '–', '—');
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\(\s*\)|\[\s*\]")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"([,;:])(?:\s*[,;:])+")]
    private static partial Regex RepeatedSeparators();
}
