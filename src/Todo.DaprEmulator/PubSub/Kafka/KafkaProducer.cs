using System.Globalization;

namespace Todo.DaprEmulator.PubSub.Kafka;

/// <summary>
/// A record as contrib's producer builds it from publish metadata (components-contrib common/component/kafka/producer.go,
/// Publish and BulkPublish): <c>partitionKey</c> or <c>__key</c> is the key, every metadata entry not excluded by
/// <c>excludeHeaderMetaRegex</c> is a header, and — from contrib v1.18.0 (#4298 "per message partition support", the
/// contrib daprd 1.18 ships; daprd v1.17.13 ships contrib v1.17.8, which has no such key) — <c>partitionNumber</c>
/// picks the partition. Under 1.17 <c>partitionNumber</c> is just another header and the key decides the partition.
/// </summary>
internal sealed record KafkaProducerMessage(string? Key, int? PartitionNumber, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>A producer failure with contrib's or sarama's error text, which daprd answers as the entry's error.</summary>
internal sealed class KafkaProduceException(string message) : Exception(message);

internal static class KafkaProducer
{
    /// <summary>
    /// The record for one message's metadata; throws <see cref="KafkaProduceException"/> for a
    /// <c>partitionNumber</c> contrib's parsePartitionNumber refuses (before anything is sent).
    /// </summary>
    public static KafkaProducerMessage Message(IReadOnlyDictionary<string, string> metadata, KafkaSettings settings)
    {
        string? key = null;
        int? partitionNumber = null;
        var headers = new List<KeyValuePair<string, string>>(metadata.Count);
        foreach (var (name, value) in metadata)
        {
            switch (name)
            {
                // producer.go: `case key, keyMetadataKey` (partitionKey, __key); Go map order decides between both.
                case "partitionKey":
                    key = value;
                    break;
                case "__key":
                    key ??= value;
                    break;
                case "partitionNumber" when settings.PartitionNumberSupported:
                    partitionNumber = ParsePartitionNumber(value);
                    break;
            }

            if (settings.ExcludeHeaderMetaRegex?.IsMatch(name) != true)
            {
                headers.Add(KeyValuePair.Create(name, value));
            }
        }

        return new KafkaProducerMessage(key, partitionNumber, headers);
    }

    /// <summary>
    /// producer.go parsePartitionNumber (contrib v1.18.4): <c>strconv.ParseInt(value, 10, 32)</c>, then non-negative.
    /// </summary>
    public static int ParsePartitionNumber(string value)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            // strconv's NumError: digits that overflow int32 are "value out of range", anything else "invalid syntax".
            var unsigned = value.Length > 0 && value[0] is '+' or '-' ? value[1..] : value;
            var digits = unsigned.Length > 0 && unsigned.All(char.IsAsciiDigit);
            throw new KafkaProduceException(
                $"invalid partitionNumber metadata value {GoFormat.Quote(value)}: strconv.ParseInt: parsing {GoFormat.Quote(value)}: {(digits ? "value out of range" : "invalid syntax")}");
        }

        return number >= 0 ? number : throw new KafkaProduceException($"partitionNumber must be non-negative, got {number}");
    }
}
