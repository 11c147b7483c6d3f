namespace Todo.Testing;

/// <summary>A throwaway resources folder: write component YAML and files into it, deleted on dispose.</summary>
public sealed class TempResources : IDisposable
{
    public TempResources()
    {
        Directory = Path.Combine(Path.GetTempPath(), "todo-emulator-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string fileName, string content)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A store may still hold a file open on a slow dispose; the temp folder is cleaned by the OS eventually.
        }
    }
}
