namespace Todo.Testing.Fuzz;

/// <summary>What a fuzzed route reads.</summary>
public enum FuzzBody
{
    /// <summary>No body expected (GET, DELETE); a body may still be sent.</summary>
    None,

    /// <summary>A JSON object (REST).</summary>
    Json,

    /// <summary>An HTML form post (todo-web's account routes).</summary>
    Form,

    /// <summary>A JSON-RPC 2.0 message (MCP).</summary>
    JsonRpc,

    /// <summary>A Dapr topic delivery: a CloudEvent envelope, or its bare data.</summary>
    Event,
}

/// <summary>The credential a well-formed call to the route carries.</summary>
public enum FuzzAuth
{
    None,

    /// <summary>A signed-in user's token (Bearer), as todo-web sends it.</summary>
    User,

    /// <summary>A personal access token (Bearer), as MCP clients send it.</summary>
    AccessToken,

    /// <summary>The Dapr app token (<c>dapr-api-token</c>): sidecar-only routes.</summary>
    AppToken,

    /// <summary>The form's anti-forgery token and cookie (todo-web).</summary>
    Antiforgery,
}

/// <summary>
/// One route under fuzz. <see cref="Path"/> may hold <c>{task}</c> (one of the user's task ids, or a mangled id) and
/// <c>{any}</c> (a mangled segment). <see cref="Seed"/> is a well-formed body the mutations start from.
/// </summary>
public sealed record FuzzRoute(string Method, string Path, FuzzBody Body, FuzzAuth Auth, Func<FuzzContext, string>? Seed = null)
{
    public string Name => $"{Method} /{Path}";

    /// <summary>A route of the JSON-RPC kind answers errors in JSON-RPC, not ProblemDetails.</summary>
    public bool IsJsonRpc => Body == FuzzBody.JsonRpc;
}
