using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Todo.Contracts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Infrastructure;

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body, TodoJson.Options);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(TodoJson.Options))!;

    public static async Task<TaskDto> CreateTaskAsync(this HttpClient client, CreateTaskRequest request)
    {
        using var response = await client.PostJsonAsync("api/tasks", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TaskDto>();
    }

    public static async Task<TaskDto> CreateTaskAsync(this HttpClient client, string title) =>
        await client.CreateTaskAsync(new CreateTaskRequest(title));

    /// <summary>The ProblemDetails body of an error answer.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement;
    }

    // Merge patches need explicit nulls ("clear this field"), which the shared options omit.
    private static readonly JsonSerializerOptions PatchOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static HttpRequestMessage Patch(string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body, options: PatchOptions) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        }

        return request;
    }
}
