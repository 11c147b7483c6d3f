namespace Todo.Backend.Features.Projects;

internal static class ProjectServiceCollectionExtensions
{
    public static WebApplicationBuilder AddProjects(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectStore>();
        builder.Services.AddSingleton<ProjectService>();
        builder.Services.AddSingleton<ProjectSharing>();
        builder.Services.AddSingleton<ProjectTaskAccess>();
        builder.Services.AddSingleton<ProjectEventPublisher>();
        return builder;
    }
}
