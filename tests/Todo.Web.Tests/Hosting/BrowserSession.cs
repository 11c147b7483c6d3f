using System.Net;
using System.Text.RegularExpressions;

namespace Todo.Web.Tests.Hosting;

/// <summary>
/// What a browser does with todo-web's forms, over plain HTTP: keeps the cookies it is given, reads the form's
/// anti-forgery token from the page and posts the form with it.
/// </summary>
public sealed partial class BrowserSession(HttpClient http, bool https = false) : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header received, as sent.</summary>
    public List<string> SetCookies { get; } = [];

    public HttpClient Http => http;

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = Request(HttpMethod.Get, path);
        return Keep(await http.SendAsync(request));
    }

    /// <summary>Opens <paramref name="page"/> and posts its form to <paramref name="action"/> with the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string action, IReadOnlyDictionary<string, string> fields)
    {
        using var form = await GetAsync(page);
        var html = await form.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"{page} has no anti-forgery token");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var request = Request(HttpMethod.Post, action);
        request.Content = new FormUrlEncodedContent(values);
        return Keep(await http.SendAsync(request));
    }

    public HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (https)
        {
            // What the Ingress adds when it terminates TLS.
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        return request;
    }

    private HttpResponseMessage Keep(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                SetCookies.Add(cookie);
                var pair = cookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return response;
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
