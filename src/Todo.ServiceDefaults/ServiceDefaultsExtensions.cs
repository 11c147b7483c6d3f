using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Todo.Contracts;
using Todo.ServiceDefaults.Telemetry;

namespace Todo.ServiceDefaults;

/// <summary>The start-up both apps share, in the style of .NET Aspire's service defaults.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The largest request body either app accepts (1 MiB); bigger answers 413 naming this limit.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Kestrel's request-line limit, raised from 8 KiB: Kestrel rejects a longer line itself, before any middleware,
    /// with an empty 414; up to this size the app answers a ProblemDetails instead (see UseRequestProblems).
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>
    /// Registers the one <see cref="DaprClient"/> (its sidecar address comes only from DAPR_HTTP_ENDPOINT /
    /// DAPR_GRPC_ENDPOINT or the _PORT variables, read by the SDK from configuration, and building it calls nothing,
    /// so start-up never waits for the sidecar), <see cref="TimeProvider"/>, ProblemDetails, the request body limit, the health checks and OpenTelemetry.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.Services.AddDaprClient(dapr => dapr.UseJsonSerializationOptions(TodoJson.Options));
        builder.Services.ConfigureHttpJsonOptions(json => TodoJson.Configure(json.SerializerOptions));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });
        // Binding failures throw (in every environment, not only Development) so UseRequestProblems can say what
        // was wrong instead of a bare 400/415.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<SidecarHealthCheck>("dapr-sidecar", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// <c>/alive</c>: the process answers (liveness). <c>/health</c>: ready to serve, i.e. the Dapr sidecar answers
    /// too (readiness). Mapped in every environment because Kubernetes probes them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health");
        return app;
    }
}

/// <summary>Ready when the sidecar's outbound health answers (components loaded, API listening).</summary>
internal sealed class SidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await dapr.CheckOutboundHealthAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the Dapr sidecar does not answer");
}
