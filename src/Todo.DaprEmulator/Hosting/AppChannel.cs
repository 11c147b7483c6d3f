using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// The sidecar's connection to its app: plain HTTP to <c>http://{address}:{port}</c>, with the app API token added
/// to every call. It also tracks whether the app is reachable, as daprd waits for the app port before it starts
/// delivering events and job triggers.
/// </summary>
public sealed class AppChannel : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly string? _appApiToken;
    private readonly string _address;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _wake = new(0);
    private Task? _monitor;
    private volatile bool _reachable;
    private volatile bool _initialised;

    internal AppChannel(string address, string? appApiToken, ILogger logger)
    {
        _address = address;
        _appApiToken = appApiToken;
        _logger = logger;
        _client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // The traceparent sent to the app is the one daprd would send (see TraceContext). Without this, .NET's
            // HTTP diagnostics replace it whenever something in the process listens (an app hosted in the same
            // process, with OpenTelemetry), starting a new trace on every delivery and job trigger.
            ActivityHeadersPropagator = null,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Raised every time the app becomes reachable: first start and after an outage.</summary>
    public event Func<CancellationToken, Task>? BecameReachable;

    public int? Port { get; private set; }

    public Uri? BaseAddress => Port is { } port ? new Uri($"http://{_address}:{port}") : null;

    public bool IsReachable => _reachable;

    /// <summary>Reachable, and everything that runs on connection (subscription discovery) has run once.</summary>
    public bool IsReady => _reachable && _initialised;

    /// <summary>
    /// The app was ready once. daprd's <c>/v1.0/healthz</c> turns ready after start-up and stays so when the app goes
    /// away later (only the opt-in app health checks watch it afterwards).
    /// </summary>
    public bool WasReady => _initialised;

    /// <summary>Sends a request to the app. The request URI is relative (path and query); the token is added here.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var baseAddress = BaseAddress ?? throw new HttpRequestException("the app port is not known yet");
        request.RequestUri = new Uri(baseAddress, request.RequestUri!);
        if (_appApiToken is not null)
        {
            request.Headers.Remove("dapr-api-token");
            request.Headers.TryAddWithoutValidation("dapr-api-token", _appApiToken);
        }

        try
        {
            return await _client.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError)
        {
            ReportUnreachable();
            throw;
        }
    }

    /// <summary>Marks the app as gone (a connection was refused) so the monitor waits for it to come back.</summary>
    public void ReportUnreachable()
    {
        if (_reachable)
        {
            _reachable = false;
            _logger.LogWarning("App at {Address} is unreachable; waiting for it", BaseAddress);
            _wake.Release();
        }
    }

    internal void Connect(int port)
    {
        Port = port;
        _reachable = false;
        _monitor ??= Task.Run(MonitorAsync);
        _wake.Release();
    }

    private async Task MonitorAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _wake.WaitAsync(token);
                while (!_reachable && !token.IsCancellationRequested)
                {
                    if (await CanConnectAsync(token))
                    {
                        _reachable = true;
                        _logger.LogInformation("App is reachable at {Address}", BaseAddress);
                        await RaiseBecameReachableAsync(token);
                        _initialised = true;
                    }
                    else
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), token);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task RaiseBecameReachableAsync(CancellationToken token)
    {
        if (BecameReachable is null)
        {
            return;
        }

        foreach (var handler in BecameReachable.GetInvocationList().Cast<Func<CancellationToken, Task>>())
        {
            try
            {
                await handler(token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "A handler for app {Address} becoming reachable failed", BaseAddress);
            }
        }
    }

    private async Task<bool> CanConnectAsync(CancellationToken token)
    {
        if (Port is not { } port)
        {
            return false;
        }

        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(_address, port, timeout.Token);
            return true;
        }
        // A refused connection means "not reachable" even while the channel is being disposed (otherwise a refusal
        // racing DisposeAsync escapes the monitor and fails the dispose); a cancellation means it only when it is the
        // one-second timeout's, not the channel's.
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !token.IsCancellationRequested))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_monitor is not null)
        {
            await _monitor;
        }

        _client.Dispose();
        _stopping.Dispose();
    }
}
