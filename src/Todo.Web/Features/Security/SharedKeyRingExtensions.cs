using Dapr.Client;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Todo.Contracts;

namespace Todo.Web.Features.Security;

internal static class SharedKeyRingExtensions
{
    /// <summary>
    /// One data-protection key ring for all todo-web replicas (<see cref="DaprKeyRing"/>), under one application name
    /// so every replica derives the same purposes whatever its content root (the default name is the content root
    /// path, which need not match between images or hosts).
    /// </summary>
    public static WebApplicationBuilder AddSharedKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(DaprNames.WebAppId);
        // Set in Configure (not PostConfigure), as PersistKeysToDbContext does, so the repository can take the
        // DaprClient from the container, and so a PostConfigure that fills in a repository only when none is set
        // (the cluster rehearsal's PodKeyRing) keeps this one.
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository =
                new DaprKeyRing(services.GetRequiredService<DaprClient>(), services.GetRequiredService<ILogger<DaprKeyRing>>())));
        return builder;
    }
}
