using System.Net;
using Dapr.Client;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Tasks;

/// <summary>
/// The largest list the API allows (5,000 tasks with the longest notes, about 20 MB) reads through a sidecar whose
/// gRPC messages are capped at 4 MiB as daprd's are: the backend pages its bulk reads.
/// </summary>
public sealed class LargestListTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AFullListOfTheLongestTasksReadsThroughTheSidecarsMessageLimit()
    {
        var (user, client) = await backend.NewUserAsync();
        await SeedAsync(user.UserId, TaskRules.MaxTasksPerUser);

        using var response = await client.GetAsync($"api/tasks?status=all&limit={TaskQuery.MaxLimit}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadAsync<TaskPage>();
        Assert.Equal((TaskRules.MaxTasksPerUser, TaskQuery.MaxLimit), (page.Total, page.Items.Count));
        Assert.All(page.Items, task => Assert.Equal(TaskRules.MaxNotes, task.Notes!.Length));
    }

    // Written straight into the backend's state (its sidecar adds the app-id prefix), in requests well under 4 MiB:
    // creating 5,000 tasks through the API would only make the test slow.
    private async Task SeedAsync(string userId, int count)
    {
        using var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint(backend.Emulator[DaprNames.BackendAppId].GrpcEndpoint.ToString())
            .UseJsonSerializationOptions(TodoJson.Options)
            .Build();
        var now = DateTimeOffset.UtcNow;
        var notes = new string('n', TaskRules.MaxNotes);
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var chunk in ids.Chunk(200))
        {
            var items = chunk.Select(id => new SaveStateItem<TaskRecord>(StateKeys.Task(userId, id), new TaskRecord
            {
                Id = id,
                UserId = userId,
                Title = new string('t', TaskRules.MaxTitle),
                Notes = notes,
                Tags = Enumerable.Range(0, TaskRules.MaxTags).Select(i => $"tag{i}").ToList(),
                CreatedAt = now,
                UpdatedAt = now,
            }, etag: null!)).ToList();
            await dapr.SaveBulkStateAsync(DaprNames.StateStore, items);
        }

        await dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.TaskIndex(userId), new TaskIndex(ids));
    }
}
