using System.Globalization;
using System.Text;

namespace Todo.DaprEmulator;

/// <summary>Go's fmt verbs where daprd's and contrib's messages use them, so the emulator's texts match byte for byte.</summary>
internal static class GoFormat
{
    /// <summary>Go's <c>%q</c> for the ASCII cases daprd's messages meet.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < ' ' or '\x7f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
