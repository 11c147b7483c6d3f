namespace Todo.Backend.Features.Mcp;

/// <summary>
/// DNS-rebinding protection the MCP Streamable HTTP transport requires: a browser page on a foreign site must not be
/// able to drive <c>/mcp</c>. Browsers always send <c>Origin</c> on such requests, so a request whose Origin is not
/// in <c>Mcp:AllowedOrigins</c> is refused with 403. Requests without Origin (desktop and CLI MCP clients) pass; they
/// still need a personal access token.
/// </summary>
internal sealed class McpOriginPolicy
{
    private readonly HashSet<string> _allowed;

    public McpOriginPolicy(IConfiguration configuration)
    {
        // Either "Mcp:AllowedOrigins": "https://a, https://b" or an array (Mcp:AllowedOrigins:0 ...), or both.
        var section = configuration.GetSection("Mcp:AllowedOrigins");
        var values = (section.Value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(section.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0));
        _allowed = new HashSet<string>(values.Select(Normalise), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Allowed => _allowed;

    public bool IsAllowed(string? origin) => string.IsNullOrEmpty(origin) || _allowed.Contains(Normalise(origin));

    private static string Normalise(string origin) => origin.Trim().TrimEnd('/');
}
