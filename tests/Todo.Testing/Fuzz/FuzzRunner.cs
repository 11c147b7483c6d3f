using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Todo.Testing.Fuzz;

/// <summary>
/// Sends <c>perRoute</c> seeded requests to each route (a few at a time) and checks every answer: never a 5xx or no
/// answer at all, and every 4xx a ProblemDetails (JSON-RPC error on <c>/mcp</c>) with a message.
/// </summary>
public static class FuzzRunner
{
    public static async Task<FuzzReport> RunAsync(
        IReadOnlyList<FuzzRoute> routes, FuzzContext context, int perRoute, int seed, int parallelism = 4, FuzzReport? into = null)
    {
        var report = into ?? new FuzzReport();
        using var gate = new SemaphoreSlim(parallelism);
        var watch = Stopwatch.StartNew();
        var work = new List<Task>();
        foreach (var route in routes)
        {
            for (var i = 0; i < perRoute; i++)
            {
                var caseSeed = StableSeed(seed, route.Name, context.Via, i);
                await gate.WaitAsync();
                work.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendOneAsync(route, context, caseSeed, report);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
        }

        await Task.WhenAll(work);
        report.Elapsed += watch.Elapsed;
        return report;
    }

    private static async Task SendOneAsync(FuzzRoute route, FuzzContext context, int caseSeed, FuzzReport report)
    {
        var values = new FuzzValues(caseSeed);
        using var request = FuzzRequests.Build(route, context, values);
        var summary = Summarise(request);
        try
        {
            using var response = await context.Client.SendAsync(request);
            var problem = await CheckAsync(route, response);
            report.Record(route, context.Via, (int)response.StatusCode, problem, caseSeed, summary);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            report.Record(route, context.Via, 0, $"no answer: {ex.GetType().Name}: {ex.Message}", caseSeed, summary);
        }
    }

    /// <summary>What is wrong with the answer, or null when it is acceptable.</summary>
    public static async Task<string?> CheckAsync(FuzzRoute route, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            return $"{status}: {Snippet(body)}";
        }

        if (route.IsJsonRpc && JsonRpcErrorMessage(body) is { } rpcMessage)
        {
            return rpcMessage.Length == 0 ? $"{status}: JSON-RPC error without a message: {Snippet(body)}" : null;
        }

        if (status < 400)
        {
            return null;
        }

        if (mediaType == "application/json" && DaprErrorMessage(body) is { Length: > 0 })
        {
            // The sidecar's own refusal (daprd's {"errorCode","message"}), e.g. a method name with '#' or '?'.
            return null;
        }

        if (mediaType != "application/problem+json")
        {
            return $"{status} without a ProblemDetails ({mediaType ?? "no content type"}): {Snippet(body)}";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            return string.IsNullOrWhiteSpace(detail) && string.IsNullOrWhiteSpace(title) ? $"{status}: ProblemDetails without a message: {Snippet(body)}" : null;
        }
        catch (JsonException)
        {
            return $"{status}: ProblemDetails that is not JSON: {Snippet(body)}";
        }
    }

    private static string? DaprErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errorCode", out _) &&
                   document.RootElement.TryGetProperty("message", out var message)
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The message of a JSON-RPC error in a JSON or SSE answer ("" when it has none), or null when there is no error.</summary>
    private static string? JsonRpcErrorMessage(string body)
    {
        var json = body.TrimStart().StartsWith('{') ? body : string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..]));
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? (error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Summarise(HttpRequestMessage request)
    {
        var builder = new StringBuilder($"{request.Method} {request.RequestUri}");
        if (request.Content is { } content)
        {
            var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            builder.Append($" [{content.Headers.ContentType?.ToString() ?? "no content type"}, {bytes.Length:N0} B] ");
            builder.Append(Snippet(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300))));
        }

        return builder.ToString();
    }

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>FNV-1a over the parts: the same case gets the same seed in every process (string.GetHashCode does not).</summary>
    private static int StableSeed(int seed, string route, string via, int index)
    {
        var hash = 2166136261u;
        foreach (var c in $"{seed}|{route}|{via}|{index}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}

/// <summary>Status codes per route, and every unacceptable answer with the case seed that reproduces it.</summary>
public sealed class FuzzReport
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> _statuses = new();
    private readonly ConcurrentQueue<FuzzFinding> _findings = new();

    public TimeSpan Elapsed { get; set; }

    public IReadOnlyCollection<FuzzFinding> Findings => _findings;

    public int Total => _statuses.Values.Sum(s => s.Values.Sum());

    /// <summary>How many answers had this status, over all routes.</summary>
    public int Count(System.Net.HttpStatusCode status) => _statuses.Values.Sum(s => s.TryGetValue((int)status, out var n) ? n : 0);

    public int CountWhere(Func<int, bool> status) => _statuses.Values.Sum(s => s.Where(kv => status(kv.Key)).Sum(kv => kv.Value));

    public int ServerErrors => _statuses.Values.Sum(s => s.Where(kv => kv.Key >= 500 || kv.Key == 0).Sum(kv => kv.Value));

    public void Record(FuzzRoute route, string via, int status, string? problem, int caseSeed, string request)
    {
        _statuses.GetOrAdd($"{route.Name} ({via})", _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);
        if (problem is not null)
        {
            _findings.Enqueue(new FuzzFinding(route.Name, via, status, problem, caseSeed, request));
        }
    }

    /// <summary>A Markdown table: one row per route, one column per status code seen ("0" = no answer).</summary>
    public string Table()
    {
        var codes = _statuses.Values.SelectMany(s => s.Keys).Distinct().Order().ToList();
        var rows = _statuses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var header = new[] { "route", "requests" }.Concat(codes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("5xx").ToList();
        var lines = rows.Select(r => new[] { r.Key, r.Value.Values.Sum().ToString("N0", System.Globalization.CultureInfo.InvariantCulture) }
            .Concat(codes.Select(c => r.Value.TryGetValue(c, out var n) ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : ""))
            .Append(r.Value.Where(kv => kv.Key >= 500 || kv.Key == 0).Sum(kv => kv.Value).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList()).ToList();
        lines.Add(new[] { "**total**", Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) }
            .Concat(codes.Select(c => _statuses.Values.Sum(s => s.TryGetValue(c, out var n) ? n : 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(ServerErrors.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());
        var widths = header.Select((h, i) => lines.Select(l => l[i].Length).Append(h.Length).Max()).ToList();
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        text.AppendLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var line in lines)
        {
            text.AppendLine("| " + string.Join(" | ", line.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
        }

        return text.ToString();
    }

    /// <summary>The findings, a few per route and kind, for a failure message.</summary>
    public string Describe(int perKind = 2) => string.Join("\n", _findings
        .GroupBy(f => (f.Route, f.Via, f.Status))
        .SelectMany(g => g.Take(perKind))
        .Select(f => $"- {f.Route} ({f.Via}) → {f.Problem}\n    seed {f.CaseSeed}: {f.Request}"));
}

/// <summary>One unacceptable answer.</summary>
public sealed record FuzzFinding(string Route, string Via, int Status, string Problem, int CaseSeed, string Request);
