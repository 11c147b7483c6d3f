using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Todo.Testing.Fuzz;

/// <summary>
/// Seeded generator of what careless and hostile clients send: wrong types, edge numbers, hostile strings, broken and
/// deeply nested JSON, wrong content types, mangled ids. The same seed gives the same requests.
/// </summary>
public sealed class FuzzValues(int seed)
{
    private static readonly string[] Strings =
    [
        "", " ", "a", "\0", "\u0001\u001f", "💥🔥", "Ω≈ç√", "\u202etxt.exe", "<script>alert(1)</script>", "../../etc/passwd",
        "%00", "%2e%2e%2f", "' OR 1=1 --", "{{7*7}}", "${jndi:ldap://x}", "null", "NaN", "Infinity", "-1", "0", "1e308",
        "2030-01-01", "2030-02-30", "1999-12-31", "23:59", "25:61", "09:30:00", "2030-01-01T09:30:00Z", "P1D", "daily",
        "weekly", "monday", "high", "urgent", "UTC", "Mars/Olympus", "Europe/Berlin", "true", "[]", "{}", "\\", "\"",
        "line\nbreak", "tab\tbed", "x#y", "#tag", "!high", "todo-backend", "reminder-0123456789abcdef0123456789abcdef",
    ];

    private static readonly string?[] ContentTypes =
    [
        "text/plain", "application/xml", null, "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=klingon", "application/json; charset=utf-16", "application/cloudevents+json",
        "application/*", "*/*", "application/merge-patch+json", "application/json;;;", "application/problem+json",
        "image/png", "application/cloudevents+json; charset=latin1", "application/json; charset=utf-8",
    ];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string Text() => Next(6) switch
    {
        0 => new string((char)('a' + Next(26)), 1 + Next(Chance(0.1) ? 20_000 : 300)),
        1 => RandomAscii(1 + Next(40)),
        _ => Pick(Strings),
    };

    /// <summary>A JSON value of any type; nested values stay shallow unless asked.</summary>
    public JsonNode? Value(int depth = 0) => Next(depth > 2 ? 9 : 12) switch
    {
        0 => null,
        1 => JsonValue.Create(Chance(0.5)),
        2 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(Pick(new[] { 0d, -0d, 1e308, -1e308, 5e-324, 0.5, -1, 2147483648d, 9007199254740993d })),
        4 => JsonValue.Create(long.MaxValue),
        5 or 6 or 7 => JsonValue.Create(Text()),
        8 => JsonValue.Create(Pick(new[] { "2030-01-01", "2030-01-01T25:00:00Z", "09:30", "-P1D", "2030-13-01" })),
        9 => new JsonArray(Enumerable.Range(0, Next(4)).Select(_ => Value(depth + 1)).ToArray()),
        10 => Object(depth),
        _ => JsonValue.Create(Text()),
    };

    private JsonObject Object(int depth)
    {
        var node = new JsonObject();
        for (var i = Next(4); i > 0; i--)
        {
            node[Text() is { Length: > 0 and < 50 } key ? key : $"k{i}"] = Value(depth + 1);
        }

        return node;
    }

    /// <summary>A body derived from <paramref name="seed"/> (a JSON object), mutated one of many ways.</summary>
    public byte[] Body(string seed)
    {
        var roll = Next(100);
        return roll switch
        {
            < 30 => Utf8(MutateFields(seed)),
            < 38 => Utf8(seed),
            < 48 => Utf8(Value()?.ToJsonString() ?? "null"),
            < 63 => Utf8(BreakText(seed)),
            < 68 => Utf8(Deep(65 + Next(Chance(0.2) ? 100_000 : 2_000))),
            < 73 => Bytes(1 + Next(200)),
            < 78 => [],
            < 79 => Oversized(),
            _ => Utf8(MutateFields(seed, all: true)),
        };
    }

    /// <summary>One field replaced, removed or added; or (all) every field replaced.</summary>
    public string MutateFields(string seed, bool all = false)
    {
        if (JsonNode.Parse(seed) is not JsonObject node)
        {
            return seed;
        }

        var names = node.Select(p => p.Key).ToList();
        if (all)
        {
            foreach (var name in names)
            {
                node[name] = Value();
            }

            return node.ToJsonString();
        }

        switch (Next(4))
        {
            case 0 when names.Count > 0:
                node.Remove(Pick(names));
                break;
            case 1:
                node[Pick(new[] { "owner", "userId", "id", "__proto__", "constructor", "$type", Text() is { Length: > 0 and < 50 } t ? t : "x" })] = Value();
                break;
            default:
                if (names.Count > 0)
                {
                    var name = Pick(names);
                    node[name] = node[name] is JsonObject inner && Chance(0.5) ? MutateNested(inner) : Value();
                }

                break;
        }

        return node.ToJsonString();
    }

    private JsonObject MutateNested(JsonObject inner)
    {
        var copy = (JsonObject)JsonNode.Parse(inner.ToJsonString())!;
        var names = copy.Select(p => p.Key).ToList();
        if (names.Count > 0)
        {
            copy[Pick(names)] = Value();
        }

        return copy;
    }

    /// <summary>Text that is not (quite) JSON.</summary>
    public string BreakText(string seed) => Next(12) switch
    {
        0 => seed[..Next(Math.Max(1, seed.Length))],
        1 => seed.Insert(Next(seed.Length + 1), Pick(new[] { "\"", "{", "]", ",", "\\", "\0", "\u00ff" })),
        2 => Pick(new[] { "Infinity", "-Infinity", "NaN", "undefined", "\"str\"", "null", "true", "1e400", "-", "01" }),
        3 => seed.Replace("\"", "'", StringComparison.Ordinal),
        4 => seed + Pick(new[] { "garbage", "}", ",", " {}" }),
        5 => "\uFEFF" + seed,
        6 => seed.Length > 1 ? "{" + $"\"x\":1,{seed[1..]}".Replace("\"x\":1,}", "\"x\":1}", StringComparison.Ordinal) : seed,
        7 => "/* comment */" + seed,
        8 => seed.Replace(":", ": 1e400, \"_\":", StringComparison.Ordinal),
        9 => seed.Length > 1 ? seed[..^1] + ",\"a\":1,\"a\":2}" : seed,
        10 => "[" + seed + "]",
        _ => RandomAscii(1 + Next(100)),
    };

    public static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    public string? ContentType(string usual) => Chance(0.7) ? usual : Pick(ContentTypes);

    /// <summary>A path segment in place of an id: often real, else mangled.</summary>
    public string Segment(IReadOnlyList<string> real) => real.Count > 0 && Chance(0.7)
        ? Pick(real)
        : Pick(new[]
        {
            "x", new string('a', 300), "..", "%2e%2e", "null", "%F0%9F%92%A5", Guid.NewGuid().ToString("N"), "a%20b", "%2F",
            "task-" + Guid.NewGuid().ToString("N"), "-1", "0", "%25", "~", "reminder-" + Guid.NewGuid().ToString("N"),
            // Not control characters: Kestrel refuses a NUL in the path before any middleware runs, with an empty
            // 400 that no app can change (BadRequestLineTests covers it).
            Uri.EscapeDataString(HeaderText() is { Length: > 0 } t ? t[..Math.Min(t.Length, 200)] : "y"),
        });

    /// <summary>A query string of known and unknown parameters with odd values.</summary>
    public string Query()
    {
        string[] keys = ["status", "priority", "tag", "q", "due", "sort", "order", "limit", "cursor", "x", "status"];
        var parts = Enumerable.Range(0, Next(4)).Select(_ =>
        {
            var value = Text();
            return $"{Pick(keys)}={Uri.EscapeDataString(value[..Math.Min(300, value.Length)])}";
        });
        return string.Join('&', parts);
    }

    /// <summary>Text a header can carry (HttpClient refuses control characters and non-ASCII).</summary>
    public string HeaderText() => new(Text().Where(c => c is >= ' ' and <= '~').Take(2000).ToArray());

    public string IfMatch() => Pick(new[] { "*", "\"abc\"", "W/\"1\"", "garbage", "\"\"", new string('"', 3), "\"" + new string('e', 500) + "\"" });

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Oversized()
    {
        // Valid JSON, just over 1 MiB.
        var builder = new StringBuilder("{\"title\":\"", 1_100_000);
        builder.Append('x', 1024 * 1024);
        return Utf8(builder.Append("\"}").ToString());
    }

    private string RandomAscii(int length) =>
        string.Create(length, _random, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)random.Next(32, 127);
            }
        });

    public static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
