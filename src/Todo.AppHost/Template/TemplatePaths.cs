using YamlDotNet.RepresentationModel;

namespace Todo.AppHost.Template;

/// <summary>Path rules of the Dapr CLI: <c>~</c> is the home folder, relative paths join a base folder, paths must exist.</summary>
internal sealed class TemplatePaths(YamlFields fields, string homeDirectory)
{
    /// <summary>The CLI's last resort for resources: <c>~/.dapr/components</c>.</summary>
    public string DefaultComponents => Path.Combine(homeDirectory, ".dapr", "components");

    public string ResolveExisting(string path, string baseDirectory, string field, YamlNode? node)
    {
        var expanded = path == "~" ? homeDirectory
            : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(homeDirectory, path[2..])
            : path;
        var full = Path.GetFullPath(Path.Combine(baseDirectory, expanded));
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            throw fields.Error(field, node, $"'{path}' does not exist (resolved to {full})");
        }

        return full.TrimEnd(Path.DirectorySeparatorChar);
    }
}
