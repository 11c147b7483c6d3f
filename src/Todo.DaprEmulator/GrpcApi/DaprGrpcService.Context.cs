using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Components;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    private readonly Sidecar _sidecar;
    private readonly ComponentRegistry _registry;
    private readonly IServiceProvider _services;

    /// <summary>Created per call by grpc-dotnet; everything it needs is shared by the sidecar.</summary>
    public DaprGrpcService(Sidecar sidecar, ComponentRegistry registry, IServiceProvider services)
    {
        _sidecar = sidecar;
        _registry = registry;
        _services = services;
    }

    /// <summary>A shared runtime service (scheduler, pub/sub router) for the partial files that need one.</summary>
    private T Service<T>() where T : notnull => _services.GetRequiredService<T>();
}
