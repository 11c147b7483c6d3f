using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.PubSub;

/// <summary>HTTP <c>POST|PUT /v1.0/publish/{pubsub}/{topic...}</c>: the body is the payload, 204 on success.</summary>
internal static class PubSubHttpApi
{
    public static void MapPubSubApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/v1.0/publish/{pubsub}/{**topic}", [HttpMethods.Post, HttpMethods.Put], PublishAsync);
        app.MapBulkPublishApi();
    }

    private static async Task<IResult> PublishAsync(string pubsub, string? topic, HttpContext context, Sidecar sidecar)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var publisher = context.RequestServices.GetRequiredService<PubSubPublisher>();
        await publisher.PublishAsync(sidecar, new PubSubPublisher.Request(
            pubsub,
            topic ?? "",
            body.ToArray(),
            context.Request.ContentType,
            QueryMetadata.From(context.Request),
            context.Request.Headers["traceparent"].ToString() is { Length: > 0 } traceParent ? traceParent : null,
            context.Request.Headers["tracestate"].ToString() is { Length: > 0 } traceState ? traceState : null,
            DaprApi.Http), context.RequestAborted);
        return Results.NoContent();
    }
}
