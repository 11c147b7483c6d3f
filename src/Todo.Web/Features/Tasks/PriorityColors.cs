using MudBlazor;
using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Tasks;

/// <summary>One colour per priority wherever it shows: the row's checkbox and chip, and the quick-add preview.</summary>
public static class PriorityColors
{
    public static Color Of(TaskPriority priority) => priority switch
    {
        TaskPriority.High => Color.Error,
        TaskPriority.Medium => Color.Warning,
        TaskPriority.Low => Color.Info,
        _ => Color.Default,
    };
}
