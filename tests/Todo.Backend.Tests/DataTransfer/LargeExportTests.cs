using System.Net;
using System.Text.Json;
using Dapr.Client;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.DataTransfer;

/// <summary>
/// The export of an account with 10,000 tasks (the 5,000 open tasks the API allows and 5,000 completed ones in 20
/// archive pages, ADR 0010) through sidecars whose gRPC messages are capped at 4 MiB as daprd's are: every state read
/// stays under the cap, and the answer, larger than the cap, streams through the invocation.
/// </summary>
public sealed class LargeExportTests(BackendFixture backend, ITestOutputHelper output) : IClassFixture<BackendFixture>
{
    private const int Open = TaskRules.MaxTasksPerUser;
    private const int Completed = 5_000;

    [Fact]
    public async Task TenThousandTasksExportEachOnceThroughTheSidecarsMessageLimit()
    {
        var (user, client) = await backend.NewUserAsync();
        await SeedAsync(user.UserId);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync("api/export?format=json", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"exported {Open + Completed:N0} tasks, {bytes.Length:N0} bytes, in {clock.ElapsedMilliseconds:N0} ms");
        using var export = JsonDocument.Parse(bytes);

        var tasks = export.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(Open + Completed, tasks.Select(t => t.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(Completed, tasks.Count(t => t.GetProperty("completed").GetBoolean()));
        Assert.True(bytes.Length > 4 * 1024 * 1024, $"the export is {bytes.Length:N0} bytes; it should be larger than one sidecar message");
    }

    // Written straight into the backend's state (its sidecar adds the app-id prefix) in requests well under 4 MiB:
    // creating 10,000 tasks through the API would only make the test slow.
    private async Task SeedAsync(string userId)
    {
        using var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint(backend.Emulator[DaprNames.BackendAppId].GrpcEndpoint.ToString())
            .UseJsonSerializationOptions(TodoJson.Options)
            .Build();
        var start = DateTimeOffset.UtcNow.AddYears(-2);
        var notes = new string('n', 500);
        var tasks = Enumerable.Range(0, Open + Completed).Select(i => new TaskRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = userId,
            Title = $"task {i:D5}",
            Notes = notes,
            Completed = i >= Open,
            CompletedAt = i >= Open ? start.AddMinutes(i) : null,
            CreatedAt = start,
            UpdatedAt = start,
        }).ToList();
        foreach (var chunk in tasks.Chunk(500))
        {
            await dapr.SaveBulkStateAsync(DaprNames.StateStore,
                chunk.Select(t => new SaveStateItem<TaskRecord>(StateKeys.Task(userId, t.Id), t, etag: null!)).ToList());
        }

        var pages = tasks.Skip(Open).Select(t => t.Id).Chunk(ArchivePage.Capacity).ToList();
        for (var page = 0; page < pages.Count; page++)
        {
            await dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.TaskArchivePage(userId, page), new ArchivePage([.. pages[page]]));
        }

        await dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.TaskIndex(userId),
            new TaskIndex(tasks.Take(Open).Select(t => t.Id).ToList()) { Format = TaskIndex.CurrentFormat, ArchivePages = pages.Count, ArchivedCount = Completed });
    }
}
