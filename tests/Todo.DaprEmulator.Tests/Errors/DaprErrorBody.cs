using System.Net;
using System.Text.Json;

namespace Todo.DaprEmulator.Tests.Errors;

/// <summary>
/// daprd's error body <c>{"errorCode","message"}</c> compared as JSON values: the emulator escapes quotes as
/// <c>\u0022</c> where Go writes <c>\"</c>, which is the same JSON string.
/// </summary>
internal static class DaprErrorBody
{
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["errorCode", "message"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(errorCode, body.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(message, body.RootElement.GetProperty("message").GetString());
    }
}
