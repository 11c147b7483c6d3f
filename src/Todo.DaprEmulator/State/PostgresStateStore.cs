using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Todo.DaprEmulator.Components;

namespace Todo.DaprEmulator.State;

/// <summary>
/// <c>state.postgresql</c> v1, storing rows exactly as components-contrib's v1 store does, so a real daprd reads what
/// the emulator wrote (and the other way round):
/// <code>
/// CREATE TABLE state (                             -- metadata 'tableName', may be schema.table
///   key        text NOT NULL PRIMARY KEY,          -- the prefixed key, e.g. 'todo-api||task-1'
///   value      jsonb NOT NULL,                     -- JSON value, or a JSON string of base64 when isbinary
///   isbinary   boolean NOT NULL,                   -- true for opaque bytes (every gRPC write without contentType=application/json)
///   insertdate timestamptz NOT NULL DEFAULT now(),
///   updatedate timestamptz NULL,
///   expiredate timestamptz NULL);                  -- TTL; expired rows are invisible and deleted by the cleanup loop
/// CREATE TABLE dapr_metadata (key text NOT NULL PRIMARY KEY, value text NOT NULL);  -- metadata 'metadataTableName'
/// </code>
/// The ETag is the row's <c>xmin</c> system column as a decimal string; a non-numeric ETag is an invalid-ETag error.
/// contrib records its schema level as <c>dapr_metadata['migrations']</c>; the emulator writes level 2 (table plus
/// expiredate), so a newer daprd only adds what it added later (the v1.17 <c>row_id</c> column).
/// </summary>
internal sealed class PostgresStateStore : SqlStateStore
{
    private const string NotExpired = "(expiredate IS NULL OR expiredate >= CURRENT_TIMESTAMP)";
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _metadataTable;

    private PostgresStateStore(NpgsqlDataSource dataSource, string table, string metadataTable, StateKeyPrefix keyPrefix, ILogger logger)
        : base(table, keyPrefix, logger)
    {
        _dataSource = dataSource;
        _metadataTable = metadataTable;
    }

    public static async ValueTask<object> CreateAsync(ComponentInitContext context, CancellationToken cancellationToken)
    {
        var table = StateComponentMetadata.TableName(context, "tableName", "state");
        var metadataTable = StateComponentMetadata.TableName(context, "metadataTableName", "dapr_metadata");
        var timeout = StateComponentMetadata.Duration(context, "timeout") ?? TimeSpan.FromSeconds(20);
        var cleanupInterval = StateComponentMetadata.Duration(context, "cleanupInterval")
            ?? StateComponentMetadata.Duration(context, "cleanupIntervalInSeconds")
            ?? TimeSpan.FromHours(1);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = PostgresConnectionString.Parse(context.GetRequired("connectionString"), context.Metadata);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            throw ComponentLoadException.For(context.Definition, $"metadata 'connectionString' is not valid: {ex.Message}");
        }

        builder.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        builder.Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var store = new PostgresStateStore(NpgsqlDataSource.Create(builder.ConnectionString), table, metadataTable,
            StateComponentMetadata.KeyPrefix(context), context.LoggerFactory.CreateLogger<PostgresStateStore>());
        try
        {
            await store.MigrateAsync(cancellationToken);
        }
        catch
        {
            await store._dataSource.DisposeAsync();
            throw;
        }

        store.StartCleanup(cleanupInterval, context.TimeProvider);
        store.Logger.LogDebug("PostgreSQL state store {Name}: table {Table}, metadata table {MetadataTable}", context.Definition.Name, table, metadataTable);
        return store;
    }

    public override async Task<IReadOnlyList<StateEntry>> BulkGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT key, value::text, isbinary, xmin::text, expiredate FROM {Table} WHERE key = ANY(@keys) AND {NotExpired}");
        command.Parameters.AddWithValue("keys", keys.Distinct(StringComparer.Ordinal).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<StateEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetString(1);
            var data = reader.GetBoolean(2)
                ? Convert.FromBase64String(JsonSerializer.Deserialize<string>(value) ?? "")
                : Encoding.UTF8.GetBytes(value);
            DateTimeOffset? expires = reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(4).ToUniversalTime(), TimeSpan.Zero);
            result.Add(new StateEntry(reader.GetString(0), data, reader.GetString(3), expires));
        }

        return result;
    }

    /// <summary>contrib runs a single write as one statement on a pooled connection, without a transaction.</summary>
    protected override async Task ExecuteOneAsync(StateOperation operation, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        Check(operation, await ExecuteAsync(connection, null, operation, cancellationToken));
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override ValueTask DisposeConnectionsAsync() => _dataSource.DisposeAsync();

    protected override async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, StateOperation operation, CancellationToken cancellationToken)
    {
        uint? xmin = operation.ETag is null ? null : ParseETag(operation.ETag);
        await using var command = new NpgsqlCommand { Connection = (NpgsqlConnection)connection, Transaction = (NpgsqlTransaction?)transaction };
        command.Parameters.AddWithValue("key", operation.Key);
        if (xmin is { } etag)
        {
            command.Parameters.Add(new NpgsqlParameter("etag", NpgsqlDbType.Xid) { Value = etag });
        }

        if (operation is StateUpsert upsert)
        {
            // Same statements as components-contrib v1: an upsert without ETag (first-write only replaces an expired
            // row), an UPDATE guarded by xmin with one.
            var expiredate = upsert.TtlSeconds is { } ttl
                ? $"CURRENT_TIMESTAMP + interval '{ttl.ToString(CultureInfo.InvariantCulture)} seconds'"
                : "NULL";
            command.CommandText = xmin is null
                ? $"""
                   INSERT INTO {Table} AS t (key, value, isbinary, expiredate) VALUES (@key, @value, @isbinary, {expiredate})
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value, isbinary = excluded.isbinary,
                     updatedate = CURRENT_TIMESTAMP, expiredate = {expiredate}
                   {(upsert.Concurrency == StateConcurrency.FirstWrite ? "WHERE (t.expiredate IS NOT NULL AND t.expiredate < CURRENT_TIMESTAMP)" : "")}
                   """
                : $"""
                   UPDATE {Table} SET value = @value, isbinary = @isbinary, updatedate = CURRENT_TIMESTAMP, expiredate = {expiredate}
                   WHERE key = @key AND xmin = @etag AND (expiredate IS NULL OR expiredate > CURRENT_TIMESTAMP)
                   """;
            var json = upsert.IsJson ? Encoding.UTF8.GetString(upsert.Value) : JsonSerializer.Serialize(Convert.ToBase64String(upsert.Value));
            command.Parameters.Add(new NpgsqlParameter("value", NpgsqlDbType.Jsonb) { Value = json });
            command.Parameters.AddWithValue("isbinary", !upsert.IsJson);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        command.CommandText = xmin is null
            ? $"DELETE FROM {Table} WHERE key = @key"
            : $"DELETE FROM {Table} WHERE key = @key AND xmin = @etag";
        var affected = await command.ExecuteNonQueryAsync(cancellationToken);
        // Deleting a missing key without an ETag is not an error.
        return xmin is null ? 1 : affected;
    }

    private static uint ParseETag(string etag) =>
        uint.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var xmin) ? xmin : throw StateETagException.Invalid(etag);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Several sidecars (or test runs) may create tables in one database at once; an advisory lock serialises it.
        await using (var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('dapr-state-migrations:{_metadataTable}'));
            CREATE TABLE IF NOT EXISTS {_metadataTable} (key text NOT NULL PRIMARY KEY, value text NOT NULL);
            CREATE TABLE IF NOT EXISTS {Table} (
              key text NOT NULL PRIMARY KEY,
              value jsonb NOT NULL,
              isbinary boolean NOT NULL,
              insertdate TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
              updatedate TIMESTAMP WITH TIME ZONE NULL);
            ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS expiredate TIMESTAMP WITH TIME ZONE;
            INSERT INTO {_metadataTable} AS m (key, value) VALUES ('migrations', '2')
            ON CONFLICT (key) DO UPDATE SET value = '2' WHERE m.value ~ '^[0-9]+$' AND m.value::int < 2;
            """, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    protected override async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"DELETE FROM {Table} WHERE expiredate IS NOT NULL AND expiredate < CURRENT_TIMESTAMP");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
