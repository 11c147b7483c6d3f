using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Hosting;
using ProtoJob = Dapr.Client.Autogen.Grpc.v1.Job;
using ProtoPolicy = Dapr.Client.Autogen.Grpc.v1.JobFailurePolicy;

namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The HTTP Jobs API, stable (<c>/v1.0/jobs</c>, since 1.18) and alpha (<c>/v1.0-alpha1/jobs</c>, every supported
/// version) with the same handlers. The body is protojson of <c>Job</c>, so camelCase and snake_case names are both accepted.
/// </summary>
internal static class JobsHttpApi
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapJobsApi(this IEndpointRouteBuilder app)
    {
        // Before 1.18 a call to /v1.0/jobs matches no route and falls through to invocation (404 ERR_DIRECT_INVOKE).
        var stable = app.ServiceProvider.GetRequiredService<Sidecar>().DaprVersion.HasStableJobsApi;
        foreach (var version in stable ? new[] { "v1.0", "v1.0-alpha1" } : ["v1.0-alpha1"])
        {
            var jobs = app.MapGroup($"/{version}/jobs");
            jobs.AddEndpointFilter((context, next) => new ValueTask<object?>(JobErrors.ScopedAsync(
                context.HttpContext.RequestServices.GetRequiredService<Sidecar>(), () => next(context).AsTask())));
            jobs.MapPost("/{name}", ScheduleAsync);
            jobs.MapGet("/{name}", GetAsync);
            jobs.MapDelete("/{name}", DeleteAsync);
        }
    }

    private static async Task<IResult> ScheduleAsync(string name, HttpRequest request, Sidecar sidecar, JobScheduler scheduler, CancellationToken ct)
    {
        var (job, overwrite) = await ReadJobAsync(request, sidecar.AppId, ct);
        job.Name = JobName(name);
        var definition = JobValidator.Validate(sidecar.AppId, job, scheduler.Now);
        await scheduler.ScheduleAsync(definition, overwrite, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> GetAsync(string name, Sidecar sidecar, JobScheduler scheduler, CancellationToken ct)
    {
        var definition = await scheduler.GetAsync(sidecar.AppId, JobName(name), ct) ?? throw JobErrors.NotFound(JobName(name));
        return Results.Content(ToJson(definition).ToJsonString(RelaxedJson), "application/json");
    }

    private static async Task<IResult> DeleteAsync(string name, Sidecar sidecar, JobScheduler scheduler, CancellationToken ct)
    {
        await scheduler.DeleteAsync(sidecar.AppId, JobName(name), ct);
        return Results.NoContent();
    }

    // Routing leaves %2F encoded in a segment; daprd sees the decoded name (and the scheduler rejects the slash).
    private static string JobName(string routeValue) => Uri.UnescapeDataString(routeValue);

    private static async Task<(ProtoJob Job, bool Overwrite)> ReadJobAsync(HttpRequest request, string appId, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = request.ContentLength == 0
                ? JsonDocument.Parse("{}")
                : await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException ex)
        {
            throw JobErrors.Malformed(ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw JobErrors.Malformed("the body is not a JSON object");
            }

            if (root.TryGetProperty("name", out _))
            {
                throw JobErrors.NameInBody(appId);
            }

            var job = new ProtoJob();
            var overwrite = false;
            try
            {
                if (Field(root, "schedule", "schedule") is { } schedule)
                {
                    job.Schedule = schedule.GetString();
                }

                if (Field(root, "dueTime", "due_time") is { } dueTime)
                {
                    job.DueTime = dueTime.GetString();
                }

                if (Field(root, "repeats", "repeats") is { } repeats)
                {
                    job.Repeats = repeats.ValueKind == JsonValueKind.String
                        ? uint.Parse(repeats.GetString()!, CultureInfo.InvariantCulture)
                        : repeats.GetUInt32();
                }

                if (Field(root, "ttl", "ttl") is { } ttl)
                {
                    job.Ttl = ttl.GetString();
                }

                if (Field(root, "data", "data") is { } data)
                {
                    job.Data = Any.Pack(JsonParser.Default.Parse<Value>(data.GetRawText()));
                }

                if (Field(root, "overwrite", "overwrite") is { } overwriteValue)
                {
                    overwrite = overwriteValue.GetBoolean();
                }

                if (Field(root, "failurePolicy", "failure_policy") is { } policy)
                {
                    job.FailurePolicy = ReadPolicy(policy);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or InvalidProtocolBufferException)
            {
                throw JobErrors.Malformed(ex.Message);
            }

            return (job, overwrite);
        }
    }

    private static ProtoPolicy? ReadPolicy(JsonElement policy)
    {
        if (Field(policy, "drop", "drop") is not null)
        {
            return new ProtoPolicy { Drop = new Dapr.Client.Autogen.Grpc.v1.JobFailurePolicyDrop() };
        }

        if (Field(policy, "constant", "constant") is not { } constant)
        {
            return null;
        }

        var result = new Dapr.Client.Autogen.Grpc.v1.JobFailurePolicyConstant();
        if (Field(constant, "interval", "interval") is { } interval)
        {
            result.Interval = JsonParser.Default.Parse<Duration>(interval.GetRawText());
        }

        if (Field(constant, "maxRetries", "max_retries") is { } maxRetries)
        {
            result.MaxRetries = maxRetries.ValueKind == JsonValueKind.String
                ? uint.Parse(maxRetries.GetString()!, CultureInfo.InvariantCulture)
                : maxRetries.GetUInt32();
        }

        return new ProtoPolicy { Constant = result };
    }

    /// <summary>A field by its JSON or proto name; protojson treats an explicit null as absent.</summary>
    private static JsonElement? Field(JsonElement obj, string jsonName, string protoName) =>
        (obj.TryGetProperty(jsonName, out var value) || obj.TryGetProperty(protoName, out value)) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>
    /// protojson of <c>Job</c>. Data created over HTTP is shown as the bare JSON value, as daprd's docs show it; other
    /// payloads (raw bytes from the SDKs) as an <c>Any</c> with a base64 value.
    /// </summary>
    private static JsonObject ToJson(JobDefinition definition)
    {
        var proto = JobProto.ToProto(definition);
        var json = new JsonObject { ["name"] = definition.Name };
        if (proto.HasSchedule)
        {
            json["schedule"] = proto.Schedule;
        }

        if (proto.HasRepeats)
        {
            json["repeats"] = proto.Repeats;
        }

        if (proto.HasDueTime)
        {
            json["dueTime"] = proto.DueTime;
        }

        if (proto.HasTtl)
        {
            json["ttl"] = proto.Ttl;
        }

        if (proto.Data is { } data)
        {
            json["data"] = data.TypeUrl == JobDefinition.ValueTypeUrl
                ? JsonNode.Parse(JsonFormatter.Default.Format(data.Unpack<Value>()))
                : new JsonObject { ["@type"] = data.TypeUrl, ["value"] = data.Value.ToBase64() };
        }

        json["failurePolicy"] = JsonNode.Parse(JsonFormatter.Default.Format(proto.FailurePolicy));
        return json;
    }
}
