using System.Net;
using System.Text.Json;
using Dapr;
using Grpc.Core;
using Npgsql;

namespace Todo.DaprEmulator.Tests.State;

[Collection("postgres")]
public sealed class PostgresStateStoreTests(PostgresCluster cluster) : StateConformanceTests
{
    private readonly string _table = PostgresCluster.NewTableName();

    protected override HttpStatusCode FirstWriteConflictStatus => HttpStatusCode.InternalServerError;

    protected override string ComponentYaml(string name, IReadOnlyDictionary<string, string>? extraMetadata = null, IEnumerable<string>? scopes = null)
    {
        var metadata = new Dictionary<string, string>
        {
            ["connectionString"] = cluster.ConnectionString,
            ["tableName"] = $"{_table}_{name.Replace('-', '_')}",
            ["timeout"] = "30s",
        };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            metadata[key] = value;
        }

        return Todo.Testing.ComponentYaml.Component(name, "state.postgresql", metadata, scopes);
    }

    private string Table => $"{_table}_{Store}";

    [Fact]
    public async Task RowsUseTheContribV1LayoutWithBase64ForBytesAndJsonbForJson()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        using var http = emulator.Http();

        await client.SaveStateAsync(Store, "from-sdk", new TodoItem("sdk", 1));
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"from-http","value":{"title":"http","priority":2}}]"""));

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", connection))
        {
            command.Parameters.AddWithValue("t", Table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
        [
            "key text NO", "value jsonb NO", "isbinary boolean NO", "insertdate timestamp with time zone NO",
            "updatedate timestamp with time zone YES", "expiredate timestamp with time zone YES",
        ], columns);

        await using (var command = new NpgsqlCommand($"SELECT key, value::text, jsonb_typeof(value), isbinary, xmin::text FROM {Table} ORDER BY key", connection))
        {
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("app-a||from-http", reader.GetString(0));
            Assert.Equal("object", reader.GetString(2));
            Assert.Equal("http", JsonDocument.Parse(reader.GetString(1)).RootElement.GetProperty("title").GetString());
            Assert.False(reader.GetBoolean(3));
            Assert.Equal(await ETagAsync(http, "from-http"), reader.GetString(4));

            Assert.True(await reader.ReadAsync());
            Assert.Equal("app-a||from-sdk", reader.GetString(0));
            Assert.Equal("string", reader.GetString(2));
            var base64 = JsonSerializer.Deserialize<string>(reader.GetString(1))!;
            Assert.Equal("""{"title":"sdk","priority":1}""", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            Assert.True(reader.GetBoolean(3));
        }

        await using (var command = new NpgsqlCommand("SELECT value FROM dapr_metadata WHERE key = 'migrations'", connection))
        {
            Assert.Equal("2", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task RowsWrittenDirectlyInTheV1LayoutAreReadBack()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {Table} (key, value, isbinary) VALUES ('app-a||bin', to_jsonb('{Convert.ToBase64String([1, 2, 3])}'::text), true), " +
                """('app-a||doc', '{"title":"pg","priority":9}', false)""",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, (await client.GetByteStateAsync(Store, "bin")).ToArray());
        Assert.Equal(new TodoItem("pg", 9), await client.GetStateAsync<TodoItem>(Store, "doc"));
    }

    [Fact]
    public async Task AGrpcWriteWithJsonContentTypeIsStoredAsJsonb()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        await client.SaveStateAsync(Store, "k", new TodoItem("json", 3), metadata: new Dictionary<string, string> { ["contentType"] = "application/json" });

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT isbinary, value->>'title' FROM {Table} WHERE key = 'app-a||k'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0));
        Assert.Equal("json", reader.GetString(1));
        await reader.DisposeAsync();
        Assert.Equal(new TodoItem("json", 3), await client.GetStateAsync<TodoItem>(Store, "k"));
    }

    [Fact]
    public async Task ANonNumericETagIs400OverHttpAndInvalidArgumentOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        using var http = emulator.Http();
        await client.SaveStateAsync(Store, "k", 1);

        var save = await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":2,"etag":"not-a-number"}]"""));
        var delete = await http.SendAsync(Delete("k", "abc"));
        var error = await Assert.ThrowsAsync<DaprException>(() => client.TrySaveStateAsync(Store, "k", 3, "abc"));

        await AssertErrorAsync(save, HttpStatusCode.BadRequest, "ERR_STATE_SAVE");
        await AssertErrorAsync(delete, HttpStatusCode.BadRequest, "ERR_STATE_DELETE");
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal(1, await client.GetStateAsync<int>(Store, "k"));
    }

    [Fact]
    public async Task TheETagIsTheRowsXmin()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "k", 1);
        var (_, etag) = await client.GetStateAndETagAsync<int>(Store, "k");

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT xmin::text FROM {Table} WHERE key = 'app-a||k'", connection);
        Assert.Equal(etag, await command.ExecuteScalarAsync());
        Assert.True(uint.TryParse(etag, out _));
    }
}
