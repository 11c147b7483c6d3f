using YamlDotNet.RepresentationModel;

namespace Todo.AppHost.Template;

/// <summary>The fields an app may take from <c>common</c> that the AppHost uses; paths already absolute.</summary>
internal sealed record SharedFields(IReadOnlyList<string> ResourcesPaths, IReadOnlyDictionary<string, string> Env, string? AppProtocol)
{
    public static readonly SharedFields Empty = new([], new Dictionary<string, string>(), null);

    /// <summary>Reads the shared fields of <c>common</c> or of one app; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static SharedFields Read(YamlFields fields, YamlMappingNode node, string path, TemplatePaths paths, string baseDirectory)
    {
        var resources = fields.StringList(node, "resourcesPaths", path)
            .Select((p, i) => paths.ResolveExisting(p, baseDirectory, $"{path}.resourcesPaths[{i}]", fields.Field(node, "resourcesPaths")))
            .ToList();
        // Deprecated single-folder form: the CLI appends it to resourcesPaths.
        if (fields.String(node, "resourcesPath", path) is { } single && !string.IsNullOrWhiteSpace(single))
        {
            resources.Add(paths.ResolveExisting(single, baseDirectory, $"{path}.resourcesPath", fields.Field(node, "resourcesPath")));
        }

        var protocol = fields.String(node, "appProtocol", path);
        if (protocol is { Length: > 0 } && !string.Equals(protocol, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw fields.Error($"{path}.appProtocol", fields.Field(node, "appProtocol"),
                $"'{protocol}' is not supported by the emulator's app channel (only http)");
        }

        return new SharedFields(resources, fields.StringMap(node, "env", path), protocol is { Length: > 0 } ? protocol : null);
    }
}
