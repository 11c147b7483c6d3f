namespace Todo.Backend.Infrastructure;

/// <summary>
/// An HttpClient on the sidecar's HTTP API for the APIs the SDK does not cover (Jobs). The address follows the SDK's
/// rules: DAPR_HTTP_ENDPOINT, else DAPR_HTTP_PORT on loopback, else 3500; DAPR_API_TOKEN is sent when set.
/// </summary>
internal static class SidecarHttp
{
    public static IHttpClientBuilder AddSidecarHttpClient<TClient>(this IServiceCollection services) where TClient : class =>
        services.AddHttpClient<TClient>((provider, client) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            client.BaseAddress = BaseAddress(configuration);
            if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
            {
                client.DefaultRequestHeaders.Add("dapr-api-token", token);
            }
        });

    public static Uri BaseAddress(IConfiguration configuration)
    {
        if (configuration["DAPR_HTTP_ENDPOINT"] is { Length: > 0 } endpoint)
        {
            return new Uri(endpoint.TrimEnd('/') + "/");
        }

        var port = configuration["DAPR_HTTP_PORT"] is { Length: > 0 } value ? value : "3500";
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
