using System.Net;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Steps;

/// <summary>The step calls the step tests make, each asserting it answered 200 with the task.</summary>
internal static class StepApi
{
    public static async Task<TaskDto> StepAsync(this HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: TodoJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        }

        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var task = await response.ReadAsync<TaskDto>();
        Assert.Equal($"\"{task.ETag}\"", response.Headers.ETag?.Tag);
        return task;
    }
}
