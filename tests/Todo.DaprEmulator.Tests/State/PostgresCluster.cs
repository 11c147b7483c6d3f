using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port, shared by the tests of the "postgres" collection: initdb
/// into a folder under /tmp owned by the postgres user, pg_ctl start, and stop plus delete on dispose. Each test works
/// in its own table. Missing server binaries are an error, never a silent skip.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _directory;
    private string? _binDirectory;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _binDirectory = (await RunAsync("pg_config", ["--bindir"], allowMissing: true))?.Trim();
        if (string.IsNullOrEmpty(_binDirectory) || !File.Exists(Path.Combine(_binDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries (pg_config, initdb, pg_ctl) were not found: run scripts/test.sh, it installs postgresql");
        }

        _directory = Path.Combine("/tmp", "todo-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        await RunAsync("chown", ["postgres:postgres", _directory]);
        await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDirectory, "initdb"), "-D", _directory, "-U", "postgres", "-A", "trust"]);

        // Another process may grab the free port between our probe and the server's bind: retry with a new one.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDirectory, "pg_ctl"), "-D", _directory, "-w",
                    "-l", Path.Combine(_directory, "server.log"),
                    "-o", $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);
                ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>A fresh table name, so tests sharing the cluster never see each other's rows.</summary>
    public static string NewTableName() => "state_" + Guid.NewGuid().ToString("N")[..16];

    public async Task DisposeAsync()
    {
        if (_directory is null || _binDirectory is null)
        {
            return;
        }

        try
        {
            await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binDirectory, "pg_ctl"), "-D", _directory, "-m", "immediate", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Not running (start failed): nothing to stop.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string?> RunAsync(string file, string[] arguments, bool allowMissing = false)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception) when (allowMissing)
        {
            return null;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
            }

            return await output;
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;
