using System.Data.Common;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The <c>dapr_jobs</c> table over ADO.NET: the same rows, statements and upsert on both databases. Subclasses give
/// the dialect (column types, how the JSON definition and the times are stored) and how a command gets a connection.
/// </summary>
internal abstract class SqlJobStore : IJobStore
{
    public abstract string Description { get; }

    /// <summary>The column types: definition (JSON), next_due and created (times).</summary>
    protected abstract (string Text, string Json, string Time) ColumnTypes { get; }

    /// <summary>How the definition parameter is written into its column (PostgreSQL casts it to jsonb).</summary>
    protected virtual string DefinitionValue(string parameter) => parameter;

    /// <summary>How the definition column is read back as text.</summary>
    protected virtual string DefinitionText => "definition";

    protected abstract object ToDbTime(DateTimeOffset value);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Runs <paramref name="use"/> with a command on an open connection.</summary>
    protected abstract Task<T> WithCommandAsync<T>(Func<DbCommand, Task<T>> use, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public virtual Task InitializeAsync(CancellationToken cancellationToken)
    {
        var (text, json, time) = ColumnTypes;
        return ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS dapr_jobs (
                app_id {text} NOT NULL,
                name {text} NOT NULL,
                definition {json} NOT NULL,
                next_due {time} NULL,
                created {time} NOT NULL,
                PRIMARY KEY (app_id, name)
            )
            """, [], cancellationToken);
    }

    public Task<IReadOnlyList<StoredJob>> LoadAllAsync(CancellationToken cancellationToken) =>
        WithCommandAsync<IReadOnlyList<StoredJob>>(async command =>
        {
            command.CommandText = $"SELECT app_id, name, {DefinitionText}, next_due, created FROM dapr_jobs";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var jobs = new List<StoredJob>();
            while (await reader.ReadAsync(cancellationToken))
            {
                jobs.Add(new StoredJob(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : ReadTime(reader, 3),
                    ReadTime(reader, 4)));
            }

            return jobs;
        }, cancellationToken);

    public Task SaveAsync(StoredJob job, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO dapr_jobs (app_id, name, definition, next_due, created) VALUES (@app, @name, {DefinitionValue("@definition")}, @next, @created)
            ON CONFLICT (app_id, name) DO UPDATE SET definition = excluded.definition, next_due = excluded.next_due, created = excluded.created
            """,
            [
                ("@app", job.AppId),
                ("@name", job.Name),
                ("@definition", job.Definition),
                ("@next", job.NextDue is { } next ? ToDbTime(next) : DBNull.Value),
                ("@created", ToDbTime(job.Created)),
            ],
            cancellationToken);

    public Task DeleteAsync(string appId, string name, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM dapr_jobs WHERE app_id = @app AND name = @name", [("@app", appId), ("@name", name)], cancellationToken);

    protected Task ExecuteAsync(string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken) =>
        WithCommandAsync(async command =>
        {
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
