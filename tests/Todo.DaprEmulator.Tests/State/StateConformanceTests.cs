using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.State;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// The behaviour every state store of the emulator must share, driven through the official DaprClient (gRPC) and the
/// raw HTTP API. Each store kind derives one class; store-specific differences are the virtual members.
/// </summary>
public abstract class StateConformanceTests
{
    protected const string Store = "statestore";

    private static readonly SidecarOptions[] TwoApps = [new() { AppId = "app-a" }, new() { AppId = "app-b" }];

    /// <summary>The component YAML of a store of this kind; <paramref name="extraMetadata"/> adds metadata entries.</summary>
    protected abstract string ComponentYaml(string name, IReadOnlyDictionary<string, string>? extraMetadata = null, IEnumerable<string>? scopes = null);

    /// <summary>
    /// first-write without ETag on an existing key: the in-memory store reports an ETag mismatch (409), the SQL stores a
    /// generic "no item was updated" failure (500), as in components-contrib.
    /// </summary>
    protected abstract HttpStatusCode FirstWriteConflictStatus { get; }

    /// <summary>An ETag this store can parse but has never issued.</summary>
    protected virtual string UnknownETag => "4000000000";

    protected Task<EmulatorFixture> StartAsync(IReadOnlyDictionary<string, string>? extraMetadata = null, IEnumerable<SidecarOptions>? apps = null) =>
        EmulatorFixture.StartAsync([("state.yaml", ComponentYaml(Store, extraMetadata))], apps);

    // ---- official SDK (gRPC) ----

    [Fact]
    public async Task AnObjectSavedWithTheSdkReadsBackEqual()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        await client.SaveStateAsync(Store, "todo-1", new TodoItem("Buy milk", 2));

        Assert.Equal(new TodoItem("Buy milk", 2), await client.GetStateAsync<TodoItem>(Store, "todo-1"));
    }

    [Fact]
    public async Task AMissingKeyReadsAsDefaultWithAnEmptyETag()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var (value, etag) = await client.GetStateAndETagAsync<TodoItem>(Store, "missing");

        Assert.Null(value);
        Assert.Equal("", etag);
        Assert.Null(await client.GetStateAsync<TodoItem>(Store, "missing"));
    }

    [Fact]
    public async Task TrySaveSucceedsWithTheCurrentETagAndReturnsFalseWithAStaleOne()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "k", new TodoItem("v1", 1));
        var (_, etag1) = await client.GetStateAndETagAsync<TodoItem>(Store, "k");

        Assert.True(await client.TrySaveStateAsync(Store, "k", new TodoItem("v2", 2), etag1));
        var (current, etag2) = await client.GetStateAndETagAsync<TodoItem>(Store, "k");
        Assert.False(await client.TrySaveStateAsync(Store, "k", new TodoItem("v3", 3), etag1));

        Assert.NotEqual(etag1, etag2);
        Assert.Equal(new TodoItem("v2", 2), current);
        Assert.Equal(new TodoItem("v2", 2), await client.GetStateAsync<TodoItem>(Store, "k"));
    }

    [Fact]
    public async Task TryDeleteReturnsFalseWithAStaleETagAndDeletesWithTheCurrentOne()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "k", new TodoItem("v1", 1));
        var (_, stale) = await client.GetStateAndETagAsync<TodoItem>(Store, "k");
        await client.SaveStateAsync(Store, "k", new TodoItem("v2", 2));
        var (_, current) = await client.GetStateAndETagAsync<TodoItem>(Store, "k");

        Assert.False(await client.TryDeleteStateAsync(Store, "k", stale));
        Assert.NotNull(await client.GetStateAsync<TodoItem>(Store, "k"));
        Assert.True(await client.TryDeleteStateAsync(Store, "k", current));
        Assert.Null(await client.GetStateAsync<TodoItem>(Store, "k"));
    }

    [Fact]
    public async Task AnETagForAMissingKeyIsAMismatchForTheSdk()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        Assert.False(await client.TrySaveStateAsync(Store, "never-written", new TodoItem("x", 1), UnknownETag));
        Assert.False(await client.TryDeleteStateAsync(Store, "never-written", UnknownETag));
        Assert.Null(await client.GetStateAsync<TodoItem>(Store, "never-written"));
    }

    [Fact]
    public async Task BulkGetReturnsValuesAndETagsForFoundKeysAndEmptyItemsForMissingOnes()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "a", new TodoItem("A", 1));
        await client.SaveStateAsync(Store, "b", new TodoItem("B", 2));

        var items = await client.GetBulkStateAsync(Store, ["a", "missing", "b"], parallelism: null);

        Assert.Equal(["a", "missing", "b"], items.Select(i => i.Key));
        Assert.Equal(new TodoItem("A", 1), JsonSerializer.Deserialize<TodoItem>(items[0].Value, JsonSerializerOptions.Web));
        Assert.False(string.IsNullOrEmpty(items[0].ETag));
        Assert.Equal("", items[1].Value);
        Assert.Equal("", items[1].ETag);
        Assert.Equal(new TodoItem("B", 2), JsonSerializer.Deserialize<TodoItem>(items[2].Value, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task ATransactionAppliesItsUpsertsAndDeletes()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "old", new TodoItem("old", 0));

        await client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest("new-1", JsonSerializer.SerializeToUtf8Bytes(new TodoItem("n1", 1), JsonSerializerOptions.Web), StateOperationType.Upsert),
            new StateTransactionRequest("new-2", JsonSerializer.SerializeToUtf8Bytes(new TodoItem("n2", 2), JsonSerializerOptions.Web), StateOperationType.Upsert),
            new StateTransactionRequest("old", null, StateOperationType.Delete),
        ]);

        Assert.Equal(new TodoItem("n1", 1), await client.GetStateAsync<TodoItem>(Store, "new-1"));
        Assert.Equal(new TodoItem("n2", 2), await client.GetStateAsync<TodoItem>(Store, "new-2"));
        Assert.Null(await client.GetStateAsync<TodoItem>(Store, "old"));
    }

    [Fact]
    public async Task AFailedTransactionIsInternalForTheSdkAndAppliesNothing()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "guarded", new TodoItem("g", 1));
        var (_, stale) = await client.GetStateAndETagAsync<TodoItem>(Store, "guarded");
        await client.SaveStateAsync(Store, "guarded", new TodoItem("g", 2));

        var error = await Assert.ThrowsAsync<DaprException>(() => client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest("first", JsonSerializer.SerializeToUtf8Bytes(new TodoItem("f", 1)), StateOperationType.Upsert),
            new StateTransactionRequest("guarded", JsonSerializer.SerializeToUtf8Bytes(new TodoItem("g", 3)), StateOperationType.Upsert, stale),
        ]));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Null(await client.GetStateAsync<TodoItem>(Store, "first"));
        Assert.Equal(new TodoItem("g", 2), await client.GetStateAsync<TodoItem>(Store, "guarded"));
    }

    [Fact]
    public async Task DeleteBulkStateRemovesEveryListedKey()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "a", 1);
        await client.SaveStateAsync(Store, "b", 2);
        await client.SaveStateAsync(Store, "keep", 3);
        var (_, etagB) = await client.GetStateAndETagAsync<int>(Store, "b");

        await client.DeleteBulkStateAsync(Store, [new BulkDeleteStateItem("a", ""), new BulkDeleteStateItem("b", etagB)]);

        var items = await client.GetBulkStateAsync(Store, ["a", "b", "keep"], parallelism: null);
        Assert.Equal(["", "", "3"], items.Select(i => i.Value));
    }

    [Fact]
    public async Task DeleteBulkStateWithAStaleETagIsAborted()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        await client.SaveStateAsync(Store, "a", 1);

        var error = await Assert.ThrowsAsync<DaprException>(() =>
            client.DeleteBulkStateAsync(Store, [new BulkDeleteStateItem("a", UnknownETag)]));

        Assert.Equal(StatusCode.Aborted, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal(1, await client.GetStateAsync<int>(Store, "a"));
    }

    [Fact]
    public async Task BytesSavedOverGrpcReadBackIdenticallyOverGrpcAndHttp()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        using var http = emulator.Http();
        byte[] bytes = [0, 1, 2, 0xfe, 0xff, (byte)'|'];

        await client.SaveByteStateAsync(Store, "blob", bytes);

        Assert.Equal(bytes, (await client.GetByteStateAsync(Store, "blob")).ToArray());
        Assert.Equal(bytes, await http.GetByteArrayAsync($"/v1.0/state/{Store}/blob"));
    }

    [Fact]
    public async Task TheSdksJsonBytesAreWhatHttpGetReturns()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();
        using var http = emulator.Http();

        await client.SaveStateAsync(Store, "todo", new TodoItem("Ship it", 5));

        Assert.Equal("""{"title":"Ship it","priority":5}""", await http.GetStringAsync($"/v1.0/state/{Store}/todo"));
    }

    [Fact]
    public async Task AKeyContainingTheSeparatorIsInvalidArgumentOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.SaveStateAsync(Store, "a||b", 1));

        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task AValueSavedWithTtlThroughTheSdkExpires()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        await client.SaveStateAsync(Store, "short-lived", new TodoItem("t", 1), metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" });
        await client.SaveStateAsync(Store, "forever", new TodoItem("f", 1), metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "-1" });

        await Poll.UntilAsync(async () => await client.GetStateAsync<TodoItem>(Store, "short-lived") is null,
            "the key with a 1 s TTL is gone", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        Assert.Equal(new TodoItem("f", 1), await client.GetStateAsync<TodoItem>(Store, "forever"));
    }

    [Fact]
    public async Task TheMetadataApiListsETagTransactionalAndTtl()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client();

        var metadata = await client.GetMetadataAsync();

        var component = Assert.Single(metadata.Components, c => c.Name == Store);
        Assert.Equal(["ETAG", "TRANSACTIONAL", "TTL"], component.Capabilities.Order());
    }

    // ---- raw HTTP API ----

    [Fact]
    public async Task HttpGetReturnsTheStoredJsonWithAnETagHeaderAndMissingKeysAre204()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        using var client = emulator.Client();

        var save = await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":{ "a" : [1, 2],"b":"x" }}]"""));
        var get = await http.GetAsync($"/v1.0/state/{Store}/k");
        var missing = await http.GetAsync($"/v1.0/state/{Store}/nope");

        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        AssertJson("""{"a":[1,2],"b":"x"}""", await get.Content.ReadAsStringAsync());
        var etag = Assert.Single(get.Headers.GetValues("ETag"));
        Assert.Equal((await client.GetStateAndETagAsync<JsonElement>(Store, "k")).etag, etag);
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HttpSaveWithAStaleETagIs409ErrStateSave()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":1}]"""));
        var stale = await ETagAsync(http, "k");
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":2}]"""));

        var response = await http.PostAsync($"/v1.0/state/{Store}", Json($$"""[{"key":"k","value":3,"etag":"{{stale}}"}]"""));
        var missing = await http.PostAsync($"/v1.0/state/{Store}", Json($$"""[{"key":"never","value":3,"etag":"{{UnknownETag}}"}]"""));

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "ERR_STATE_SAVE");
        await AssertErrorAsync(missing, HttpStatusCode.Conflict, "ERR_STATE_SAVE");
        Assert.Equal("2", await http.GetStringAsync($"/v1.0/state/{Store}/k"));
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync($"/v1.0/state/{Store}/never")).StatusCode);
    }

    [Fact]
    public async Task HttpSaveWithTheCurrentETagSucceedsAndAnEmptyETagCountsAsNone()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":1}]"""));
        var current = await ETagAsync(http, "k");

        var withETag = await http.PutAsync($"/v1.0/state/{Store}", Json($$"""[{"key":"k","value":2,"etag":"{{current}}"}]"""));
        var emptyETag = await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":3,"etag":""}]"""));

        Assert.Equal(HttpStatusCode.NoContent, withETag.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, emptyETag.StatusCode);
        Assert.Equal("3", await http.GetStringAsync($"/v1.0/state/{Store}/k"));
    }

    [Fact]
    public async Task HttpDeleteHonoursIfMatch()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":1}]"""));
        var stale = await ETagAsync(http, "k");
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":2}]"""));
        var current = await ETagAsync(http, "k");

        var staleDelete = await http.SendAsync(Delete("k", stale));
        var missingDelete = await http.SendAsync(Delete("never", UnknownETag));
        var missingWithoutETag = await http.SendAsync(Delete("never", null));
        Assert.Equal("2", await http.GetStringAsync($"/v1.0/state/{Store}/k"));
        var currentDelete = await http.SendAsync(Delete("k", current));

        await AssertErrorAsync(staleDelete, HttpStatusCode.Conflict, "ERR_STATE_DELETE");
        await AssertErrorAsync(missingDelete, HttpStatusCode.Conflict, "ERR_STATE_DELETE");
        Assert.Equal(HttpStatusCode.NoContent, missingWithoutETag.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, currentDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync($"/v1.0/state/{Store}/k")).StatusCode);
    }

    [Fact]
    public async Task FirstWriteWithoutAnETagOnlyWritesAKeyThatDoesNotExist()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        const string firstWrite = "\"options\":{\"concurrency\":\"first-write\",\"consistency\":\"strong\"}";

        var created = await http.PostAsync($"/v1.0/state/{Store}", Json($$"""[{"key":"k","value":1,{{firstWrite}}}]"""));
        var conflict = await http.PostAsync($"/v1.0/state/{Store}", Json($$"""[{"key":"k","value":2,{{firstWrite}}}]"""));

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        await AssertErrorAsync(conflict, FirstWriteConflictStatus, "ERR_STATE_SAVE");
        Assert.Equal("1", await http.GetStringAsync($"/v1.0/state/{Store}/k"));
    }

    [Fact]
    public async Task ATransactionWhoseSecondOperationHasAStaleETagLeavesTheFirstUnapplied()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"first","value":"before"},{"key":"second","value":1}]"""));
        var stale = await ETagAsync(http, "second");
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"second","value":2}]"""));

        var response = await http.PostAsync($"/v1.0/state/{Store}/transaction", Json($$$"""
            {"operations":[
              {"operation":"upsert","request":{"key":"first","value":"after"}},
              {"operation":"delete","request":{"key":"second","etag":"{{{stale}}}"}}
            ]}
            """));

        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "ERR_STATE_TRANSACTION");
        Assert.Equal("\"before\"", await http.GetStringAsync($"/v1.0/state/{Store}/first"));
        Assert.Equal("2", await http.GetStringAsync($"/v1.0/state/{Store}/second"));
    }

    [Fact]
    public async Task AnHttpTransactionAppliesUpsertsAndDeletesAndRejectsUnknownOperations()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"gone","value":0}]"""));

        var ok = await http.PutAsync($"/v1.0/state/{Store}/transaction", Json("""
            {"operations":[
              {"operation":"upsert","request":{"key":"a","value":{"n":1},"metadata":{"ttlInSeconds":"-1"}}},
              {"operation":"delete","request":{"key":"gone"}}
            ],"metadata":{}}
            """));
        var unknown = await http.PostAsync($"/v1.0/state/{Store}/transaction", Json("""{"operations":[{"operation":"merge","request":{"key":"a"}}]}"""));

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        AssertJson("""{"n":1}""", await http.GetStringAsync($"/v1.0/state/{Store}/a"));
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync($"/v1.0/state/{Store}/gone")).StatusCode);
        await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "ERR_NOT_SUPPORTED_STATE_OPERATION");
    }

    [Fact]
    public async Task HttpBulkGetReturnsDataETagAndOnlyTheKeyForMissingKeys()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"a","value":{"x":1}},{"key":"b","value":"text","metadata":{"ttlInSeconds":"600"}}]"""));

        var response = await http.PostAsync($"/v1.0/state/{Store}/bulk", Json("""{"keys":["a","missing","b"],"parallelism":10}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, items.GetArrayLength());
        Assert.Equal(1, items[0].GetProperty("data").GetProperty("x").GetInt32());
        Assert.Equal(await ETagAsync(http, "a"), items[0].GetProperty("etag").GetString());
        Assert.Equal(["key"], items[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal("missing", items[1].GetProperty("key").GetString());
        Assert.Equal("text", items[2].GetProperty("data").GetString());
        Assert.True(items[2].GetProperty("metadata").TryGetProperty("ttlExpireTime", out _));
    }

    [Fact]
    public async Task TheTtlExpireTimeIsReportedAndTheValueDisappearsAfterTheTtl()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();
        var before = DateTimeOffset.UtcNow;

        var save = await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":1,"metadata":{"ttlInSeconds":"2"}}]"""));
        var get = await http.GetAsync($"/v1.0/state/{Store}/k");

        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var expires = DateTimeOffset.Parse(Assert.Single(get.Headers.GetValues("metadata.ttlExpireTime")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, before.AddSeconds(1), before.AddSeconds(30));
        await Poll.UntilAsync(async () => (await http.GetAsync($"/v1.0/state/{Store}/k")).StatusCode, status => status == HttpStatusCode.NoContent,
            "the key with a 2 s TTL answers 204", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task AKeyWithoutTtlReportsNoExpireTime()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"k","value":1}]"""));
        var get = await http.GetAsync($"/v1.0/state/{Store}/k");

        Assert.False(get.Headers.Contains("metadata.ttlExpireTime"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-2")]
    [InlineData("1.5")]
    public async Task AnInvalidTtlIs400(string ttl)
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        var response = await http.PostAsync($"/v1.0/state/{Store}", Json($$$"""[{"key":"k","value":1,"metadata":{"ttlInSeconds":"{{{ttl}}}"}}]"""));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync($"/v1.0/state/{Store}/k")).StatusCode);
    }

    [Fact]
    public async Task KeysArePrefixedWithTheAppIdByDefaultSoAppsDoNotShareState()
    {
        await using var emulator = await StartAsync(apps: TwoApps);
        using var httpA = emulator.Http("app-a");
        using var httpB = emulator.Http("app-b");

        await httpA.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"shared","value":"from-a"}]"""));

        Assert.Equal(HttpStatusCode.NoContent, (await httpB.GetAsync($"/v1.0/state/{Store}/shared")).StatusCode);
        Assert.NotNull(await RawStore(emulator).GetAsync("app-a||shared", CancellationToken.None));
        Assert.Null(await RawStore(emulator).GetAsync("shared", CancellationToken.None));
    }

    [Fact]
    public async Task KeyPrefixNoneStoresTheBareKeySharedByAllApps()
    {
        await using var emulator = await StartAsync(new Dictionary<string, string> { ["keyPrefix"] = "none" }, TwoApps);
        using var httpA = emulator.Http("app-a");
        using var clientB = emulator.Client("app-b");

        await httpA.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"shared","value":"from-a"}]"""));

        Assert.Equal("from-a", await clientB.GetStateAsync<string>(Store, "shared"));
        Assert.NotNull(await RawStore(emulator).GetAsync("shared", CancellationToken.None));
    }

    [Fact]
    public async Task KeyPrefixNameUsesTheComponentNameSoAppsShareState()
    {
        await using var emulator = await StartAsync(new Dictionary<string, string> { ["keyPrefix"] = "NAME" }, TwoApps);
        using var clientA = emulator.Client("app-a");
        using var clientB = emulator.Client("app-b");

        await clientA.SaveStateAsync(Store, "shared", "from-a");
        var items = await clientB.GetBulkStateAsync(Store, ["shared"], parallelism: null);

        Assert.Equal("from-a", await clientB.GetStateAsync<string>(Store, "shared"));
        Assert.Equal("shared", Assert.Single(items).Key);
        Assert.NotNull(await RawStore(emulator).GetAsync($"{Store}||shared", CancellationToken.None));
    }

    [Fact]
    public async Task ACustomKeyPrefixIsUsedLiterally()
    {
        await using var emulator = await StartAsync(new Dictionary<string, string> { ["keyPrefix"] = "todo-shared" });
        using var client = emulator.Client();

        await client.SaveStateAsync(Store, "k", 1);

        Assert.NotNull(await RawStore(emulator).GetAsync("todo-shared||k", CancellationToken.None));
    }

    [Fact]
    public async Task AKeyContainingTheSeparatorIs400ErrMalformedRequestOverHttp()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        await AssertErrorAsync(await http.PostAsync($"/v1.0/state/{Store}", Json("""[{"key":"a||b","value":1}]""")), HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        await AssertErrorAsync(await http.GetAsync($"/v1.0/state/{Store}/a%7C%7Cb"), HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        await AssertErrorAsync(await http.DeleteAsync($"/v1.0/state/{Store}/a%7C%7Cb"), HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        await AssertErrorAsync(await http.PostAsync($"/v1.0/state/{Store}/transaction",
            Json("""{"operations":[{"operation":"upsert","request":{"key":"a||b","value":1}}]}""")), HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"key":"k","value":1}""")]
    [InlineData("""[{"value":1}]""")]
    [InlineData("""[{"key":"k","value":1,"options":{"concurrency":"whenever"}}]""")]
    [InlineData("""[{"key":"k","value":1,"options":{"consistency":"sometimes"}}]""")]
    [InlineData("""[{"key":"k","value":1,"etag":5}]""")]
    public async Task AMalformedSaveBodyIs400AndSavesNothing(string body)
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        var response = await http.PostAsync($"/v1.0/state/{Store}", Json(body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync($"/v1.0/state/{Store}/k")).StatusCode);
    }

    [Fact]
    public async Task ABadConcurrencyOnDeleteIs400()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http();

        var response = await http.DeleteAsync($"/v1.0/state/{Store}/k?concurrency=sometimes");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
    }

    [Fact]
    public async Task AnUnknownStoreOrOneScopedToAnotherAppIs400NotFound()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
        [
            ("state.yaml", ComponentYaml(Store)),
            ("private.yaml", ComponentYaml("private", scopes: ["app-b"])),
        ], TwoApps);
        using var http = emulator.Http("app-a");
        using var client = emulator.Client("app-a");
        using var clientB = emulator.Client("app-b");

        await AssertErrorAsync(await http.GetAsync("/v1.0/state/nope/k"), HttpStatusCode.BadRequest, "ERR_STATE_STORE_NOT_FOUND");
        await AssertErrorAsync(await http.GetAsync("/v1.0/state/private/k"), HttpStatusCode.BadRequest, "ERR_STATE_STORE_NOT_FOUND");
        await AssertErrorAsync(await http.PostAsync("/v1.0/state/private", Json("""[{"key":"k","value":1}]""")), HttpStatusCode.BadRequest, "ERR_STATE_STORE_NOT_FOUND");
        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<int>("private", "k"));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        await clientB.SaveStateAsync("private", "k", 7);
        Assert.Equal(7, await clientB.GetStateAsync<int>("private", "k"));
    }

    // ---- helpers ----

    internal sealed record TodoItem(string Title, int Priority);

    protected static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private protected static IStateStore RawStore(EmulatorFixture emulator) =>
        (IStateStore)emulator.Host.Components.Find(Store, "app-a")!.Instance;

    protected static async Task<string> ETagAsync(HttpClient http, string key)
    {
        var response = await http.GetAsync($"/v1.0/state/{Store}/{key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("ETag"));
    }

    protected static HttpRequestMessage Delete(string key, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1.0/state/{Store}/{key}");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    /// <summary>
    /// Compares JSON documents, not text: PostgreSQL hands jsonb back in its own canonical spacing (as it does for a
    /// real daprd), the other stores keep the compact serialisation.
    /// </summary>
    protected static void AssertJson(string expected, string actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)),
            $"expected JSON {expected}, got {actual}");

    protected static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(errorCode, JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString());
    }
}
