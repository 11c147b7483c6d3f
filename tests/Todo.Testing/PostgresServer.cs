namespace Todo.Testing;

/// <summary>
/// A throwaway PostgreSQL server on a free loopback port: initdb into a folder under /tmp owned by the postgres user,
/// pg_ctl start, and stop plus delete on dispose. Missing server binaries are an error, never a silent skip.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binDirectory;

    private PostgresServer(string binDirectory, string directory)
    {
        _binDirectory = binDirectory;
        Directory = directory;
    }

    /// <summary>The data directory (also the Unix socket directory).</summary>
    public string Directory { get; }

    public int Port { get; private set; }

    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = await BinDirectoryAsync();
        // /tmp, not a per-user temp folder: the postgres user must be able to reach it.
        var server = new PostgresServer(binDirectory, Path.Combine("/tmp", "todo-pg-" + Guid.NewGuid().ToString("N")[..12]));
        System.IO.Directory.CreateDirectory(server.Directory);
        try
        {
            await server.InitAndStartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task InitAndStartAsync()
    {
        await ProcessRunner.RunCheckedAsync("chown", "postgres:postgres", Directory);
        await AsPostgresAsync("initdb", "-D", Directory, "-U", "postgres", "-A", "trust");

        // Another process may grab the free port between our probe and the server's bind: retry with a new one.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            try
            {
                await AsPostgresAsync("pg_ctl", "-D", Directory, "-w", "-l", Path.Combine(Directory, "server.log"),
                    "-o", $"-p {port} -k {Directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
                Port = port;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Port != 0)
        {
            try
            {
                await AsPostgresAsync("pg_ctl", "-D", Directory, "-m", "immediate", "stop");
            }
            catch (InvalidOperationException)
            {
                // Not running: nothing to stop.
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file; /tmp is cleaned by the OS eventually.
        }
    }

    private Task<string> AsPostgresAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunCheckedAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDirectory, tool), .. arguments]);

    private static async Task<string> BinDirectoryAsync()
    {
        const string missing = "PostgreSQL server binaries (pg_config, initdb, pg_ctl) were not found: run scripts/test.sh, it installs postgresql";
        string binDirectory;
        try
        {
            binDirectory = (await ProcessRunner.RunCheckedAsync("pg_config", "--bindir")).Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(missing);
        }

        return File.Exists(Path.Combine(binDirectory, "initdb")) ? binDirectory : throw new InvalidOperationException(missing);
    }
}
