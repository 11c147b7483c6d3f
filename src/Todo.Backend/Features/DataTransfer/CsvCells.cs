using System.Text;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field holding a comma, quote, CR or LF
/// enclosed in quotes with its quotes doubled. And safe to open in a spreadsheet: a cell starting with = + - @ (or a
/// tab or CR, which some spreadsheets skip before reading a formula) would run as a formula (OWASP "CSV Injection"),
/// so it gets a leading apostrophe, which spreadsheets show as text.
/// </summary>
internal static class CsvCells
{
    public static void AppendRecord(StringBuilder line, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            AppendField(line, field ?? "");
        }

        line.Append("\r\n");
    }

    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendField(StringBuilder line, string value)
    {
        value = Neutralise(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
