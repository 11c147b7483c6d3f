using Microsoft.AspNetCore.Builder;
using Todo.DaprEmulator.Errors;
using Todo.DaprEmulator.Invoke;
using Todo.DaprEmulator.Jobs;
using Todo.DaprEmulator.Metadata;
using Todo.DaprEmulator.PubSub;
using Todo.DaprEmulator.Secrets;
using Todo.DaprEmulator.State;

namespace Todo.DaprEmulator.Hosting;

/// <summary>The sidecar's HTTP API: daprd's middleware order, then one route table per building block.</summary>
internal static class HttpApi
{
    public static void Configure(WebApplication app)
    {
        app.UseMiddleware<PathCleaningMiddleware>();
        app.UseMiddleware<ApiTokenMiddleware>();
        app.UseMiddleware<DaprApiExceptionMiddleware>();
        app.UseRouting();

        app.MapHealthApi();
        app.MapMetadataApi();
        app.MapSecretsApi();
        app.MapStateApi();
        app.MapPubSubApi();
        app.MapJobsApi();
        // Service invocation is the router's fallback in daprd, so it never shadows a real API route.
        app.MapInvokeApi();
    }
}
