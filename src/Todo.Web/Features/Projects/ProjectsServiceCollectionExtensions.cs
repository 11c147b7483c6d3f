namespace Todo.Web.Features.Projects;

internal static class ProjectsServiceCollectionExtensions
{
    /// <summary>The per-circuit project list the sidebar, task page, quick add and editor share.</summary>
    public static WebApplicationBuilder AddProjects(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProjectDirectory>();
        return builder;
    }
}
