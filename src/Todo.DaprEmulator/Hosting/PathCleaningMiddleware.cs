using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Hosting;

/// <summary>daprd's router strips a trailing slash and collapses double slashes before matching routes.</summary>
internal sealed partial class PathCleaningMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is { Length: > 1 } && (path.EndsWith('/') || path.Contains("//", StringComparison.Ordinal)))
        {
            var cleaned = DoubleSlash().Replace(path, "/").TrimEnd('/');
            context.Request.Path = cleaned.Length == 0 ? "/" : cleaned;
        }

        return next(context);
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex DoubleSlash();
}
