using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace Todo.DaprEmulator.Tests.Jobs;

/// <summary>Shared set-up for the job tests: an emulator whose app-a is a <see cref="JobReceiver"/>, and the clients.</summary>
internal static class JobsTestKit
{
    public static Task<EmulatorFixture> StartEmulatorAsync(JobReceiver? receiver, string? appApiToken = null, TimeProvider? timeProvider = null) =>
        EmulatorFixture.StartAsync([], [new SidecarOptions { AppId = "app-a", AppPort = receiver?.Port, AppApiToken = appApiToken }], timeProvider);

    /// <summary>The generated gRPC client (Dapr.Jobs is not available here), as the SDK's jobs client uses it.</summary>
    public static DaprGrpc.DaprClient GrpcClient(EmulatorFixture emulator, string appId = "app-a") =>
        new(GrpcChannel.ForAddress(emulator.Host[appId].GrpcEndpoint));

    /// <summary>A payload packed the way the .NET SDK's jobs client packs it.</summary>
    public static Any SdkPayload(string text) =>
        new() { TypeUrl = "dapr.io/schedule/jobpayload", Value = ByteString.CopyFromUtf8(text) };

    public static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
}
