using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>
/// Where ASP.NET Core data protection keeps its keys when the app does not say: in a pod, nowhere shared. The charts'
/// containers have a read-only root filesystem, so the default <c>$HOME/.aspnet/DataProtection-Keys</c> cannot be
/// created and each pod keeps an in-memory key ring of its own (dotnet/aspnetcore src/DataProtection:
/// DefaultKeyStorageDirectories returns no directory when creating it fails, and XmlKeyManager then falls back to the
/// ephemeral repository, "keys will not be persisted to storage"). In this one
/// process every app would instead share this machine's <c>$HOME</c> key ring and hide a missing shared key ring, so
/// each pod gets its own directory. An app that configures its own repository keeps it: this runs only when none is set.
/// </summary>
internal sealed class PodKeyRing(string directory, ILoggerFactory loggers) : IPostConfigureOptions<KeyManagementOptions>
{
    public void PostConfigure(string? name, KeyManagementOptions options) =>
        options.XmlRepository ??= new FileSystemXmlRepository(Directory.CreateDirectory(directory), loggers);
}
