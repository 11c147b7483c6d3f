namespace Todo.AppHost.Processes;

/// <summary>
/// Every child still running, so that an AppHost that crashes or is told to exit (unhandled exception,
/// <see cref="AppDomain.ProcessExit"/>) takes its children with it instead of leaving apps holding their ports.
/// A SIGKILL of the AppHost cannot be caught; the Dapr CLI has the same limit.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly Lock Gate = new();
    private static readonly List<ChildProcess> Children = [];
    private static int _hooked;

    public static void Add(ChildProcess child)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        }

        lock (Gate)
        {
            Children.Add(child);
        }
    }

    public static void Remove(ChildProcess child)
    {
        lock (Gate)
        {
            Children.Remove(child);
        }
    }

    private static void KillAll()
    {
        ChildProcess[] children;
        lock (Gate)
        {
            children = [.. Children];
        }

        foreach (var child in children)
        {
            child.KillNow();
        }
    }
}
