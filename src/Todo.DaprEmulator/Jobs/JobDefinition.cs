using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// A job as it was submitted (dueTime and ttl keep their original text, as GET returns them) plus the instants the
/// scheduler derived from it at creation. Immutable: overwriting a job replaces it.
/// </summary>
internal sealed record JobDefinition
{
    public const string ValueTypeUrl = "type.googleapis.com/google.protobuf.Value";

    public required string AppId { get; init; }

    public required string Name { get; init; }

    public string? Schedule { get; init; }

    public string? DueTime { get; init; }

    public uint? Repeats { get; init; }

    public string? Ttl { get; init; }

    public Any? Data { get; init; }

    /// <summary>Null when the job named none (the default policy applies, and GET shows it).</summary>
    public JobFailurePolicy? FailurePolicy { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>The resolved dueTime: the first trigger, inclusive.</summary>
    public DateTimeOffset? Begin { get; init; }

    /// <summary>The resolved ttl: no trigger after this instant.</summary>
    public DateTimeOffset? Expiration { get; init; }

    public JobFailurePolicy EffectiveFailurePolicy => FailurePolicy ?? JobFailurePolicy.Default;

    public JobSchedule? ParsedSchedule => Schedule is null ? null : _parsed ??= JobSchedule.Parse(Schedule);

    private JobSchedule? _parsed;

    /// <summary>
    /// The body of the trigger: the JSON of a <c>google.protobuf.Value</c> (HTTP-created jobs), otherwise the raw
    /// payload bytes with surrounding whitespace trimmed (the .NET SDK's <c>dapr.io/schedule/jobpayload</c>).
    /// </summary>
    public byte[] TriggerBody()
    {
        if (Data is null)
        {
            return [];
        }

        if (Data.TypeUrl == ValueTypeUrl)
        {
            return CompactJson(JsonFormatter.Default.Format(Data.Unpack<Value>()));
        }

        var bytes = Data.Value.Span;
        var start = 0;
        var end = bytes.Length;
        while (start < end && IsWhitespace(bytes[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(bytes[end - 1]))
        {
            end--;
        }

        return bytes[start..end].ToArray();
    }

    /// <summary>The first trigger: the dueTime, or the first occurrence of the schedule after creation.</summary>
    public DateTimeOffset? FirstDue() => Begin ?? ParsedSchedule?.Next(Created);

    /// <summary>
    /// The trigger after the one scheduled at <paramref name="lastTick"/>, once <paramref name="completed"/> ticks are done;
    /// null when the job is finished. Occurrences missed while a trigger was in flight or the emulator was down are
    /// coalesced into one, never replayed in a burst.
    /// </summary>
    public DateTimeOffset? NextDue(DateTimeOffset lastTick, long completed, DateTimeOffset now)
    {
        if (ParsedSchedule is not { } schedule || (Repeats is { } total ? completed >= total : Schedule is null))
        {
            return null;
        }

        var next = schedule.Next(lastTick);
        if (next is { } candidate && candidate <= now)
        {
            next = schedule is JobSchedule.EverySchedule every
                ? lastTick + every.Interval * Math.Ceiling((now - lastTick) / every.Interval + 1e-9)
                : schedule.Next(now);
        }

        return next is { } due && Expiration is { } expiration && due > expiration ? null : next;
    }

    /// <summary>protobuf's formatter pads objects with spaces; the app gets the compact JSON Go's encoder writes.</summary>
    private static byte[] CompactJson(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
               {
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            document.RootElement.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';
}
