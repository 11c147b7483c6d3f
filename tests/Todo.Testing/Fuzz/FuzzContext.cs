namespace Todo.Testing.Fuzz;

/// <summary>Where and as whom the fuzz requests go.</summary>
public sealed class FuzzContext
{
    /// <summary>The app, directly or through a sidecar's invoke API (base address ends with '/').</summary>
    public required HttpClient Client { get; init; }

    /// <summary>Label for reports: "direct", "sidecar".</summary>
    public required string Via { get; init; }

    public string? UserToken { get; init; }

    /// <summary>Issues a fresh user token per request (user tokens live five minutes; a long run outlives one).</summary>
    public Func<string>? UserTokenFactory { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>The app token; null sends none (to see sidecar-only routes refuse).</summary>
    public string? AppToken { get; init; }

    /// <summary>The anti-forgery cookie header value and form token of one page visit (todo-web).</summary>
    public (string Cookie, string Token)? Antiforgery { get; init; }

    public IReadOnlyList<string> TaskIds { get; init; } = [];

    /// <summary>A task as the API returns it (JSON), the shape inside task events.</summary>
    public string SampleTaskJson { get; init; } = "{}";

    public string UserId { get; init; } = "user";

    /// <summary>MCP tool names to call (from tools/list).</summary>
    public IReadOnlyList<string> ToolNames { get; init; } = [];
}
