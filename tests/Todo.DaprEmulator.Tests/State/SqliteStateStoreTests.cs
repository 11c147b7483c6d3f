using System.Net;
using Microsoft.Data.Sqlite;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.State;

public sealed class SqliteStateStoreTests : StateConformanceTests
{
    protected override HttpStatusCode FirstWriteConflictStatus => HttpStatusCode.InternalServerError;

    protected override string ComponentYaml(string name, IReadOnlyDictionary<string, string>? extraMetadata = null, IEnumerable<string>? scopes = null)
    {
        var metadata = new Dictionary<string, string> { ["connectionString"] = $"data/{name}.db" };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            metadata[key] = value;
        }

        return Todo.Testing.ComponentYaml.Component(name, "state.sqlite", metadata, scopes);
    }

    [Fact]
    public async Task StateSurvivesAnEmulatorRestart()
    {
        using var files = new TempResources();
        var yaml = Todo.Testing.ComponentYaml.Component(Store, "state.sqlite", new Dictionary<string, string>
        {
            ["connectionString"] = $"Data Source={Path.Combine(files.Directory, "nested", "state.db")}",
            ["tableName"] = "todo_state",
        });
        string etag;
        await using (var first = await EmulatorFixture.StartAsync([("state.yaml", yaml)]))
        {
            using var client = first.Client();
            await client.SaveStateAsync(Store, "k", new TodoItem("persisted", 1));
            (_, etag) = await client.GetStateAndETagAsync<TodoItem>(Store, "k");
        }

        await using var second = await EmulatorFixture.StartAsync([("state.yaml", yaml)]);
        using var again = second.Client();

        var (value, etagAfterRestart) = await again.GetStateAndETagAsync<TodoItem>(Store, "k");
        Assert.Equal(new TodoItem("persisted", 1), value);
        Assert.Equal(etag, etagAfterRestart);
        Assert.True(Guid.TryParse(etag, out _), $"ETag '{etag}' should be a GUID");
    }

    [Fact]
    public async Task TheDatabaseFileIsInWalModeAndResolvedAgainstTheWorkingDirectory()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "k", 1);
        var file = Path.Combine(emulator.Resources.Directory, "data", $"{Store}.db");

        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; SELECT is_binary FROM state WHERE key = 'app-a||k';";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("wal", reader.GetString(0));
        Assert.True(await reader.NextResultAsync() && await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
    }

    [Fact]
    public async Task ASchemaQualifiedTableNameWorks()
    {
        await using var emulator = await StartAsync(new Dictionary<string, string> { ["tableName"] = "main.todo_state" });
        using var client = emulator.Client();

        await client.SaveStateAsync(Store, "k", 42, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "600" });

        Assert.Equal(42, await client.GetStateAsync<int>(Store, "k"));
    }

    [Fact]
    public async Task TheCleanupLoopDeletesExpiredRows()
    {
        await using var emulator = await StartAsync(new Dictionary<string, string> { ["cleanupInterval"] = "1s" });
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "k", 1, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" });
        var file = Path.Combine(emulator.Resources.Directory, "data", $"{Store}.db");

        async Task<long> RowsAsync()
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM state";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        Assert.Equal(1, await RowsAsync());
        await Poll.UntilAsync(async () => await RowsAsync() == 0, "the expired row is deleted from the table", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
    }
}
