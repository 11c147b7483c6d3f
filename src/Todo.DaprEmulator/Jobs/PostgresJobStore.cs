using Npgsql;

namespace Todo.DaprEmulator.Jobs;

/// <summary>Jobs in the database of the <c>state.postgresql</c> component, in a table of their own.</summary>
internal sealed class PostgresJobStore(string connectionString) : IJobStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(ToNpgsql(connectionString));

    public string Description => $"postgresql:{new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).Host}";

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

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS dapr_jobs (
                app_id text NOT NULL,
                name text NOT NULL,
                definition jsonb NOT NULL,
                next_due timestamptz NULL,
                created timestamptz NOT NULL,
                PRIMARY KEY (app_id, name)
            )
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredJob>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT app_id, name, definition::text, next_due, created FROM dapr_jobs");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<StoredJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new StoredJob(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero)));
        }

        return jobs;
    }

    public async Task SaveAsync(StoredJob job, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO dapr_jobs (app_id, name, definition, next_due, created) VALUES ($1, $2, $3::jsonb, $4, $5)
            ON CONFLICT (app_id, name) DO UPDATE SET definition = excluded.definition, next_due = excluded.next_due, created = excluded.created
            """);
        command.Parameters.AddWithValue(job.AppId);
        command.Parameters.AddWithValue(job.Name);
        command.Parameters.AddWithValue(job.Definition);
        command.Parameters.AddWithValue(job.NextDue is { } next ? next.UtcDateTime : DBNull.Value);
        command.Parameters.AddWithValue(job.Created.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(string appId, string name, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM dapr_jobs WHERE app_id = $1 AND name = $2");
        command.Parameters.AddWithValue(appId);
        command.Parameters.AddWithValue(name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
