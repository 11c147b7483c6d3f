namespace Todo.Web.Features.Tasks;

internal static class TaskAssigneeServiceCollectionExtensions
{
    /// <summary>The per-circuit member lists behind the assignee picker and the rows' assignee badges.</summary>
    public static WebApplicationBuilder AddTaskAssignees(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped(ProjectMembers.ForCircuit);
        return builder;
    }
}
