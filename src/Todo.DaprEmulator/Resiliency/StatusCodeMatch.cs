using System.Globalization;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// A retry policy's <c>matching</c> (dapr/dapr pkg/resiliency/retry.go, v1.17.13 = v1.18.3): comma-separated codes and
/// <c>start-end</c> ranges; HTTP codes must lie in 100–599 and gRPC codes in 0–16, else the resource is rejected. An
/// unset list retries every code. A code in 0–16 is judged by the gRPC list, one in 100–599 by the HTTP list
/// (<c>statusCodeNeedRetry</c>), anything else is not retried.
/// </summary>
internal sealed class StatusCodeMatch
{
    private static readonly (int Start, int End) HttpRange = (100, 599);
    private static readonly (int Start, int End) GrpcRange = (0, 16);

    private readonly List<(int Start, int End)>? _http;
    private readonly List<(int Start, int End)>? _grpc;

    private StatusCodeMatch(List<(int, int)>? http, List<(int, int)>? grpc)
    {
        _http = http;
        _grpc = grpc;
    }

    public static readonly StatusCodeMatch Any = new(null, null);

    /// <summary>Parses both lists; throws <see cref="FormatException"/> with daprd's message for a bad pattern.</summary>
    public static StatusCodeMatch Parse(string? httpStatusCodes, string? grpcStatusCodes) =>
        new(ParsePatterns(httpStatusCodes, HttpRange), ParsePatterns(grpcStatusCodes, GrpcRange));

    public bool NeedsRetry(int statusCode)
    {
        if (InRange(GrpcRange, statusCode))
        {
            return Matches(statusCode, _grpc);
        }

        return InRange(HttpRange, statusCode) && Matches(statusCode, _http);
    }

    private static bool Matches(int code, List<(int Start, int End)>? ranges) => ranges is null || ranges.Any(r => InRange(r, code));

    private static bool InRange((int Start, int End) range, int code) => range.Start <= code && code <= range.End;

    private static List<(int, int)>? ParsePatterns(string? patterns, (int Start, int End) valid)
    {
        if (string.IsNullOrEmpty(patterns))
        {
            return null;
        }

        var parsed = new List<(int, int)>();
        foreach (var pattern in patterns.Split(','))
        {
            if (pattern.Length == 0)
            {
                continue; // retry.go: empty patterns are ignored
            }

            var parts = pattern.Split('-');
            if (parts.Length > 2)
            {
                throw new FormatException($"invalid pattern {pattern}, more than one '-' exists");
            }

            var start = Code(parts[0], pattern, "start");
            if (!InRange(valid, start))
            {
                throw new FormatException($"invalid pattern {pattern}, start code {start} is not valid");
            }

            var end = parts.Length == 2 ? Code(parts[1], pattern, "end") : start;
            if (!InRange(valid, end))
            {
                throw new FormatException($"invalid pattern {pattern}, end code {end} is not valid");
            }

            if (end < start)
            {
                throw new FormatException($"invalid pattern {pattern}, start value should not bigger than end value");
            }

            parsed.Add((start, end));
        }

        return parsed;
    }

    // strconv.Atoi: optional sign, decimal digits, no spaces.
    private static int Code(string text, string pattern, string which) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw new FormatException($"failed to parse {which} code {text} from pattern {pattern} to int");
}
