using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Template;

/// <summary>
/// A Dapr multi-app run template (<c>dapr run -f</c>) after parsing and resolution: every path absolute, every
/// shared field merged from <c>common</c> into each app the way the Dapr CLI does it.
/// </summary>
internal sealed record RunTemplate(string FilePath, int Version, string? Name, IReadOnlyList<TemplateApp> Apps)
{
    /// <summary>
    /// The Dapr release the emulated sidecars imitate, from our own top-level <c>daprVersion</c> field; null when the
    /// template leaves it out. <c>--dapr-version</c> overrides it.
    /// </summary>
    public DaprVersion? DaprVersion { get; init; }

    /// <summary>The folder holding the template; <c>common</c> paths resolve against it (the repo root for us).</summary>
    public string Directory => Path.GetDirectoryName(FilePath)!;
}

/// <summary>One app of the template with its effective settings.</summary>
internal sealed record TemplateApp
{
    public required string AppId { get; init; }

    /// <summary>Absolute; the app and its sidecar both run here.</summary>
    public required string AppDirPath { get; init; }

    /// <summary>Null when the template leaves it unset (the app gets no APP_PORT, as with the CLI).</summary>
    public int? AppPort { get; init; }

    /// <summary>Null = pick a free port.</summary>
    public int? DaprHttpPort { get; init; }

    /// <summary>Null = pick a free port.</summary>
    public int? DaprGrpcPort { get; init; }

    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary><c>common.env</c> merged with the app's <c>env</c>, the app's keys winning.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Absolute resource folders, chosen by the CLI's precedence (see <see cref="RunTemplateParser"/>).</summary>
    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];

    public string AppProtocol { get; init; } = "http";

    public string AppChannelAddress { get; init; } = "127.0.0.1";
}
