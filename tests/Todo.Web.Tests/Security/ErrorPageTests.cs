using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Backend;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.Security;

/// <summary>todo-web in Production whose backend answers garbage (a broken deployment): the request fails.</summary>
public sealed class BrokenBackendProductionFixture : WebStackFixture
{
    public const string Secret = "GarbageFromTheBackend";

    protected override string Environment => "Production";

    protected override void ConfigureWebServices(IServiceCollection services) =>
        services.AddSingleton(sp => new BackendClient(
            new HttpClient(new GarbageBackend()) { BaseAddress = new Uri("http://todo-backend/") },
            sp.GetRequiredService<UserTokenIssuer>()));

    private sealed class GarbageBackend : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"{Secret}\": [", Encoding.UTF8, "application/json"),
            });
    }
}

public sealed class ErrorPageTests(BrokenBackendProductionFixture stack) : IClassFixture<BrokenBackendProductionFixture>
{
    [Fact]
    public async Task AnUnexpectedFailureOutsideDevelopmentShowsTheErrorPageWithoutAnyStackTraceOrExceptionDetail()
    {
        using var browser = new BrowserSession(stack.Browser());

        using var response = await browser.SubmitAsync("/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["username"] = "someone", ["password"] = "whatever it is", ["returnUrl"] = "/",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("An error occurred while processing your request", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenBackendProductionFixture.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Todo.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Text.Json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Development", html, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "the error page is a page like any other");
    }

    [Fact]
    public async Task TheReconnectDialogSaysWhatToDoAndNothingAboutTheServer()
    {
        using var browser = new BrowserSession(stack.Browser());

        using var response = await browser.GetAsync("/sign-in");

        var html = await response.Content.ReadAsStringAsync();
        var dialog = html[html.IndexOf("<dialog id=\"components-reconnect-modal\"", StringComparison.Ordinal)..];
        dialog = dialog[..(dialog.IndexOf("</dialog>", StringComparison.Ordinal) + 9)];
        Assert.Contains("Reconnecting", dialog, StringComparison.Ordinal);
        Assert.Contains("Reload", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain("Development", dialog, StringComparison.Ordinal);
    }
}
