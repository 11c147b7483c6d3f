using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// Jobs in the same SQLite file as the <c>state.sqlite</c> component, in a table of their own, over a connection of
/// their own. The state store uses WAL and a busy timeout on that file, so this connection does too.
/// </summary>
internal sealed class SqliteJobStore(string path) : SqlJobStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public override string Description => $"sqlite:{path}";

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

    public override async Task InitializeAsync(CancellationToken cancellationToken)
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
        await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;", [], cancellationToken);
        await base.InitializeAsync(cancellationToken);
    }

    protected override (string Text, string Json, string Time) ColumnTypes => ("TEXT", "TEXT", "TEXT");

    protected override object ToDbTime(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    /// <summary>The one connection, one command at a time.</summary>
    protected override async Task<T> WithCommandAsync<T>(Func<DbCommand, Task<T>> use, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Connection.CreateCommand();
            return await use(command);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("the job store is not initialised");
}
