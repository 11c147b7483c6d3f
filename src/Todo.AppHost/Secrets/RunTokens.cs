using System.Security.Cryptography;
using System.Text.Json;
using Todo.AppHost.Template;

namespace Todo.AppHost.Secrets;

/// <summary>The two Dapr tokens of one app for one run.</summary>
/// <param name="DaprApiToken">DAPR_API_TOKEN: what the app must send to call its sidecar's API.</param>
/// <param name="AppApiToken">APP_API_TOKEN: what the sidecar sends to the app, so the app knows the runtime is calling.</param>
internal sealed record AppTokens(string DaprApiToken, string AppApiToken);

/// <summary>
/// Every local run protects each sidecar's API and each app's sidecar-only routes (job triggers, topic deliveries)
/// with tokens, as a production deployment does: new random ones per run, unless the template's <c>env</c> or the
/// environment already sets them (as it would for <c>dapr run -f</c>). Self-hosted Dapr gives both tokens to both the
/// app and its sidecar, and so does the AppHost. They are written to <c>.dapr/tokens.json</c> (owner-only, git-ignored)
/// for a developer who wants to call a sidecar by hand, and never printed.
/// </summary>
internal static class RunTokens
{
    public const string DaprApiTokenName = "DAPR_API_TOKEN";
    public const string AppApiTokenName = "APP_API_TOKEN";

    public static IReadOnlyDictionary<string, AppTokens> Create(RunTemplate template)
    {
        var tokens = template.Apps.ToDictionary(
            app => app.AppId,
            app => new AppTokens(Setting(app, DaprApiTokenName) ?? NewToken(), Setting(app, AppApiTokenName) ?? NewToken()),
            StringComparer.Ordinal);
        Write(Path.Combine(template.Directory, ".dapr", "tokens.json"), tokens);
        return tokens;
    }

    // daprd reads its tokens from its environment; under `dapr run -f` that is the template env over the CLI's own.
    private static string? Setting(TemplateApp app, string name) =>
        (app.Env.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name)) is { Length: > 0 } set ? set : null;

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static void Write(string file, IReadOnlyDictionary<string, AppTokens> tokens)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var json = JsonSerializer.Serialize(tokens, new JsonSerializerOptions { WriteIndented = true });
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var writer = new StreamWriter(stream);
        writer.Write(json);
    }
}
