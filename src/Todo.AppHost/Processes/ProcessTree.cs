using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Todo.AppHost.Processes;

/// <summary>
/// A process and its descendants. <c>dotnet run</c> starts the app as its own child, so stopping the command means
/// stopping a tree: the descendants are listed before anything is signalled, because a child whose parent exited is
/// re-parented and no longer found by <see cref="Process.Kill(bool)"/>.
/// </summary>
internal static partial class ProcessTree
{
    private const int SigTerm = 15;

    /// <summary>The process and all its live descendants (Linux reads /proc; elsewhere only the process itself).</summary>
    public static IReadOnlyList<int> Of(int rootPid)
    {
        var result = new List<int> { rootPid };
        if (!OperatingSystem.IsLinux())
        {
            return result;
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        for (var i = 0; i < result.Count; i++)
        {
            if (children.TryGetValue(result[i], out var list))
            {
                result.AddRange(list);
            }
        }

        return result;
    }

    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            // A zombie (exited, not yet reaped) counts as gone: it holds no ports and runs no code.
            var state = ReadStat(pid) is { } stat ? stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] : null;
            return state is not null and not "Z" and not "X";
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Asks every process of the tree to stop (SIGTERM on Unix: ASP.NET Core shuts down gracefully).</summary>
    public static void Terminate(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            if (OperatingSystem.IsWindows())
            {
                Kill(pid);
            }
            else
            {
                _ = SendSignal(pid, SigTerm);
            }
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static int? ParentOf(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses, so split after the last ')'.
        var stat = ReadStat(pid);
        if (stat is null)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
