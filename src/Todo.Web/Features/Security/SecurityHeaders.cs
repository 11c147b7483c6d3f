using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace Todo.Web.Features.Security;

/// <summary>
/// Browser-facing hardening on every response of todo-web: a Content-Security-Policy that Blazor Server and
/// MudBlazor work under, no framing, no referrer, no MIME sniffing.
/// <list type="bullet">
/// <item><c>script-src 'self' 'nonce-…'</c>: every script is a file of ours except Blazor's import map, an inline
/// <c>&lt;script type="importmap"&gt;</c> that carries this request's nonce (App.razor). No eval is needed.</item>
/// <item><c>style-src 'unsafe-inline'</c>: MudBlazor writes its theme as an inline <c>&lt;style&gt;</c> and positions
/// popovers with <c>style</c> attributes, which no nonce or hash can cover. Styles cannot run script.</item>
/// <item><c>connect-src 'self'</c> covers the circuit's same-origin WebSocket (ws:/wss: are 'self' in CSP 3).</item>
/// </list>
/// Cookies: the sign-in cookie (Features/Accounts) and the anti-forgery cookie are HttpOnly, SameSite and Secure
/// whenever the browser's request was HTTPS, which behind a TLS-terminating Ingress the app learns only from
/// X-Forwarded-Proto.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "todo.csp-nonce";

    public static string Nonce(HttpContext context) => context.Items[NonceKey] as string ?? "";

    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only the scheme: the Ingress terminates TLS. Trusting it from anyone is safe, since all a forged
            // "https" can do is make the forger's own cookies Secure; client addresses (X-Forwarded-For) are not
            // taken, so nothing keyed on them can be spoofed.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
        });
        return builder;
    }

    public static IApplicationBuilder UseWebSecurity(this IApplicationBuilder app) =>
        app.UseForwardedHeaders().Use((context, next) =>
        {
            // Hex is valid nonce syntax and needs no HTML escaping (base64's '+' is written as &#x2B; by Razor).
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(nonce, context.Request.IsHttps);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(context);
        });

    public static string Policy(string nonce, bool https) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'" +
        (https ? "; upgrade-insecure-requests" : "");
}
