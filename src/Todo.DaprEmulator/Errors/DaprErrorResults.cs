using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Errors;

/// <summary>Writes daprd's legacy HTTP error body.</summary>
internal static class DaprErrorResults
{
    public static Task WriteAsync(HttpResponse response, int status, string errorCode, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new ErrorBody(errorCode, message), EmulatorJson.Options));
    }

    public static IResult Result(int status, string errorCode, string message) =>
        Results.Json(new ErrorBody(errorCode, message), EmulatorJson.Options, statusCode: status);

    private sealed record ErrorBody(string ErrorCode, string Message);
}
