using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.State;

/// <summary>
/// <c>state.sqlite</c>: a SQLite file that survives restarts. The table follows components-contrib's sqlite store:
/// <code>
/// CREATE TABLE state (
///   key             TEXT NOT NULL PRIMARY KEY,
///   value           TEXT NOT NULL,          -- JSON text, or base64 of the bytes when is_binary
///   is_binary       BOOLEAN NOT NULL,
///   etag            TEXT NOT NULL,          -- a new GUID per write
///   expiration_time TIMESTAMP DEFAULT NULL, -- UTC 'YYYY-MM-DD HH:MM:SS.SSS'; expired rows are invisible
///   update_time     TIMESTAMP DEFAULT NULL)
/// </code>
/// The database runs in WAL mode with a busy timeout, because the job scheduler opens the same file with its own
/// connection. Expired rows are deleted every <c>cleanupInterval</c> (default 1h, 0 disables).
/// </summary>
internal sealed class SqliteStateStore : SqlStateStore
{
    // CURRENT_TIMESTAMP has whole seconds only; millisecond timestamps keep short TTLs honest.
    private const string Now = "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    private const string NotExpired = "(expiration_time IS NULL OR expiration_time > " + Now + ")";

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    private SqliteStateStore(string connectionString, string table, TimeSpan timeout, TimeSpan cleanupInterval,
        StateKeyPrefix keyPrefix, TimeProvider time, ILogger logger)
        : base(table, keyPrefix, logger)
    {
        _connectionString = connectionString;
        _busyTimeoutMs = (int)timeout.TotalMilliseconds;
        StartCleanup(cleanupInterval, time);
    }

    public static async ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken)
    {
        var builder = ConnectionString(context);
        var directory = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var table = StateComponentMetadata.TableName(context, "tableName", "state");
        var timeout = StateComponentMetadata.Duration(context, "timeout") ?? TimeSpan.FromSeconds(20);
        builder.DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        var store = new SqliteStateStore(builder.ToString(), table, timeout,
            StateComponentMetadata.Duration(context, "cleanupInterval") ?? TimeSpan.FromHours(1),
            StateComponentMetadata.KeyPrefix(context), context.TimeProvider,
            context.LoggerFactory.CreateLogger<SqliteStateStore>());
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            // WAL is a property of the file: set once, every later connection (ours or the scheduler's) uses it.
            await Execute(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            await Execute(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {table} (
                  key TEXT NOT NULL PRIMARY KEY,
                  value TEXT NOT NULL,
                  is_binary BOOLEAN NOT NULL,
                  etag TEXT NOT NULL,
                  expiration_time TIMESTAMP DEFAULT NULL,
                  update_time TIMESTAMP DEFAULT NULL);
                CREATE INDEX IF NOT EXISTS {ExpirationIndex(table)} (expiration_time);
                """, cancellationToken);
        }

        store.Logger.LogDebug("SQLite state store {Name}: file {File}, table {Table}", context.Definition.Name, builder.DataSource, table);
        return store;
    }

    public override async Task<IReadOnlyList<StateEntry>> BulkGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var result = new List<StateEntry>();
        // A few IN (...) queries instead of one query per key: a bulk read of a thousand keys is a handful of round
        // trips into SQLite. 500 stays far below SQLite's limit on bound parameters.
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = new string[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                names[i] = "$k" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(names[i], batch[i]);
            }

            command.CommandText = $"SELECT key, value, is_binary, etag, expiration_time FROM {Table} WHERE key IN ({string.Join(',', names)}) AND {NotExpired}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var data = ReadValue(reader.GetFieldValue<byte[]>(1), reader.GetBoolean(2));
                DateTimeOffset? expires = reader.IsDBNull(4)
                    ? null
                    : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                result.Add(new StateEntry(reader.GetString(0), data, reader.GetString(3), expires));
            }
        }

        return result;
    }

    // Values are read as their UTF-8 bytes: JSON goes out as is, and base64 (binary values) is decoded in place,
    // which spares two string copies per row on a bulk read of a thousand rows.
    private static byte[] ReadValue(byte[] utf8, bool isBinary)
    {
        if (!isBinary)
        {
            return utf8;
        }

        var status = System.Buffers.Text.Base64.DecodeFromUtf8InPlace(utf8, out var written);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new FormatException("a binary state value is not valid base64");
        }

        return utf8.AsSpan(0, written).ToArray();
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    // DbConnection.BeginTransactionAsync is Microsoft.Data.Sqlite's BEGIN IMMEDIATE: the write lock is taken up
    // front, so two writers never deadlock upgrading a read lock.
    protected override Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, StateOperation operation, CancellationToken cancellationToken) =>
        operation switch
        {
            StateUpsert upsert => UpsertAsync((SqliteConnection)connection, (SqliteTransaction?)transaction, upsert, cancellationToken),
            _ => DeleteAsync((SqliteConnection)connection, (SqliteTransaction?)transaction, operation, cancellationToken),
        };

    protected override ValueTask DisposeConnectionsAsync()
    {
        // Release this file's pooled handles so it can be deleted or reopened by the next emulator run.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private async Task<int> UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, StateUpsert upsert, CancellationToken cancellationToken)
    {
        var expiration = upsert.TtlSeconds is { } ttl
            ? $"strftime('%Y-%m-%d %H:%M:%f', 'now', '+{ttl.ToString(CultureInfo.InvariantCulture)} seconds')"
            : "NULL";
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = upsert.ETag is not null
            ? $"""
               UPDATE {Table} SET value = $value, is_binary = $binary, etag = $newEtag, expiration_time = {expiration}, update_time = {Now}
               WHERE key = $key AND etag = $etag AND {NotExpired}
               """
            : $"""
               INSERT INTO {Table} AS t (key, value, is_binary, etag, expiration_time) VALUES ($key, $value, $binary, $newEtag, {expiration})
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, is_binary = excluded.is_binary, etag = excluded.etag,
                 expiration_time = excluded.expiration_time, update_time = {Now}
               {(upsert.Concurrency == StateConcurrency.FirstWrite ? $"WHERE t.expiration_time IS NOT NULL AND t.expiration_time <= {Now}" : "")}
               """;
        command.Parameters.AddWithValue("$key", upsert.Key);
        command.Parameters.AddWithValue("$value", upsert.IsJson ? System.Text.Encoding.UTF8.GetString(upsert.Value) : Convert.ToBase64String(upsert.Value));
        command.Parameters.AddWithValue("$binary", !upsert.IsJson);
        command.Parameters.AddWithValue("$newEtag", Guid.NewGuid().ToString());
        if (upsert.ETag is not null)
        {
            command.Parameters.AddWithValue("$etag", upsert.ETag);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> DeleteAsync(SqliteConnection connection, SqliteTransaction? transaction, StateOperation delete, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = delete.ETag is null
            ? $"DELETE FROM {Table} WHERE key = $key"
            : $"DELETE FROM {Table} WHERE key = $key AND etag = $etag AND {NotExpired}";
        command.Parameters.AddWithValue("$key", delete.Key);
        if (delete.ETag is not null)
        {
            command.Parameters.AddWithValue("$etag", delete.ETag);
        }

        var affected = await command.ExecuteNonQueryAsync(cancellationToken);
        // Deleting a missing key without an ETag is not an error.
        return delete.ETag is null ? 1 : affected;
    }

    // SQLite puts the schema on the index name, not on the indexed table: "CREATE INDEX s.i ON t".
    private static string ExpirationIndex(string table) =>
        table.Split('.') is [var schema, var name] ? $"{schema}.{name}_expiration_time ON {name}" : $"{table}_expiration_time ON {table}";

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, null, $"PRAGMA busy_timeout = {_busyTimeoutMs.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
        return connection;
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {Table} WHERE expiration_time IS NOT NULL AND expiration_time <= {Now}";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <c>connectionString</c> is a file path (relative to the working directory), a <c>file:</c> URI as
    /// components-contrib documents it, or a full <c>Data Source=...</c> string.
    /// </summary>
    private static SqliteConnectionStringBuilder ConnectionString(ComponentInitContext context)
    {
        var raw = context.GetRequired("connectionString");
        SqliteConnectionStringBuilder builder;
        if (raw.Contains('=', StringComparison.Ordinal) && !raw.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                builder = new SqliteConnectionStringBuilder(raw);
            }
            catch (ArgumentException ex)
            {
                throw ComponentLoadException.For(context.Definition, $"metadata 'connectionString' is not valid: {ex.Message}");
            }
        }
        else
        {
            var path = raw.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? raw["file:".Length..].Split('?')[0] : raw;
            builder = new SqliteConnectionStringBuilder { DataSource = path };
        }

        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw ComponentLoadException.For(context.Definition, "metadata 'connectionString' must name a database file (in-memory SQLite is not shared between connections)");
        }

        builder.DataSource = context.ResolvePath(builder.DataSource);
        builder.Pooling = true;
        return builder;
    }
}
