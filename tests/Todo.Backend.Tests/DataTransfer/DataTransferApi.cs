using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;

namespace Todo.Backend.Tests.DataTransfer;

/// <summary>The export and import calls the data-transfer tests make.</summary>
internal static class DataTransferApi
{
    public static async Task<TodoExport> ExportJsonAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("api/export?format=json");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<TodoExport>(await response.Content.ReadAsStringAsync(), TodoJson.Options)!;
    }

    public static async Task<string> ExportTextAsync(this HttpClient client, string format)
    {
        using var response = await client.GetAsync($"api/export?format={format}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static Task<HttpResponseMessage> PostImportAsync(this HttpClient client, string body, string contentType, string? importId = null, string? project = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, project is null ? "api/import" : $"api/import?project={Uri.EscapeDataString(project)}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (importId is not null)
        {
            request.Headers.Add("Idempotency-Key", importId);
        }

        return client.SendAsync(request);
    }

    public static async Task<ImportReport> ImportAsync(this HttpClient client, string body, string contentType, string? importId = null, string? project = null)
    {
        using var response = await client.PostImportAsync(body, contentType, importId, project);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ImportReport>();
    }

    public static string TodoistSample() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DataTransfer", "todoist-export.csv"));

    public static MultipartFormDataContent Multipart(string text, string fileName, string contentType)
    {
        var file = new StringContent(text, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
