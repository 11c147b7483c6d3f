using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;

namespace Todo.DaprEmulator.Errors;

/// <summary>
/// One entry of a daprd error's <c>details</c>: a google.rpc error detail, written as dapr/kit errors/errors.go
/// (convertErrorDetails) writes it into the HTTP body and packed into the gRPC status as <c>google.rpc.Status</c>.
/// </summary>
internal abstract record DaprErrorDetail
{
    public abstract IMessage ToProto();

    public abstract void WriteJson(Utf8JsonWriter writer);

    protected static void WriteType(Utf8JsonWriter writer, IMessage message) =>
        writer.WriteString("@type", "type.googleapis.com/" + message.Descriptor.FullName);
}

/// <summary>
/// google.rpc.ErrorInfo in domain <c>dapr.io</c> (kit errors.Domain). A <c>null</c> metadata is Go's nil map: JSON
/// <c>null</c> over HTTP, an empty map over gRPC.
/// </summary>
internal sealed record ErrorInfoDetail(string Reason, IReadOnlyDictionary<string, string>? Metadata) : DaprErrorDetail
{
    public const string Domain = "dapr.io";

    public override IMessage ToProto()
    {
        var info = new ErrorInfo { Reason = Reason, Domain = Domain };
        foreach (var (key, value) in Metadata ?? new Dictionary<string, string>())
        {
            info.Metadata[key] = value;
        }

        return info;
    }

    public override void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteType(writer, new ErrorInfo());
        writer.WriteString("reason", Reason);
        writer.WriteString("domain", Domain);
        writer.WritePropertyName("metadata");
        if (Metadata is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartObject();
            // Go's encoding/json writes map keys sorted.
            foreach (var (key, value) in Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

/// <summary>google.rpc.ResourceInfo naming the component an error is about (owner is always empty in daprd).</summary>
internal sealed record ResourceInfoDetail(string ResourceType, string ResourceName, string Description = "") : DaprErrorDetail
{
    public override IMessage ToProto() =>
        new ResourceInfo { ResourceType = ResourceType, ResourceName = ResourceName, Description = Description };

    public override void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteType(writer, new ResourceInfo());
        writer.WriteString("resource_type", ResourceType);
        writer.WriteString("resource_name", ResourceName);
        writer.WriteString("owner", "");
        writer.WriteString("description", Description);
        writer.WriteEndObject();
    }
}

/// <summary>google.rpc.BadRequest with the one field violation kit's <c>WithFieldViolation</c> adds.</summary>
internal sealed record FieldViolationDetail(string Field, string Description) : DaprErrorDetail
{
    public override IMessage ToProto() =>
        new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = Field, Description = Description } } };

    public override void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteType(writer, new BadRequest());
        writer.WritePropertyName("field_violations");
        writer.WriteStartArray();
        writer.WriteStartObject();
        // The generated Go struct tags are omitempty.
        if (Field.Length > 0)
        {
            writer.WriteString("field", Field);
        }

        if (Description.Length > 0)
        {
            writer.WriteString("description", Description);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
