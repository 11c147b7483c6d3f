using System.Xml.Linq;
using Dapr.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Contracts;
using Todo.DaprEmulator.Hosting;
using Todo.Testing;
using Todo.Web.Features.Security;

namespace Todo.Web.Tests.Security;

/// <summary>
/// The shared data-protection key ring against the emulator's state store through todo-web's sidecar: what one
/// replica stores the other reads, and replicas writing at once keep every key.
/// </summary>
public sealed class DaprKeyRingTests : IAsyncLifetime
{
    private readonly TempResources _resources = new();
    private DaprEmulatorHost _emulator = default!;

    public async Task InitializeAsync()
    {
        _resources.Write("statestore.yaml", ComponentYaml.InMemoryStateStore);
        _emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [_resources.Directory],
            WorkingDirectory = _resources.Directory,
            Apps = [new SidecarOptions { AppId = DaprNames.WebAppId }],
        });
    }

    [Fact]
    public void AnElementOneReplicaStoresIsReadByAnother()
    {
        using var dapr0 = Dapr();
        using var dapr1 = Dapr();
        var replica0 = Ring(dapr0);
        var replica1 = Ring(dapr1);
        Assert.Empty(replica1.GetAllElements());

        replica0.StoreElement(Key("one"), "key-one");

        var read = Assert.Single(replica1.GetAllElements());
        Assert.Equal(Key("one").ToString(), read.ToString());
    }

    [Fact]
    public void StoringUnderANameTheRingHoldsReplacesThatElement()
    {
        using var dapr = Dapr();
        var ring = Ring(dapr);

        ring.StoreElement(Key("old"), "key-a");
        ring.StoreElement(Key("other"), "key-b");
        ring.StoreElement(Key("new"), "key-a");

        Assert.Equal(["other", "new"], ring.GetAllElements().Select(e => e.Attribute("id")!.Value));
    }

    [Fact]
    public async Task TwoReplicasStoringAtOnceKeepBothElements()
    {
        using var dapr0 = Dapr();
        using var dapr1 = Dapr();
        var replicas = new[] { Ring(dapr0), Ring(dapr1) };
        const int rounds = 10;
        // Each round both replicas read the same ring and write it back: the first round races on first-write (no
        // ring yet), the others on the ETag. A lost write would drop the other replica's key.
        using var start = new Barrier(replicas.Length);
        await Task.WhenAll(replicas.Select((replica, r) => Task.Factory.StartNew(() =>
        {
            for (var round = 0; round < rounds; round++)
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                replica.StoreElement(Key($"r{r}-{round}"), $"key-r{r}-{round}");
            }
        }, TaskCreationOptions.LongRunning)));

        var ids = replicas[0].GetAllElements().Select(e => e.Attribute("id")!.Value).Order(StringComparer.Ordinal);
        var expected = Enumerable.Range(0, replicas.Length)
            .SelectMany(r => Enumerable.Range(0, rounds).Select(round => $"r{r}-{round}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task TheRingLivesUnderOneStateKeyOfTheWebApp()
    {
        using var dapr = Dapr();
        Ring(dapr).StoreElement(Key("one"), "key-one");

        var (ring, etag) = await dapr.GetStateAndETagAsync<KeyRingState?>(DaprNames.StateStore, DaprKeyRing.StateKey);

        Assert.NotEmpty(etag);
        Assert.Equal("key-one", Assert.Single(ring!.Keys).Name);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _resources.Dispose();
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id), new XAttribute("version", 1), new XElement("descriptor", id));

    private static DaprKeyRing Ring(DaprClient dapr) => new(dapr, NullLogger<DaprKeyRing>.Instance);

    private DaprClient Dapr() => ClientOf(_emulator[DaprNames.WebAppId]);

    /// <summary>A Dapr client of <paramref name="sidecar"/> that serializes as the apps do.</summary>
    internal static DaprClient ClientOf(Sidecar sidecar) => new DaprClientBuilder()
        .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
        .UseHttpEndpoint(sidecar.HttpEndpoint.ToString())
        .UseJsonSerializationOptions(TodoJson.Options)
        .Build();
}
