namespace Todo.Backend.Features.Tasks;

internal static class TaskServiceCollectionExtensions
{
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<TaskListing>();
        builder.Services.AddSingleton<TaskService>();
        builder.Services.AddSingleton<TaskPositions>();
        return builder;
    }
}
