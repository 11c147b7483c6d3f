using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Todo.ServiceDefaults.Http;

/// <summary>
/// Turns every way a client can send a bad request into a ProblemDetails that names the problem, in every environment
/// (the AppHost runs the apps in Development, where the developer exception page would otherwise answer 500):
/// <list type="bullet">
/// <item>a body over the limit → 413 naming the limit (Kestrel's exception, minimal APIs' bare 413, or a
/// Content-Length known to be too large before anything reads it);</item>
/// <item>a body minimal APIs cannot bind (bad JSON, wrong type, too deep, no body, wrong content type, bad form,
/// missing anti-forgery token) → 400/415 naming the field or the problem (needs <c>ThrowOnBadRequest</c>, which
/// <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> turns on everywhere);</item>
/// <item>a structured CloudEvent (<c>application/cloudevents+json</c>) that Dapr's CloudEvents middleware would
/// throw on (not JSON, not an object, unknown charset, bad <c>data_base64</c>) → 400/415 before it gets there.</item>
/// </list>
/// Must run inside the exception handler (so it sees these exceptions first) and before <c>UseCloudEvents</c>.
/// </summary>
internal sealed partial class RequestProblemsMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<RequestProblemsMiddleware> logger)
{
    private const string CloudEventsType = "application/cloudevents+json";

    /// <summary>
    /// How much of an over-limit body is read and thrown away before answering 413. HTTP/1.1 clients (.NET's, Go's,
    /// the sidecar's) send the whole body before reading the answer; closing the connection under them turns the 413
    /// into a connection reset (the emulator sidecar answered 500 ERR_DIRECT_INVOKE). 4 MiB is daprd's default
    /// max-body-size: nothing bigger comes through a sidecar.
    /// </summary>
    private const long DrainLimit = 4 * 1024 * 1024;

    /// <summary>
    /// The longest URL (path and query) the apps take: Kestrel's default request-line limit. Kestrel itself is given
    /// more room (<see cref="ServiceDefaultsExtensions.MaxRequestLineBytes"/>) because what it rejects never reaches
    /// the app and gets a 414 without a body; between the two the answer is this ProblemDetails.
    /// </summary>
    public const int MaxUrlBytes = 8 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var urlLength = context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length + context.Request.PathBase.Value?.Length;
        if (urlLength > MaxUrlBytes)
        {
            await WriteAsync(context, StatusCodes.Status414UriTooLong,
                $"The URL is longer than {MaxUrlBytes:N0} bytes; send long values in the request body instead.");
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        // A route may take a larger body than the app's default (RequestSizeLimit metadata, e.g. the backend's import).
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } routeLimit } && sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = routeLimit;
        }

        var limit = sizeFeature?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            // Kestrel would throw on the first read; answering before anything reads keeps the answer the same for
            // every route (minimal APIs turn that exception into a bare 413, our own readers into a 500).
            var drain = context.Request.ContentLength <= DrainLimit && sizeFeature is { IsReadOnly: false };
            if (drain)
            {
                sizeFeature!.MaxRequestBodySize = context.Request.ContentLength;
            }

            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, TooLarge(max), close: !drain);
            return;
        }

        if (limit is { } chunkedMax && context.Request.ContentLength is null && sizeFeature is { IsReadOnly: false } &&
            context.Request.Headers.TransferEncoding.Count > 0)
        {
            // A chunked body states no length: count it ourselves, and let Kestrel drain a little past the limit.
            sizeFeature.MaxRequestBodySize = DrainLimit;
            context.Request.Body = new LimitedRequestStream(context.Request.Body, chunkedMax);
        }

        if (UnknownCharset(context.Request) is { } unknown)
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, $"The charset '{unknown}' is not supported; send the body as UTF-8.");
            return;
        }

        try
        {
            if (IsStructuredCloudEvent(context.Request, out var charset) && await CheckCloudEventAsync(context, charset) is { } problem)
            {
                await WriteAsync(context, problem.Status, problem.Detail);
                return;
            }

            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            logger.LogDebug(ex, "Bad request to {Path}", context.Request.Path);
            await WriteAsync(context, ex.StatusCode, Describe(ex, limit));
            return;
        }
        catch (InvalidOperationException ex) when (!context.Response.HasStarted && ex.TargetSite?.DeclaringType == typeof(HttpRequestJsonExtensions))
        {
            // ReadFromJsonAsync refuses a body that is not declared as JSON; code that calls it without checking
            // first (the MCP SDK's Streamable HTTP handler) would otherwise answer 500.
            logger.LogDebug(ex, "Body of {Path} is not declared as JSON", context.Request.Path);
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, Unsupported(context));
            return;
        }

        // Minimal APIs answer some binding failures with a bare status (Kestrel's "too large" caught while binding,
        // a content type the route does not accept): give them the same ProblemDetails.
        if (!context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            switch (context.Response.StatusCode)
            {
                case StatusCodes.Status413PayloadTooLarge:
                    await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, TooLarge(limit));
                    break;
                case StatusCodes.Status415UnsupportedMediaType:
                    await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, Unsupported(context));
                    break;
            }
        }
    }

    private static string? UnknownCharset(HttpRequest request)
    {
        if (request.ContentType is not { } contentType || !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase) ||
            !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.Charset.Length == 0)
        {
            return null;
        }

        try
        {
            _ = Encoding.GetEncoding(parsed.Charset.Value!);
            return null;
        }
        catch (ArgumentException)
        {
            return parsed.Charset.Value;
        }
    }

    private static string Unsupported(HttpContext context)
    {
        var sent = string.IsNullOrEmpty(context.Request.ContentType) ? "no content type" : $"\"{context.Request.ContentType}\"";
        var metadata = context.GetEndpoint()?.Metadata;
        var types = metadata?.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).Distinct().ToList() ?? [];
        if (types.Count == 0)
        {
            // Minimal APIs do not publish what they accept here. Bodies in these apps are JSON or forms: a route that
            // refuses JSON takes a form (and one that demands an anti-forgery token does too).
            var form = context.Request.HasJsonContentType() ||
                       metadata?.GetMetadata<Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata>() is { RequiresValidation: true };
            types = form ? ["a form (application/x-www-form-urlencoded or multipart/form-data)"] : ["application/json"];
        }

        return $"Send the body as {string.Join(" or ", types)}; {sent} is not accepted here.";
    }

    private static string TooLarge(long? limit) => limit is { } max
        ? $"The request body is larger than the limit of {max:N0} bytes ({max / 1024:N0} KiB)."
        : "The request body is too large.";

    private static string Describe(BadHttpRequestException exception, long? limit)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        var message = exception.Message;
        return exception.InnerException switch
        {
            JsonException json => JsonProblems.Describe(json),
            InvalidDataException data => $"The form could not be read: {data.Message}",
            _ when message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal) =>
                $"Send the body as application/json; {Quoted(message)} is not accepted here.",
            _ when message.StartsWith("Expected a supported form media type", StringComparison.Ordinal) =>
                $"Send the body as a form (application/x-www-form-urlencoded or multipart/form-data); {Quoted(message)} is not accepted here.",
            _ when message.Contains("anti-forgery token", StringComparison.Ordinal) =>
                "The form's anti-forgery token is missing or invalid: reload the page and send the form again.",
            _ when message.StartsWith("Expected a supported", StringComparison.Ordinal) => message,
            _ when message.Contains("from body", StringComparison.Ordinal) || message.StartsWith("Implicit body inferred", StringComparison.Ordinal) =>
                "The request needs a JSON body (an object, not null).",
            // Kestrel's own messages (unexpected end of body, too slow) carry no code names; parameter messages name
            // the parameter with its .NET type ("Int32 minutes"): keep only the name.
            _ => ParameterType().Replace(message, "\"$2\""),
        };
    }

    private static string Quoted(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = message.LastIndexOf('"');
        return start >= 0 && end > start ? message[start..(end + 1)] : "that content type";
    }

    private static bool IsStructuredCloudEvent(HttpRequest request, out string charset)
    {
        charset = "utf-8";
        if (request.ContentType is not { } contentType || !contentType.StartsWith(CloudEventsType, StringComparison.Ordinal) ||
            !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType != CloudEventsType)
        {
            return false;
        }

        charset = parsed.Charset.Length > 0 ? parsed.Charset.Value! : "utf-8";
        return true;
    }

    /// <summary>
    /// Dapr.AspNetCore's CloudEventsMiddleware reads the envelope with no error handling of its own: malformed JSON,
    /// a non-object, an unknown charset or bad base64 would escape it as a 500. Check the same things first, on a
    /// buffered copy it then reads again.
    /// </summary>
    private static async Task<(int Status, string Detail)?> CheckCloudEventAsync(HttpContext context, string charset)
    {
        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return (StatusCodes.Status415UnsupportedMediaType, $"The charset '{charset}' is not supported; send the CloudEvent as UTF-8.");
        }

        context.Request.EnableBuffering();
        JsonElement envelope;
        try
        {
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                envelope = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            else
            {
                using var reader = new StreamReader(context.Request.Body, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                envelope = JsonSerializer.Deserialize<JsonElement>(await reader.ReadToEndAsync(context.RequestAborted));
            }
        }
        catch (JsonException ex)
        {
            return (StatusCodes.Status400BadRequest, $"The CloudEvent is not valid JSON: {JsonProblems.Describe(ex)}");
        }
        finally
        {
            context.Request.Body.Position = 0;
        }

        if (envelope.ValueKind != JsonValueKind.Object)
        {
            return (StatusCodes.Status400BadRequest, "A structured CloudEvent must be a JSON object.");
        }

        var hasData = envelope.TryGetProperty("data", out _);
        if (envelope.TryGetProperty("data_base64", out var base64))
        {
            if (hasData)
            {
                return (StatusCodes.Status400BadRequest, "A CloudEvent has either 'data' or 'data_base64', not both.");
            }

            if (base64.ValueKind != JsonValueKind.String || !base64.TryGetBytesFromBase64(out _))
            {
                return (StatusCodes.Status400BadRequest, "'data_base64' must be a base64 string.");
            }
        }

        return null;
    }

    private async Task WriteAsync(HttpContext context, int status, string detail, bool close = false)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (close)
        {
            // Too much to drain: the rest of the body is not read, so this connection ends here.
            context.Response.Headers.Connection = "close";
        }

        var problem = new ProblemDetails { Status = status, Title = Title(status), Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // The client's Accept header ruled JSON out; a ProblemDetails still says more than an empty 4xx.
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", context.RequestAborted);
        }
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
        StatusCodes.Status408RequestTimeout => "The request body arrived too slowly",
        StatusCodes.Status414UriTooLong => "The URL is too long",
        _ => "The request is not valid",
    };

    [GeneratedRegex("\"([A-Za-z0-9_.<>,?\\[\\] ]+) ([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterType();
}
