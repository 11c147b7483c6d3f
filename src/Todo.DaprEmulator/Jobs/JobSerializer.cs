using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Todo.DaprEmulator.Jobs;

/// <summary>The JSON kept in <c>dapr_jobs.definition</c>: the submitted job, the instants derived from it, its progress.</summary>
internal static class JobSerializer
{
    public static StoredJob ToStored(JobEntry entry)
    {
        var d = entry.Definition;
        var document = new Document(
            d.Schedule, d.DueTime, d.Repeats, d.Ttl, d.Data?.TypeUrl, d.Data?.Value.ToByteArray(),
            d.FailurePolicy is { } p ? new PolicyDocument(p.Drop, p.Interval.Ticks / TimeSpan.TicksPerMillisecond, p.MaxRetries) : null,
            d.Created, d.Begin, d.Expiration, entry.TickTime, entry.Completed, entry.FailedAttempts);
        return new StoredJob(d.AppId, d.Name, JsonSerializer.Serialize(document, EmulatorJson.Options), entry.NextDue, d.Created);
    }

    public static JobEntry FromStored(StoredJob stored)
    {
        var document = JsonSerializer.Deserialize<Document>(stored.Definition, EmulatorJson.Options)
            ?? throw new JsonException($"job {stored.AppId}/{stored.Name}: empty definition");
        var definition = new JobDefinition
        {
            AppId = stored.AppId,
            Name = stored.Name,
            Schedule = document.Schedule,
            DueTime = document.DueTime,
            Repeats = document.Repeats,
            Ttl = document.Ttl,
            Data = document.DataTypeUrl is null ? null : new Any { TypeUrl = document.DataTypeUrl, Value = ByteString.CopyFrom(document.Data ?? []) },
            FailurePolicy = document.FailurePolicy is { } p
                ? new JobFailurePolicy(p.Drop, TimeSpan.FromMilliseconds(p.IntervalMs), p.MaxRetries)
                : null,
            Created = document.Created,
            Begin = document.Begin,
            Expiration = document.Expiration,
        };
        return new JobEntry(definition)
        {
            NextDue = stored.NextDue,
            TickTime = document.TickTime,
            Completed = document.Completed,
            FailedAttempts = document.FailedAttempts,
        };
    }

    private sealed record Document(
        string? Schedule, string? DueTime, uint? Repeats, string? Ttl, string? DataTypeUrl, byte[]? Data,
        PolicyDocument? FailurePolicy, DateTimeOffset Created, DateTimeOffset? Begin, DateTimeOffset? Expiration,
        DateTimeOffset TickTime, long Completed, int FailedAttempts);

    private sealed record PolicyDocument(bool Drop, long IntervalMs, uint? MaxRetries);
}
