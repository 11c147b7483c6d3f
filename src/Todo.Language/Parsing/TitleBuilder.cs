using System.Text;
using System.Text.RegularExpressions;

namespace Todo.Language.Parsing;

/// <summary>Cuts recognised spans out of the text and tidies what is left.</summary>
internal static partial class TitleBuilder
{
    // Marks cut characters so tidying only touches the seams, never punctuation the user typed elsewhere.
    private const char Cut = '\u0001';

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
            builder.Append(cut[i] ? Cut : text[i] == Cut ? ' ' : text[i]);
        }

        var title = SeamBeforePunctuation().Replace(builder.ToString(), "");
        title = Seam().Replace(title, " ");
        title = EmptyBrackets().Replace(title, "");
        title = RepeatedSeparators().Replace(title, "$1");
        title = Whitespace().Replace(title, " ");
        return title.Trim(' ', ',', ';', ':', '-', '–', '—');
    }

    [GeneratedRegex(@"\s*\u0001[\s\u0001]*(?=[,.;:!?)\]]|$)")]
    private static partial Regex SeamBeforePunctuation();

    [GeneratedRegex(@"[\s\u0001]*\u0001[\s\u0001]*")]
    private static partial Regex Seam();

    [GeneratedRegex(@"\(\s*\)|\[\s*\]")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"([,;:])(?:\s*[,;:])+")]
    private static partial Regex RepeatedSeparators();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
