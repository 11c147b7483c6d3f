using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Todo.Backend.Infrastructure;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// The uploaded file of <c>POST /api/import</c>: the raw body (its Content-Type saying JSON or CSV, or sniffed), or the
/// first file part of a multipart/form-data body. Bounded: a body over <see cref="MaxBytes"/> is refused before it is
/// read whole, well under the 4 MiB that a daprd sidecar lets through at all (<c>--max-body-size</c>).
/// </summary>
internal sealed record ImportFile(string Text, bool LooksLikeJson, string ContentHash)
{
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async Task<ServiceResult<ImportFile>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        var (stream, contentType) = (request.Body, request.ContentType ?? "");
        if (MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (!request.HasFormContentType)
            {
                return ServiceError.Invalid("file", "The multipart body has no boundary.");
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxBytes }, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                return ServiceError.Invalid("file", "The multipart body could not be read (is the upload complete and under 3 MiB?).");
            }

            if (form.Files.FirstOrDefault() is not { } file)
            {
                return ServiceError.Invalid("file", "The multipart body has no file part.");
            }

            (stream, contentType) = (file.OpenReadStream(), file.ContentType ?? "");
            if (file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                contentType = "application/json";
            }
        }

        var bytes = await ReadBoundedAsync(stream, cancellationToken);
        if (bytes is null)
        {
            return TooLarge();
        }

        if (bytes.Length == 0)
        {
            return ServiceError.Invalid("file", "The file is empty.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ServiceError.Invalid("file", "The file is not UTF-8 text. Export it again as UTF-8 (Todoist and Todo both write UTF-8).");
        }

        var json = contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || (!contentType.Contains("csv", StringComparison.OrdinalIgnoreCase) && text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{'));
        return new ImportFile(text, json, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The JSON document of the file, or a message saying where it breaks.</summary>
    public ServiceResult<JsonElement> ParseJson()
    {
        try
        {
            using var document = JsonDocument.Parse(Text.TrimStart('\uFEFF'), new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ServiceError.Invalid("file", $"The JSON file is not valid JSON (line {(ex.LineNumber ?? 0) + 1}): export it again from Todo.");
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The one error answered 413 rather than 400.</summary>
    public static readonly ServiceError TooLargeError = new(ServiceErrorKind.Validation,
        $"The file is larger than {MaxBytes / (1024 * 1024)} MiB; split it (Todoist exports one project per file).",
        new Dictionary<string, string[]> { ["file"] = [$"At most {MaxBytes / (1024 * 1024)} MiB."] });

    private static ServiceError TooLarge() => TooLargeError;
}
