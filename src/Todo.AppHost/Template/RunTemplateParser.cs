using Todo.DaprEmulator.Hosting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Todo.AppHost.Template;

/// <summary>
/// Reads a Dapr multi-app run template with the Dapr CLI's rules (pkg/runfileconfig):
/// <list type="bullet">
/// <item><c>version</c> is required and non-zero; each app needs <c>appDirPath</c>; the app id defaults to its folder name.</item>
/// <item>Relative paths in <c>common</c> resolve against the template's folder, per-app paths against the app's
/// <c>appDirPath</c>; <c>~</c> is the home folder; every path must exist.</item>
/// <item>An app's non-empty field beats <c>common</c>; <c>env</c> maps are merged with the app's keys winning.</item>
/// <item>Resources: app <c>resourcesPaths</c> → <c>&lt;appDirPath&gt;/.dapr/resources</c> → <c>common.resourcesPaths</c>
/// → <c>~/.dapr/components</c>; the deprecated <c>resourcesPath</c> is appended to its list.</item>
/// </list>
/// Fields the emulator has no use for (log destinations, health probes, profiling...) are accepted and ignored.
/// One field is ours, not the CLI's: a top-level <c>daprVersion</c> (see <see cref="ReadDaprVersion"/>).
/// </summary>
internal static class RunTemplateParser
{
    public static RunTemplate Load(string filePath)
    {
        var fullPath = Path.GetFullPath(filePath);
        if (Directory.Exists(fullPath))
        {
            // `dapr run -f .` takes a folder and looks for dapr.yaml in it.
            fullPath = Path.Combine(fullPath, "dapr.yaml");
        }

        if (!File.Exists(fullPath))
        {
            throw new RunTemplateException($"{fullPath}: run template not found");
        }

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    public static RunTemplate Parse(string yaml, string filePath, string? homeDirectory = null)
    {
        var fields = new YamlFields(Path.GetFileName(filePath));
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(filePath))!;
        var paths = new TemplatePaths(fields, homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var root = fields.Mapping(ReadRoot(yaml, filePath), "(document)");

        var version = fields.Int(root, "version", "");
        if (version is null or 0)
        {
            throw fields.Error("version", fields.Field(root, "version"), "required field 'version' is missing or zero (use 'version: 1')");
        }

        var commonNode = fields.Field(root, "common");
        var common = commonNode is null
            ? SharedFields.Empty
            : SharedFields.Read(fields, fields.Mapping(commonNode, "common"), "common", paths, baseDirectory);

        var appsNode = fields.Field(root, "apps");
        if (appsNode is not YamlSequenceNode appList || appList.Children.Count == 0)
        {
            throw fields.Error("apps", appsNode, "expected a list with at least one app");
        }

        var apps = appList.Children
            .Select((node, i) => ReadApp(fields, fields.Mapping(node, $"apps[{i}]"), $"apps[{i}]", common, paths, baseDirectory))
            .ToList();
        var duplicate = apps.GroupBy(a => a.AppId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw fields.Error("apps", appsNode, $"app id '{duplicate.Key}' is used by more than one app");
        }

        return new RunTemplate(Path.GetFullPath(filePath), version.Value, fields.String(root, "name", ""), apps)
        {
            DaprVersion = ReadDaprVersion(fields, root),
        };
    }

    /// <summary>
    /// <c>daprVersion: 1.17</c>: the release the emulated sidecars imitate. The Dapr CLI's run file has no such field
    /// (its RunFileConfig has version, common and apps); the CLI reads the file with gopkg.in/yaml.v2's non-strict
    /// <c>yaml.Unmarshal</c> (dapr/cli pkg/runfileconfig/run_file_config_parser.go), so `dapr run -f .` ignores it and
    /// the same file serves both. There the installed daprd decides; here this field does, unless --dapr-version is given.
    /// </summary>
    private static DaprVersion? ReadDaprVersion(YamlFields fields, YamlMappingNode root)
    {
        if (fields.String(root, "daprVersion", "") is not { } text)
        {
            return null;
        }

        try
        {
            return DaprVersion.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw fields.Error("daprVersion", fields.Field(root, "daprVersion"), ex.Message);
        }
    }

    private static YamlNode ReadRoot(string yaml, string filePath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new RunTemplateException($"{Path.GetFileName(filePath)}: not valid YAML at line {ex.Start.Line}: {ex.Message}");
        }

        return stream.Documents.Count > 0
            ? stream.Documents[0].RootNode
            : throw new RunTemplateException($"{Path.GetFileName(filePath)}: the file is empty");
    }

    private static TemplateApp ReadApp(YamlFields fields, YamlMappingNode node, string path, SharedFields common, TemplatePaths paths, string baseDirectory)
    {
        var appDirText = fields.String(node, "appDirPath", path);
        if (string.IsNullOrWhiteSpace(appDirText))
        {
            throw fields.Error($"{path}.appDirPath", node, "required field 'appDirPath' is missing");
        }

        var appDir = paths.ResolveExisting(appDirText, baseDirectory, $"{path}.appDirPath", fields.Field(node, "appDirPath"));
        var own = SharedFields.Read(fields, node, path, paths, appDir);
        var appId = fields.String(node, "appID", path);
        return new TemplateApp
        {
            AppId = string.IsNullOrEmpty(appId) ? Path.GetFileName(appDir) : appId,
            AppDirPath = appDir,
            AppPort = fields.Port(node, "appPort", path),
            DaprHttpPort = fields.Port(node, "daprHTTPPort", path),
            DaprGrpcPort = fields.Port(node, "daprGRPCPort", path),
            Command = fields.StringList(node, "command", path),
            AppChannelAddress = fields.String(node, "appChannelAddress", path) is { Length: > 0 } address ? address : "127.0.0.1",
            AppProtocol = (own.AppProtocol ?? common.AppProtocol ?? "http").ToLowerInvariant(),
            Env = MergeEnv(common.Env, own.Env),
            ResourcesPaths = ChooseResources(own, appDir, common, paths),
        };
    }

    private static Dictionary<string, string> MergeEnv(IReadOnlyDictionary<string, string> common, IReadOnlyDictionary<string, string> app)
    {
        var merged = new Dictionary<string, string>(common, StringComparer.Ordinal);
        foreach (var (key, value) in app)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static IReadOnlyList<string> ChooseResources(SharedFields app, string appDir, SharedFields common, TemplatePaths paths)
    {
        if (app.ResourcesPaths.Count > 0)
        {
            return app.ResourcesPaths;
        }

        var local = Path.Combine(appDir, ".dapr", "resources");
        if (Directory.Exists(local))
        {
            return [local];
        }

        return common.ResourcesPaths.Count > 0 ? common.ResourcesPaths : [paths.DefaultComponents];
    }
}
