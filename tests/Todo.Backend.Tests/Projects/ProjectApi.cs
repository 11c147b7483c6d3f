using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Projects;

/// <summary>The projects REST calls the project tests make, each asserting it succeeded.</summary>
internal static class ProjectApi
{
    public static async Task<ProjectDto> CreateProjectAsync(this HttpClient client, string name, string? color = null)
    {
        using var response = await client.PostJsonAsync("api/projects", new CreateProjectRequest(name, color));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create project answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ProjectDto>();
    }

    public static async Task<IReadOnlyList<ProjectDto>> ProjectsAsync(this HttpClient client) =>
        (await (await client.GetAsync("api/projects")).ReadAsync<ProjectList>()).Items;

    public static async Task<TaskDto> CreateTaskInAsync(this HttpClient client, string projectId, string title) =>
        await client.CreateTaskAsync(new CreateTaskRequest(title) { ProjectId = projectId });

    public static async Task<TaskPage> TasksAsync(this HttpClient client, string query) =>
        await (await client.GetAsync($"api/tasks?{query}")).ReadAsync<TaskPage>();

    /// <summary>Every task of a list, following the cursor to the end.</summary>
    public static async Task<List<TaskDto>> AllTasksAsync(this HttpClient client, string query)
    {
        var all = new List<TaskDto>();
        string? cursor = null;
        do
        {
            var page = await client.TasksAsync(query + (cursor is null ? "" : $"&cursor={cursor}"));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    public static async Task CompleteAsync(this HttpClient client, TaskDto task) =>
        (await client.PostAsync($"api/tasks/{task.Id}/complete", null)).EnsureSuccessStatusCode();
}
