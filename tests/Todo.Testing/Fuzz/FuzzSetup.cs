using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Todo.Testing.Fuzz;

/// <summary>What the fuzz needs from a running stack, made over HTTP as a client would (tests and the bench share it).</summary>
public static partial class FuzzSetup
{
    /// <summary>A user's material: tasks to aim at, one task as JSON, an access token and the MCP tool names.</summary>
    public sealed record UserMaterial(IReadOnlyList<string> TaskIds, string SampleTaskJson, string AccessToken, IReadOnlyList<string> ToolNames);

    /// <param name="asUser">Calls the backend as the signed-in user (through the sidecar, as todo-web does).</param>
    /// <param name="direct">Calls the backend's own port (MCP clients do).</param>
    public static async Task<UserMaterial> PrepareUserAsync(HttpClient asUser, HttpClient direct, int tasks = 8)
    {
        var ids = new List<string>();
        for (var i = 0; i < tasks; i++)
        {
            using var created = await asUser.PostAsJsonAsync("api/tasks", new { title = $"fuzz target {i}" });
            created.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            ids.Add(json.RootElement.GetProperty("id").GetString()!);
        }

        var sample = await asUser.GetStringAsync($"api/tasks/{ids[0]}");
        using var token = await asUser.PostAsJsonAsync("api/tokens", new { name = "fuzz" });
        token.EnsureSuccessStatusCode();
        using var tokenJson = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        var pat = tokenJson.RootElement.GetProperty("token").GetString()!;
        return new UserMaterial(ids, sample, pat, await ToolNamesAsync(direct, pat));
    }

    /// <summary>The anti-forgery cookie and form token of one visit to todo-web's sign-in page.</summary>
    public static async Task<(string Cookie, string Token)> AntiforgeryAsync(HttpClient web)
    {
        using var page = await web.GetAsync("sign-in");
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        return (cookie, token);
    }

    private static async Task<IReadOnlyList<string>> ToolNamesAsync(HttpClient direct, string pat)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pat);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await direct.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var json = body.TrimStart().StartsWith('{') ? body : string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..]));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
