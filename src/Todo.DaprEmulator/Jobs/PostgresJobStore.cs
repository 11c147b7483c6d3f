using System.Data.Common;
using Npgsql;

namespace Todo.DaprEmulator.Jobs;

/// <summary>Jobs in the database of the <c>state.postgresql</c> component, in a table of their own.</summary>
internal sealed class PostgresJobStore(string connectionString) : SqlJobStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(ToNpgsql(connectionString));

    public override string Description => $"postgresql:{new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).Host}";

    /// <summary>
    /// Dapr's Go driver takes libpq forms: <c>host=x user=y</c> (space-separated) or a <c>postgres://</c> URL. Npgsql
    /// wants <c>Host=x;Username=y</c>.
    /// </summary>
    public static string ToNpgsql(string connectionString)
    {
        var value = connectionString.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(value);
            var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
            if (uri.Port > 0)
            {
                builder.Port = uri.Port;
            }

            var userInfo = uri.UserInfo.Split(':', 2);
            if (userInfo[0].Length > 0)
            {
                builder.Username = Uri.UnescapeDataString(userInfo[0]);
            }

            if (userInfo.Length > 1)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[1]);
            }

            var database = uri.AbsolutePath.Trim('/');
            if (database.Length > 0)
            {
                builder.Database = Uri.UnescapeDataString(database);
            }

            return builder.ConnectionString;
        }

        if (value.Contains(';'))
        {
            return value;
        }

        var npgsql = new NpgsqlConnectionStringBuilder();
        foreach (var pair in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2)
            {
                continue;
            }

            var key = parts[0].ToLowerInvariant() switch
            {
                "user" => "Username",
                "dbname" => "Database",
                "sslmode" => "SSL Mode",
                "connect_timeout" => "Timeout",
                "pool_max_conns" => "Maximum Pool Size",
                var other => other,
            };
            try
            {
                npgsql[key] = parts[1];
            }
            catch (ArgumentException)
            {
                // A libpq option Npgsql does not know (e.g. pool settings of pgx) does not matter to the job table.
            }
        }

        return npgsql.ConnectionString;
    }

    protected override (string Text, string Json, string Time) ColumnTypes => ("text", "jsonb", "timestamptz");

    protected override string DefinitionValue(string parameter) => parameter + "::jsonb";

    protected override string DefinitionText => "definition::text";

    protected override object ToDbTime(DateTimeOffset value) => value.UtcDateTime;

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(reader.GetDateTime(ordinal), TimeSpan.Zero);

    /// <summary>A pooled connection per command.</summary>
    protected override async Task<T> WithCommandAsync<T>(Func<DbCommand, Task<T>> use, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand();
        return await use(command);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
