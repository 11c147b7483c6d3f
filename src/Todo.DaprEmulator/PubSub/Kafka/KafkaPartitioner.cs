namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>
/// contrib's daprPartitioner (common/component/kafka/partitioner.go, v1.18.0 on): an explicit <c>partitionNumber</c>
/// wins (out of range is an error), else sarama's default hash partitioner (IBM/sarama partitioner.go NewHashPartitioner): FNV-1a
/// 32-bit over the key bytes, <c>int32(hash) % n</c> made non-negative; a message without a key goes to a random
/// partition.
/// </summary>
internal static class KafkaPartitioner
{
    public static int Partition(string? key, int? partitionNumber, int partitions)
    {
        if (partitionNumber is { } explicitPartition)
        {
            // sarama hands the partitioner's error back for that message alone (async_producer.go dispatcher:
            // partitionMessage → returnError(msg, err)), so in a batch only this record fails.
            return explicitPartition < partitions
                ? explicitPartition
                : throw new KafkaProduceException($"partition number {explicitPartition} is out of range, topic has {partitions} partitions");
        }

        if (key is null)
        {
            return Random.Shared.Next(partitions);
        }

        var partition = unchecked((int)Fnv1a32(System.Text.Encoding.UTF8.GetBytes(key))) % partitions;
        return partition < 0 ? -partition : partition;
    }

    public static uint Fnv1a32(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * 16777619u);
        }

        return hash;
    }
}
