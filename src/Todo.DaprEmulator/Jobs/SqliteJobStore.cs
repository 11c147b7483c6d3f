using Microsoft.Data.Sqlite;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// Jobs in the same SQLite file as the <c>state.sqlite</c> component, in a table of their own, over a connection of
/// their own. The state store uses WAL and a busy timeout on that file, so this connection does too.
/// </summary>
internal sealed class SqliteJobStore(string path) : IJobStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public string Description => $"sqlite:{path}";

    /// <summary>
    /// The file named by a <c>connectionString</c>: a bare path, <c>file:path?options</c> (the Go driver's URI form), or an
    /// ADO.NET <c>Data Source=path</c>; a relative path resolves against the emulator's working directory.
    /// Null for an in-memory database, which cannot outlive the emulator anyway.
    /// </summary>
    public static string? ResolvePath(string connectionString, string workingDirectory)
    {
        var value = connectionString.Trim();
        string path;
        if (value.Contains('=') && !value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = new SqliteConnectionStringBuilder(value).DataSource;
        }
        else
        {
            path = value.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? value[5..] : value;
            var query = path.IndexOf('?');
            if (query >= 0)
            {
                path = path[..query];
            }
        }

        if (path.Length == 0 || path == ":memory:" || value.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetFullPath(path, workingDirectory);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await _connection.OpenAsync(cancellationToken);
        await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;", cancellationToken);
        await ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS dapr_jobs (
                app_id TEXT NOT NULL,
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                next_due TEXT NULL,
                created TEXT NOT NULL,
                PRIMARY KEY (app_id, name)
            )
            """, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredJob>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = "SELECT app_id, name, definition, next_due, created FROM dapr_jobs";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var jobs = new List<StoredJob>();
            while (await reader.ReadAsync(cancellationToken))
            {
                jobs.Add(new StoredJob(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture)));
            }

            return jobs;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(StoredJob job, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = """
                INSERT INTO dapr_jobs (app_id, name, definition, next_due, created) VALUES ($app, $name, $definition, $next, $created)
                ON CONFLICT (app_id, name) DO UPDATE SET definition = excluded.definition, next_due = excluded.next_due, created = excluded.created
                """;
            command.Parameters.AddWithValue("$app", job.AppId);
            command.Parameters.AddWithValue("$name", job.Name);
            command.Parameters.AddWithValue("$definition", job.Definition);
            command.Parameters.AddWithValue("$next", job.NextDue is { } next ? next.ToString("O") : DBNull.Value);
            command.Parameters.AddWithValue("$created", job.Created.ToString("O"));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(string appId, string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = "DELETE FROM dapr_jobs WHERE app_id = $app AND name = $name";
            command.Parameters.AddWithValue("$app", appId);
            command.Parameters.AddWithValue("$name", name);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("the job store is not initialised");

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
