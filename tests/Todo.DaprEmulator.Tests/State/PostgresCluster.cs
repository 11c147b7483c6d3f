using Npgsql;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// A throwaway PostgreSQL cluster (<see cref="PostgresServer"/>), shared by the tests of the "postgres" collection.
/// Each test works in its own table. Missing server binaries are an error, never a silent skip.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private PostgresServer? _server;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        ConnectionString = $"Host=127.0.0.1;Port={_server.Port};Username=postgres;Database=postgres;Pooling=false";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>A fresh table name, so tests sharing the cluster never see each other's rows.</summary>
    public static string NewTableName() => "state_" + Guid.NewGuid().ToString("N")[..16];

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>;
