using System.Globalization;

namespace Todo.Web.Features.Tasks;

/// <summary>The count above the list, in words: "No tasks", "1 task", "3 tasks match", "1,200 tasks · showing 500".</summary>
public static class TaskCountText
{
    public static string Describe(int total, bool filtered) => (total, filtered) switch
    {
        (0, false) => "No tasks",
        (0, true) => "No tasks match",
        (1, false) => "1 task",
        (1, true) => "1 task matches",
        (_, false) => $"{Number(total)} tasks",
        _ => $"{Number(total)} tasks match",
    };

    /// <summary>The count when only <paramref name="shown"/> rows are loaded; a search of the archive may know only a lower bound.</summary>
    public static string Describe(int total, bool filtered, int shown, bool totalIsLowerBound)
    {
        var count = totalIsLowerBound ? $"At least {Number(total)} {(total == 1 ? "task" : "tasks")}{(filtered ? " match" : "")}" : Describe(total, filtered);
        return shown < total || totalIsLowerBound ? $"{count} · showing {Number(shown)}" : count;
    }

    /// <summary>The label of the button that loads the next page.</summary>
    public static string ShowMore(int total, int shown, bool totalIsLowerBound, int pageSize) =>
        totalIsLowerBound || total <= shown ? "Show more" : $"Show {Number(Math.Min(pageSize, total - shown))} more";

    /// <summary>A count with thousands grouped the same way for every reader ("1,200").</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
