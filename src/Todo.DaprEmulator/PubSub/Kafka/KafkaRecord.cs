namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>One record of a partition: key, value and headers as the sarama producer sent them.</summary>
internal sealed record KafkaRecord(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    byte[] Value,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    long TimestampMs);
