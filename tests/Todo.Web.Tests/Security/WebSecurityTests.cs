using System.Net;
using System.Text.RegularExpressions;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.Security;

/// <summary>What a browser is told to enforce on todo-web's pages, and the cookies it gets.</summary>
public sealed partial class WebSecurityTests(WebStackFixture stack) : IClassFixture<WebStackFixture>
{
    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/register")]
    [InlineData("/no-such-page")]
    public async Task PagesCarryAContentSecurityPolicyThatAllowsOnlyOurScriptsAndForbidsFraming(string path)
    {
        using var browser = new BrowserSession(stack.Browser());

        using var response = await browser.GetAsync(path);

        var policy = Directives(response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        var scripts = policy["script-src"].Split(' ');
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task TheImportMapIsThePagesOnlyInlineScriptAndCarriesThisResponsesNonce()
    {
        using var browser = new BrowserSession(stack.Browser());

        using var first = await browser.GetAsync("/sign-in");
        using var second = await browser.GetAsync("/sign-in");

        var nonces = new List<string>();
        foreach (var response in new[] { first, second })
        {
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var allowed = Directives(response.Headers.GetValues("Content-Security-Policy").Single())["script-src"];
            var nonce = Assert.Single(allowed.Split(' '), s => s.StartsWith("'nonce-", StringComparison.Ordinal))[7..^1];
            var inline = InlineScript().Matches(html);
            var importMap = Assert.Single(inline);
            Assert.Contains("type=\"importmap\"", importMap.Value, StringComparison.Ordinal);
            Assert.Contains($"nonce=\"{nonce}\"", importMap.Value, StringComparison.Ordinal);
            nonces.Add(nonce);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignInAndAntiforgeryCookiesAreHttpOnlySameSiteAndSecureOverHttps(bool https)
    {
        using var browser = new BrowserSession(stack.Browser(), https);
        var username = $"c{Guid.NewGuid():N}"[..20];

        using var registered = await browser.SubmitAsync("/register", "/account/register", new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = "correct horse battery", ["displayName"] = "", ["timeZone"] = "UTC",
        });

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/", registered.Headers.Location?.OriginalString);
        var auth = Cookie(browser, "todo.auth");
        var antiforgery = Cookie(browser, ".AspNetCore.Antiforgery.");
        Assert.Contains("httponly", auth);
        Assert.Contains("samesite=lax", auth);
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);
        Assert.Equal(https, auth.Contains("secure"));
        Assert.Equal(https, antiforgery.Contains("secure"));
    }

    private static IReadOnlyList<string> Cookie(BrowserSession browser, string namePrefix)
    {
        var header = Assert.Single(browser.SetCookies, c => c.StartsWith(namePrefix, StringComparison.Ordinal));
        return header.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    // A <script> element without src: inline code the policy has to allow by nonce.
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
