using Npgsql;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.State;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// The connection strings daprd's state.postgresql takes (components-contrib v1.18.4
/// common/authentication/postgresql/metadata.go buildConnectionString, parsed by pgx's pgconn ParseConfig).
/// </summary>
public sealed class PostgresConnectionStringTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    [Fact]
    public void ALibpqKeywordValueStringIsReadWithDbnameAsTheDatabase()
    {
        var builder = PostgresConnectionString.Parse(
            "host=todo-pg-rw.todo.svc port=5433 user=todo password=s3cret dbname=todo sslmode=require connect_timeout=7 application_name=todo-backend", NoMetadata);

        Assert.Equal("todo-pg-rw.todo.svc", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("todo", builder.Username);
        Assert.Equal("s3cret", builder.Password);
        Assert.Equal("todo", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("todo-backend", builder.ApplicationName);
    }

    [Fact]
    public void AUrlIsReadWithEscapedCredentialsAndQuerySettings()
    {
        var builder = PostgresConnectionString.Parse("postgresql://todo:p%40ss%3Aword@db.example:6432/todo%2Dprod?sslmode=disable&search_path=app", NoMetadata);

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6432, builder.Port);
        Assert.Equal("todo", builder.Username);
        Assert.Equal("p@ss:word", builder.Password);
        Assert.Equal("todo-prod", builder.Database);
        Assert.Equal(SslMode.Disable, builder.SslMode);
        Assert.Equal("app", builder.SearchPath);
    }

    [Fact]
    public void MetadataFieldsOverrideTheStringAsContribDoes()
    {
        var metadata = new Dictionary<string, string> { ["host"] = "override-host", ["password"] = "from-metadata", ["database"] = "other" };

        var dsn = PostgresConnectionString.Parse("host=db user=todo password=old", metadata);
        var url = PostgresConnectionString.Parse("postgres://todo:old@db/todo", metadata);

        Assert.Equal(("override-host", "from-metadata", "other"), (dsn.Host, dsn.Password, dsn.Database));
        Assert.Equal(("override-host", "from-metadata", "other"), (url.Host, url.Password, url.Database));
    }

    [Fact]
    public void UnknownKeysBecomeRunTimeParametersAndPoolSettingsThePool()
    {
        var builder = PostgresConnectionString.Parse("host=db statement_timeout=5000 pool_max_conns=7 pool_max_conn_lifetime=1h", NoMetadata);

        Assert.Equal("-c statement_timeout=5000", builder.Options);
        Assert.Equal(7, builder.MaxPoolSize);
    }

    [Fact]
    public void QuotedValuesFollowPgxEscapesWithinASpaceFreePart()
    {
        var builder = PostgresConnectionString.Parse(@"host=db password='it\'s'", NoMetadata);

        Assert.Equal("it's", builder.Password);
    }

    [Theory]
    [InlineData("host=db password='open", "unterminated quoted string")]
    [InlineData("host=db sslmode=sometimes", "sslmode is invalid")]
    [InlineData("host=db target_session_attrs=prefer-primary", "unknown target_session_attrs value: prefer-primary")]
    [InlineData("host=db connect_timeout=-1", "")]
    [InlineData("just words", "failed to build connection string")]
    public void AStringPgxRefusesIsAFormatError(string connectionString, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PostgresConnectionString.Parse(connectionString, NoMetadata));

        Assert.Contains(reason, error.Message);
    }
}

/// <summary>The libpq and URL forms against a real server.</summary>
[Collection("postgres")]
public sealed class PostgresConnectionStringServerTests(PostgresCluster cluster)
{
    [Fact]
    public async Task TheStoreConnectsWithALibpqStringAndWithAUrl()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
        var libpq = $"host={npgsql.Host} port={npgsql.Port} user={npgsql.Username} dbname={npgsql.Database} sslmode=disable";
        var url = $"postgres://{npgsql.Username}@{npgsql.Host}:{npgsql.Port}/{npgsql.Database}?sslmode=disable";
        var table = PostgresCluster.NewTableName();
        var yaml = ComponentYaml.Join(
            ComponentYaml.Component("libpq", "state.postgresql", new Dictionary<string, string> { ["connectionString"] = libpq, ["tableName"] = table }),
            ComponentYaml.Component("url", "state.postgresql", new Dictionary<string, string> { ["connectionString"] = url, ["tableName"] = table }));
        await using var emulator = await EmulatorFixture.StartAsync([("state.yaml", yaml)]);
        using var client = emulator.Client();

        await client.SaveStateAsync("libpq", "k", "written through libpq");

        Assert.Equal("written through libpq", await client.GetStateAsync<string>("url", "k"));
    }
}
