using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace Todo.DaprEmulator.Tests.Errors;

/// <summary>
/// Reads daprd's rich errors as clients see them: the HTTP body compared as JSON (details in order), and the
/// <c>google.rpc.Status</c> that grpc-go's <c>status.WithDetails</c> puts in the <c>grpc-status-details-bin</c> trailer.
/// </summary>
internal static class RichStatus
{
    public static async Task AssertHttpAsync(HttpResponseMessage response, HttpStatusCode status, string expectedJson)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), JsonNode.Parse(body)), $"expected {expectedJson}\n     got {body}");
    }

    public static Google.Rpc.Status FromTrailer(RpcException exception)
    {
        var bytes = exception.Trailers.GetValueBytes("grpc-status-details-bin");
        Assert.NotNull(bytes);
        var status = Google.Rpc.Status.Parser.ParseFrom(bytes);
        Assert.Equal((int)exception.StatusCode, status.Code);
        Assert.Equal(exception.Status.Detail, status.Message);
        return status;
    }

    /// <summary>
    /// What the official SDK (Dapr.Common 1.19 <c>TryGetExtendedErrorInfo</c>) makes of daprd's details: it keys its
    /// detail types by <c>type.googleapis.com/Google.rpc.*</c> (capital G, ExtendedErrorDetailFactory), while grpc-go
    /// packs <c>type.googleapis.com/google.rpc.*</c>, so against daprd (and the emulator) every detail comes back as
    /// a <see cref="Dapr.Common.Exceptions.DaprUnknownDetail"/> carrying the type URL; the code and message are read.
    /// </summary>
    public static Google.Rpc.Status FromSdk(Dapr.DaprException exception, params string[] detailTypes)
    {
        Assert.True(Dapr.Common.Exceptions.DaprExceptionExtensions.TryGetExtendedErrorInfo(exception, out var info));
        Assert.Equal(
            detailTypes.Select(t => "type.googleapis.com/google.rpc." + t),
            info.Details.Select(d => Assert.IsType<Dapr.Common.Exceptions.DaprUnknownDetail>(d).TypeUrl));
        var status = FromTrailer(Assert.IsType<RpcException>(exception.InnerException));
        Assert.Equal((status.Code, status.Message), (info.Code, info.Message));
        return status;
    }

    public static Google.Rpc.ErrorInfo ErrorInfo(Google.Rpc.Status status) =>
        Assert.Single(status.Details, d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();
}
