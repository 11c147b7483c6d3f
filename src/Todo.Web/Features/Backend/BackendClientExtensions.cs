using Dapr.Client;
using Todo.Contracts;
using Todo.ServiceDefaults.Auth;

namespace Todo.Web.Features.Backend;

internal static class BackendClientExtensions
{
    /// <summary>
    /// The backend's app id is configurable (<c>Backend:AppId</c>) because in Kubernetes it may carry a namespace
    /// suffix (<c>todo-backend.todo</c>); it defaults to <see cref="DaprNames.BackendAppId"/>.
    /// </summary>
    public static WebApplicationBuilder AddBackendClient(this WebApplicationBuilder builder)
    {
        var appId = builder.Configuration["Backend:AppId"] ?? DaprNames.BackendAppId;
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddSingleton<UserTokenIssuer>();
        builder.Services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<DaprClient>().CreateInvokableHttpClient(appId);
            http.Timeout = TimeSpan.FromSeconds(30);
            return new BackendClient(http, sp.GetRequiredService<UserTokenIssuer>());
        });
        return builder;
    }
}
