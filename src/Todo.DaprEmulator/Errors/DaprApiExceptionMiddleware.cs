using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Errors;

/// <summary>Turns a <see cref="DaprApiException"/> thrown by any HTTP API handler into daprd's error body.</summary>
internal sealed class DaprApiExceptionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (DaprApiException ex) when (!context.Response.HasStarted)
        {
            await DaprErrorResults.WriteAsync(context.Response, ex);
        }
    }
}
