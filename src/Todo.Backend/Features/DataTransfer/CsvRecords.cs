using System.Text;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// Reads RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF or LF. A
/// quote inside an unquoted field is kept as text (what spreadsheets do) rather than failing the file. Each record
/// carries the line it started on, so an import report can point at it.
/// </summary>
internal static class CsvRecords
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>The records of <paramref name="text"/>, or an error naming the line of an unclosed quote.</summary>
    public static (List<Record> Records, string? Error) Read(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1; // Excel and Todoist write a byte-order mark.
        }

        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return (records, $"Line {quoteLine}: a quoted field is never closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i++]);
                }

                fieldStarted = true;
                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
                i++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                fields.Add(field.ToString());
                records.Add(new Record(recordLine, fields));
                fields = [];
                field.Clear();
                fieldStarted = false;
                line++;
                recordLine = line;
                continue;
            }

            field.Append(c);
            i++;
        }

        if (field.Length > 0 || fieldStarted || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields));
        }

        return (records, null);
    }
}
