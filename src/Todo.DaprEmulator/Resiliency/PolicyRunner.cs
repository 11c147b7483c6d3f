using Microsoft.Extensions.Logging;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// The policies that apply to one call, and daprd's runner for them (dapr/dapr pkg/resiliency/policy.go
/// <c>NewRunnerWithOptions</c>, v1.17.13 = v1.18.3). Layers, innermost first:
/// <list type="number">
/// <item>timeout: each attempt gets its own deadline; when it passes the attempt fails with "context deadline
/// exceeded" at once, without waiting for the operation (a late result is disposed);</item>
/// <item>circuit breaker: counts every failed attempt (timeouts and non-2xx answers included); an open breaker's refusal
/// is permanent, it is not retried;</item>
/// <item>retry: dapr/kit back-off (<see cref="RetryBackOff"/>). A <see cref="ResiliencyCodeException"/> is retried only
/// when the policy's <c>matching</c> allows its status code; a <see cref="ResiliencyPermanentException"/> stops at once.</item>
/// </list>
/// </summary>
internal sealed class PolicyRunner
{
    public static readonly PolicyRunner None = new("none", null, null, null, null, TimeProvider.System, null);

    private readonly TimeSpan? _timeout;
    private readonly RetryPolicy? _retry;
    private readonly CircuitBreaker? _breaker;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    public PolicyRunner(string name, TimeSpan? timeout, RetryPolicy? retry, CircuitBreaker? breaker, string? origin, TimeProvider time, ILogger? logger)
    {
        Name = name;
        _timeout = timeout > TimeSpan.Zero ? timeout : null;
        _retry = retry;
        _breaker = breaker;
        _time = time;
        _logger = logger;
        Origin = origin;
    }

    /// <summary>daprd's policy name, e.g. <c>endpoint[app-b, app-b:orders]</c> or <c>component[statestore] output</c>.</summary>
    public string Name { get; }

    /// <summary>Which Resiliency resource the policy came from (null for built-in policies or none).</summary>
    public string? Origin { get; }

    public TimeSpan? Timeout => _timeout;

    public CircuitBreaker? Breaker => _breaker;

    /// <summary><c>HasRetries</c>: a retry policy whose <c>maxRetries</c> is not 0, so a request body must be replayable.</summary>
    public bool HasRetries => _retry is not null && _retry.BackOff.MaxRetries != 0;

    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync<bool>(async token =>
        {
            await operation(token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="operation"/> under the policies. <paramref name="dispose"/> gets the result of an attempt that
    /// is thrown away (timed out), as daprd's Disposer does.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken, Action<T>? dispose = null)
    {
        Func<CancellationToken, Task<T>> attempt = operation;
        if (_timeout is { } timeout)
        {
            var inner = attempt;
            attempt = token => WithTimeoutAsync(inner, timeout, dispose, token);
        }

        if (_breaker is { } breaker)
        {
            var inner = attempt;
            attempt = token => breaker.ExecuteAsync(() => inner(token));
        }

        if (_retry is null)
        {
            return await Unwrap(attempt, cancellationToken);
        }

        var backOff = _retry.BackOff.Start(_time);
        var attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                var result = await attempt(cancellationToken);
                if (attempts > 1)
                {
                    _logger?.LogInformation("Recovered processing operation {Name} after {Attempts} attempts", Name, attempts);
                }

                return result;
            }
            catch (ResiliencyPermanentException permanent)
            {
                throw permanent.InnerException!;
            }
            catch (CircuitBreakerOpenException)
            {
                throw;
            }
            catch (ResiliencyCodeException code) when (!_retry.Match.NeedsRetry(code.StatusCode))
            {
                throw;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // backoff.RetryNotify: stop when the back-off says so; else wait (or give up with the context's error).
                if (backOff.Next() is not { } delay)
                {
                    throw;
                }

                _logger?.LogWarning("Error processing operation {Name}. Retrying in {Delay}…: {Error}", Name, delay, ex.Message);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private static async Task<T> Unwrap<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await attempt(cancellationToken);
        }
        catch (ResiliencyPermanentException permanent)
        {
            throw permanent.InnerException!;
        }
    }

    private async Task<T> WithTimeoutAsync<T>(
        Func<CancellationToken, Task<T>> operation, TimeSpan timeout, Action<T>? dispose, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var task = operation(deadline.Token);
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is TimeoutException || deadline.IsCancellationRequested && ex is OperationCanceledException))
        {
            if (dispose is not null)
            {
                _ = task.ContinueWith(t => dispose(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }

            // policy.go returns ctx.Err(): context.DeadlineExceeded.
            throw new TimeoutException("context deadline exceeded");
        }
    }
}

/// <summary>A retry policy: dapr/kit back-off plus its status-code matching.</summary>
internal sealed record RetryPolicy(RetryBackOff BackOff, StatusCodeMatch Match);

/// <summary>daprd's <c>resiliency.CodeError</c>: a failure with a status code the retry's <c>matching</c> judges.</summary>
internal sealed class ResiliencyCodeException(int statusCode, string message, object? payload = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>What the call site needs to answer with when this is the last attempt (e.g. the app's buffered answer).</summary>
    public object? Payload { get; } = payload;
}

/// <summary><c>backoff.Permanent</c>: the inner error ends the retries and is what the caller sees.</summary>
internal sealed class ResiliencyPermanentException(Exception inner) : Exception(inner.Message, inner);
