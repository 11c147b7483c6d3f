using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Order;

internal static class OrderApi
{
    public static async Task<TaskOrder> MoveAsync(this HttpClient client, string id, MoveTaskRequest request)
    {
        using var response = await client.PostJsonAsync($"api/tasks/{id}/position", request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"position answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TaskOrder>();
    }
}
