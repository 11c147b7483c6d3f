namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// sony/gobreaker v0.5.0 as dapr/dapr pkg/resiliency/breaker/circuitbreaker.go configures it: closed → open when the
/// trip expression (default <c>consecutiveFailures &gt; 5</c>) holds after a failure; open for <c>timeout</c> (default
/// 60 s), then half-open, letting <c>maxRequests</c> (default 1) calls through; that many consecutive successes close
/// it, one failure opens it again. In the closed state the counts are cleared every <c>interval</c> (0: never).
/// Any error of the operation is a failure (gobreaker's default <c>IsSuccessful</c>: <c>err == nil</c>).
/// </summary>
internal sealed class CircuitBreaker
{
    private readonly object _gate = new();
    private readonly uint _maxRequests;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly TripExpression? _trip;
    private readonly TimeProvider _time;
    private CircuitBreakerState _state = CircuitBreakerState.Closed;
    private ulong _generation;
    private Counts _counts;
    private DateTimeOffset? _expiry;

    public CircuitBreaker(string name, uint maxRequests, TimeSpan interval, TimeSpan timeout, TripExpression? trip, TimeProvider time)
    {
        Name = name;
        _maxRequests = maxRequests == 0 ? 1 : maxRequests;
        _interval = interval < TimeSpan.Zero ? TimeSpan.Zero : interval;
        _timeout = timeout <= TimeSpan.Zero ? TimeSpan.FromSeconds(60) : timeout;
        _trip = trip;
        _time = time;
        NewGeneration(_time.GetUtcNow());
    }

    public string Name { get; }

    public CircuitBreakerState State
    {
        get
        {
            lock (_gate)
            {
                return Current(_time.GetUtcNow()).State;
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/> unless the breaker refuses it (<see cref="CircuitBreakerOpenException"/>).</summary>
    public async Task<T> ExecuteAsync<T>(Func<Task<T>> operation)
    {
        var generation = BeforeRequest();
        try
        {
            var result = await operation();
            AfterRequest(generation, success: true);
            return result;
        }
        catch
        {
            AfterRequest(generation, success: false);
            throw;
        }
    }

    private ulong BeforeRequest()
    {
        lock (_gate)
        {
            var (state, generation) = Current(_time.GetUtcNow());
            if (state == CircuitBreakerState.Open)
            {
                throw new CircuitBreakerOpenException("circuit breaker is open"); // gobreaker.ErrOpenState
            }

            if (state == CircuitBreakerState.HalfOpen && _counts.Requests >= _maxRequests)
            {
                throw new CircuitBreakerOpenException("too many requests"); // gobreaker.ErrTooManyRequests
            }

            _counts.Requests++;
            return generation;
        }
    }

    private void AfterRequest(ulong before, bool success)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var (state, generation) = Current(now);
            if (generation != before)
            {
                return;
            }

            if (success)
            {
                _counts.TotalSuccesses++;
                _counts.ConsecutiveSuccesses++;
                _counts.ConsecutiveFailures = 0;
                if (state == CircuitBreakerState.HalfOpen && _counts.ConsecutiveSuccesses >= _maxRequests)
                {
                    SetState(CircuitBreakerState.Closed, now);
                }

                return;
            }

            _counts.TotalFailures++;
            _counts.ConsecutiveFailures++;
            _counts.ConsecutiveSuccesses = 0;
            if (state == CircuitBreakerState.HalfOpen || (state == CircuitBreakerState.Closed && ReadyToTrip()))
            {
                SetState(CircuitBreakerState.Open, now);
            }
        }
    }

    private bool ReadyToTrip() => _trip is null
        ? _counts.ConsecutiveFailures > 5 // gobreaker defaultReadyToTrip
        : _trip.Evaluate(new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["requests"] = _counts.Requests,
            ["totalSuccesses"] = _counts.TotalSuccesses,
            ["totalFailures"] = _counts.TotalFailures,
            ["consecutiveSuccesses"] = _counts.ConsecutiveSuccesses,
            ["consecutiveFailures"] = _counts.ConsecutiveFailures,
        });

    private (CircuitBreakerState State, ulong Generation) Current(DateTimeOffset now)
    {
        if (_state == CircuitBreakerState.Closed && _expiry is { } closedUntil && closedUntil < now)
        {
            NewGeneration(now);
        }
        else if (_state == CircuitBreakerState.Open && _expiry is { } openUntil && openUntil < now)
        {
            SetState(CircuitBreakerState.HalfOpen, now);
        }

        return (_state, _generation);
    }

    private void SetState(CircuitBreakerState state, DateTimeOffset now)
    {
        if (_state != state)
        {
            _state = state;
            NewGeneration(now);
        }
    }

    private void NewGeneration(DateTimeOffset now)
    {
        _generation++;
        _counts = default;
        _expiry = _state switch
        {
            CircuitBreakerState.Closed => _interval == TimeSpan.Zero ? null : now + _interval,
            CircuitBreakerState.Open => now + _timeout,
            _ => null,
        };
    }

    private struct Counts
    {
        public uint Requests;
        public uint TotalSuccesses;
        public uint TotalFailures;
        public uint ConsecutiveSuccesses;
        public uint ConsecutiveFailures;
    }
}

internal enum CircuitBreakerState
{
    Closed,
    HalfOpen,
    Open,
}

/// <summary>The breaker refused the call (open, or half-open with its <c>maxRequests</c> in flight); never retried.</summary>
internal sealed class CircuitBreakerOpenException(string message) : Exception(message);
