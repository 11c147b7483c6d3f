using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Todo.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for both apps, in the shape of .NET Aspire's service defaults: traces of incoming requests and
/// outgoing calls (the sidecar calls among them, so <c>traceparent</c> travels through Dapr invocation and pub/sub),
/// metrics (ASP.NET Core, HttpClient, runtime and our own <c>Todo.*</c> meters), and logs. The exporter is OTLP,
/// configured only by the standard <c>OTEL_*</c> variables; without <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> nothing is
/// exported (the instrumentation still feeds in-process listeners, which the tests use).
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Meters of our own start with this prefix (e.g. <c>Todo.Backend.Reminders</c>).</summary>
    public const string MeterPrefix = "Todo.";

    // ActivitySource names of ASP.NET Core 10 (src/Components/Components/src/ComponentsActivitySource.cs and
    // src/Components/Server/src/Circuits/CircuitActivitySource.cs in dotnet/aspnetcore).
    private const string BlazorComponentsSource = "Microsoft.AspNetCore.Components";
    private const string BlazorCircuitsSource = "Microsoft.AspNetCore.Components.Server.Circuits";

    // grpc-dotnet's client span per call (src/Grpc.Net.Client/Internal/GrpcDiagnostics.cs): the Dapr SDK reaches the
    // sidecar's state and pub/sub API over gRPC, and the HttpClient span of each call is its child, so without it the
    // trace breaks between a request and its state save or publish.
    private const string GrpcClientSource = "Grpc.Net.Client";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // Dapr sets APP_ID; the service name in traces is the app id, as in the sidecar's own spans.
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Configuration["APP_ID"] ?? builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddSingleton<TopicMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Blazor Server's own spans (.NET 10): a circuit's start and, per browser event, a HandleEvent span
                // that is the parent of what the handler calls (quick add → the backend). Only todo-web emits them.
                .AddSource(BlazorComponentsSource, BlazorCircuitsSource)
                .AddSource(GrpcClientSource)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(MeterPrefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        // The AppHost's --traces: spans on stdout, where the AppHost prefixes them with the app's name.
        if (builder.Configuration.GetValue<bool>("Telemetry:ConsoleTraces"))
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter());
        }

        return builder;
    }

    // Kubernetes probes every few seconds; their spans would bury the requests people make.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
