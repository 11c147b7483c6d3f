using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Todo.DaprEmulator.Secrets;

namespace Todo.DaprEmulator.GrpcApi;

public partial class DaprGrpcService
{
    public virtual async Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context)
    {
        var store = SecretStoreResolver.Resolve(_registry, _sidecar, request.StoreName);
        SecretStoreResolver.EnsureAllowed(_sidecar, request.StoreName, request.Key);
        var secret = await SecretStoreResolver.CallAsync(request.StoreName, request.Key, async () =>
            await store.GetSecretAsync(request.Key, request.Metadata, context.CancellationToken)
            ?? throw new KeyNotFoundException($"secret {request.Key} not found"));
        var response = new GetSecretResponse();
        foreach (var (key, value) in secret)
        {
            response.Data[key] = value;
        }

        return response;
    }

    public virtual async Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context)
    {
        var store = SecretStoreResolver.Resolve(_registry, _sidecar, request.StoreName);
        var secrets = SecretStoreResolver.Filter(_sidecar, request.StoreName, await SecretStoreResolver.CallBulkAsync(request.StoreName, () =>
            store.GetBulkSecretAsync(request.Metadata, context.CancellationToken)));
        var response = new GetBulkSecretResponse();
        foreach (var (name, values) in secrets)
        {
            var item = new SecretResponse();
            foreach (var (key, value) in values)
            {
                item.Secrets[key] = value;
            }

            response.Data.Add(name, item);
        }

        return response;
    }
}
