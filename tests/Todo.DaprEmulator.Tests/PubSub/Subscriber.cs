using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// A subscriber app on real Kestrel: serves <c>/dapr/subscribe</c> with the given JSON and records every delivery
/// per path, so tests can await the next one. Each route answers through <see cref="Respond"/> (default 200 SUCCESS).
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, Channel<Delivery>> _deliveries = new(StringComparer.Ordinal);

    private Subscriber(string subscribeJson) => SubscribeJson = subscribeJson;

    public TestApp App { get; private set; } = null!;

    public int Port => App.Port;

    public string SubscribeJson { get; }

    /// <summary>How a route answers: given the path and the delivery count on that path so far (1-based), returns the result.</summary>
    public Func<string, Delivery, int, IResult> Respond { get; set; } = (_, _, _) => Results.Ok(new { status = "SUCCESS" });

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> SubscribeRequests { get; } = new();

    public static async Task<Subscriber> StartAsync(string subscribeJson, int port = 0)
    {
        var subscriber = new Subscriber(subscribeJson);
        subscriber.App = await TestApp.StartAsync(subscriber.Map, port);
        return subscriber;
    }

    /// <summary>The same subscriber logic on a new app (another port or the same one after a restart).</summary>
    public static async Task<Subscriber> RestartAsync(Subscriber previous, string subscribeJson)
    {
        var port = previous.Port;
        await previous.DisposeAsync();
        return await StartAsync(subscribeJson, port);
    }

    public async Task<Delivery> NextAsync(string path)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await Channel(path).Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no delivery to {path} within {Timeout}");
        }
    }

    /// <summary>Deliveries to a path already received and not yet taken by <see cref="NextAsync"/>.</summary>
    public List<Delivery> Drain(string path)
    {
        var list = new List<Delivery>();
        while (Channel(path).Reader.TryRead(out var delivery))
        {
            list.Add(delivery);
        }

        return list;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private Channel<Delivery> Channel(string path) =>
        _deliveries.GetOrAdd(path, _ => System.Threading.Channels.Channel.CreateUnbounded<Delivery>());

    private void Map(WebApplication app)
    {
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        app.MapGet("/dapr/subscribe", (HttpRequest request) =>
        {
            SubscribeRequests.Enqueue(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            return Results.Text(SubscribeJson, "application/json");
        });
        app.MapPost("/{**path}", async (string path, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var delivery = new Delivery(
                "/" + path,
                request.ContentType,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            var count = counts.AddOrUpdate(delivery.Path, 1, (_, n) => n + 1);
            await Channel(delivery.Path).Writer.WriteAsync(delivery);
            return Respond(delivery.Path, delivery, count);
        });
    }
}

/// <summary>One POST the subscriber app received.</summary>
internal sealed record Delivery(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Event => JsonDocument.Parse(Body).RootElement;

    public string Id => Event.GetProperty("id").GetString()!;

    public string? Field(string name) => Event.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
