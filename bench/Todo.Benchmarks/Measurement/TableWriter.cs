namespace Todo.Benchmarks.Measurement;

/// <summary>A plain Markdown table, columns padded to their widest cell, numbers right-aligned.</summary>
internal sealed class TableWriter(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TableWriter Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => i < r.Length ? r[i].Length : 0).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Line(headers, widths, first: true));
        writer.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths, first: false));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, bool first) =>
        "| " + string.Join(" | ", widths.Select((w, i) =>
        {
            var cell = i < cells.Count ? cells[i] : "";
            return i == 0 || first ? cell.PadRight(w) : cell.PadLeft(w);
        })) + " |";
}
