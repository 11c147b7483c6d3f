using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Errors;

/// <summary>
/// Writes daprd's HTTP error body: <c>{"errorCode","message"}</c>, plus <c>"details"</c> when the error has any
/// (dapr/kit errors/errors.go JSONErrorValue; the field is <c>omitempty</c>, so legacy errors keep the two fields).
/// </summary>
internal static class DaprErrorResults
{
    public static async Task WriteAsync(HttpResponse response, DaprApiException error)
    {
        response.StatusCode = error.HttpStatus;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(Body(error), response.HttpContext.RequestAborted);
    }

    public static IResult Result(DaprError error, params object?[] args) => new ErrorResult(error.Legacy(args));

    private static ReadOnlyMemory<byte> Body(DaprApiException error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EmulatorJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("errorCode", error.ErrorCode);
            writer.WriteString("message", error.Message);
            if (error.Details.Count > 0)
            {
                writer.WritePropertyName("details");
                writer.WriteStartArray();
                foreach (var detail in error.Details)
                {
                    detail.WriteJson(writer);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private sealed class ErrorResult(DaprApiException error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, error);
    }
}
