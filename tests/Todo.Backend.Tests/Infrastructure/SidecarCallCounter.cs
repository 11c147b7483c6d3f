using System.Collections.Concurrent;
using Dapr.Client;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts;

namespace Todo.Backend.Tests.Infrastructure;

/// <summary>
/// Counts the backend's calls to its sidecar (gRPC methods of the DaprClient and HTTP calls such as the Jobs API) per
/// test request: a request sent with <see cref="Header"/> opens a scope that flows with the request's async context,
/// so calls made by other requests (event deliveries, other tests) are not counted.
/// </summary>
public sealed class SidecarCallCounter
{
    public const string Header = "x-test-count-calls";

    private static readonly AsyncLocal<string?> Scope = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _calls = new(StringComparer.Ordinal);

    /// <summary>The sidecar calls made while serving the requests tagged <paramref name="scope"/>, e.g. "GetState".</summary>
    public IReadOnlyList<string> Calls(string scope) => _calls.TryGetValue(scope, out var calls) ? [.. calls] : [];

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter>(new ScopeFilter());
        services.AddSingleton<DaprClient>(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            return new DaprClientBuilder()
                .UseGrpcEndpoint(configuration["DAPR_GRPC_ENDPOINT"])
                .UseHttpEndpoint(configuration["DAPR_HTTP_ENDPOINT"])
                .UseJsonSerializationOptions(TodoJson.Options)
                .UseGrpcChannelOptions(new GrpcChannelOptions { HttpHandler = new CountingHandler(this) { InnerHandler = new SocketsHttpHandler() } })
                .Build();
        });
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountingHandler(this)));
    }

    private void Record(HttpRequestMessage request)
    {
        if (Scope.Value is { } scope)
        {
            var path = request.RequestUri!.AbsolutePath;
            var name = path.StartsWith("/dapr.proto.", StringComparison.Ordinal) ? path[(path.LastIndexOf('/') + 1)..] : $"{request.Method} {path}";
            _calls.GetOrAdd(scope, _ => new ConcurrentQueue<string>()).Enqueue(name);
        }
    }

    private sealed class CountingHandler(SidecarCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Record(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class ScopeFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                Scope.Value = context.Request.Headers[Header] is { Count: > 0 } value ? value.ToString() : null;
                await inner(context);
            });
            next(app);
        };
    }
}
