using System.Globalization;
using System.Net;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.PubSub.Kafka;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// <c>partitionNumber</c> per Dapr version: components-contrib v1.18.0 added it (#4298; producer.go
/// parsePartitionNumber, partitioner.go daprPartitioner), and daprd v1.18.3 ships contrib v1.18.4 while daprd
/// v1.17.13 ships contrib v1.17.8, whose producer.go knows only <c>partitionKey</c>/<c>__key</c> and whose sarama
/// config keeps the default hash partitioner.
/// </summary>
public sealed class KafkaPartitionNumberTests
{
    [Fact]
    public async Task Under118APublishGoesToThePartitionItNamesAndOneOutOfRangeFails()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var kafka = await StartAsync(subscriber, DaprVersion.V1_18);
        using var http = kafka.Http("pub");
        var key = KafkaKeys.On(1, 4);

        using var placed = await http.PostAsync($"/v1.0/publish/pubsub/t?metadata.partitionKey={key}&metadata.partitionNumber=3", Json("\"placed\""));
        using var outOfRange = await http.PostAsync("/v1.0/publish/pubsub/t?metadata.partitionNumber=4", Json("\"lost\""));

        Assert.Equal(HttpStatusCode.NoContent, placed.StatusCode);
        var delivery = await subscriber.NextAsync("/in");
        Assert.Equal(("placed", "3", key), (delivery.Field("data"), delivery.Headers["__partition"], delivery.Headers["__key"]));
        // sarama's SyncProducer.SendMessage returns the partitioner's error itself (pErr.Err).
        Assert.Equal(HttpStatusCode.InternalServerError, outOfRange.StatusCode);
        Assert.Contains("error when publishing to topic t in pubsub pubsub: partition number 4 is out of range, topic has 4 partitions",
            await outOfRange.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Under117PartitionNumberIsOnlyAHeaderAndTheKeyPicksThePartition()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        await using var kafka = await StartAsync(subscriber, DaprVersion.V1_17);
        using var http = kafka.Http("pub");
        var key = KafkaKeys.On(1, 4);

        using var single = await http.PostAsync($"/v1.0/publish/pubsub/t?metadata.partitionKey={key}&metadata.partitionNumber=9", Json("\"single\""));
        using var bulk = await http.PostAsync("/v1.0-alpha1/publish/bulk/pubsub/t", new StringContent($$$"""
            [{"entryId":"1","event":"bulk","contentType":"text/plain","metadata":{"partitionKey":"{{{key}}}","partitionNumber":"-1"}}]
            """));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (single.StatusCode, bulk.StatusCode));
        var deliveries = new[] { await subscriber.NextAsync("/in"), await subscriber.NextAsync("/in") };
        Assert.Equal(["single", "bulk"], deliveries.Select(d => d.Field("data")));
        Assert.All(deliveries, d => Assert.Equal(
            KafkaPartitioner.Partition(key, null, 4).ToString(CultureInfo.InvariantCulture), d.Headers["__partition"]));
        Assert.Equal(["9", "-1"], deliveries.Select(d => d.Headers["partitionNumber"]));
    }

    private static Task<KafkaEmulator> StartAsync(Subscriber subscriber, DaprVersion version) =>
        KafkaEmulator.StartAsync(KafkaEmulator.Component("""
              - name: initialOffset
                value: oldest
            """), [App("pub"), App("sub", subscriber)], version: version);

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
