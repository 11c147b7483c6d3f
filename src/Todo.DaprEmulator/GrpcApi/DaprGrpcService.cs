using System.Reflection;
using Grpc.Core;
using DaprProto = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace Todo.DaprEmulator.GrpcApi;

/// <summary>
/// Serves <c>dapr.proto.runtime.v1.Dapr</c>. Dapr.Protos ships only the client, so the service is bound by hand:
/// every public virtual method here whose name equals an RPC of the Dapr service (e.g. <c>GetState</c>,
/// <c>ScheduleJobAlpha1</c>) is bound to that RPC with the message marshallers of the generated client. RPCs without
/// a method answer Unimplemented, which the .NET SDK reads as "try the older name". The class is split into one
/// partial file per building block, kept in that block's folder beside its HTTP API (<c>State/StateGrpc.cs</c>,
/// <c>Jobs/JobsGrpc.cs</c>, ...); those files keep this namespace because a partial class has exactly one.
/// </summary>
/// <remarks>
/// grpc-dotnet finds handlers by RPC name and requires them to be public virtual methods declared on the type that
/// declares the bind method; that is why this class is not sealed.
/// </remarks>
[BindServiceMethod(typeof(DaprGrpcService), nameof(BindService))]
public partial class DaprGrpcService
{
    public static void BindService(ServiceBinderBase binder, DaprGrpcService? service)
    {
        var handlers = typeof(DaprGrpcService)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual)
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
        var addUnary = typeof(ServiceBinderBase).GetMethods()
            .Single(m => m.Name == nameof(ServiceBinderBase.AddMethod) &&
                         m.GetParameters()[1].ParameterType.GetGenericTypeDefinition() == typeof(UnaryServerMethod<,>));
        foreach (var method in GeneratedMethods())
        {
            var methodType = method.GetType();
            var name = (string)methodType.GetProperty(nameof(IMethod.Name))!.GetValue(method)!;
            var kind = (MethodType)methodType.GetProperty(nameof(IMethod.Type))!.GetValue(method)!;
            if (kind != MethodType.Unary || !handlers.Contains(name))
            {
                continue;
            }

            // The handler argument is ignored by grpc-dotnet's binder (it resolves the method by name on this type).
            addUnary.MakeGenericMethod(methodType.GetGenericArguments()).Invoke(binder, [method, null]);
        }
    }

    /// <summary>The <c>Method&lt;TRequest,TResponse&gt;</c> descriptors of the generated Dapr client.</summary>
    internal static IEnumerable<object> GeneratedMethods() =>
        typeof(DaprProto)
            .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Method<,>))
            .Select(f => f.GetValue(null)!);
}
