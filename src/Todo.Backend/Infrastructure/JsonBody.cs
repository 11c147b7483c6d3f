using Todo.Contracts;
using System.Text.Json;
using Todo.ServiceDefaults.Http;

namespace Todo.Backend.Infrastructure;

/// <summary>
/// Reads a JSON request body with errors a person can act on (where the JSON breaks, which field has the wrong type)
/// instead of the framework's bare 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<ServiceResult<JsonElement>> ReadElementAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return ServiceError.Invalid("body", "The request needs a JSON body.");
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ServiceError.Invalid("body", JsonProblems.Describe(ex));
        }
    }

    public static async Task<ServiceResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        var element = await ReadElementAsync(request, cancellationToken);
        if (element.Error is { } error)
        {
            return error;
        }

        return Deserialize<T>(element.Value);
    }

    public static ServiceResult<T> Deserialize<T>(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return ServiceError.Invalid("body", "The body must be a JSON object.");
        }

        try
        {
            return element.Deserialize<T>(TodoJson.Options) is { } value
                ? value
                : ServiceError.Invalid("body", "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            var field = ex.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body";
            return ServiceError.Invalid(field, $"'{field}' has the wrong type or format.");
        }
    }
}
