using Microsoft.Extensions.Time.Testing;
using Todo.DaprEmulator.Resiliency;

namespace Todo.DaprEmulator.Tests.Resiliency;

/// <summary>
/// The engine against daprd's sources (v1.18.3): pkg/resiliency/retry.go (matching), breaker/circuitbreaker.go with
/// sony/gobreaker v0.5.0, policy.go (runner), dapr/kit v0.18.3 retry (back-off).
/// </summary>
public sealed class PolicyEngineTests
{
    [Theory]
    [InlineData("429,502-504", 503, true)]
    [InlineData("429,502-504", 500, false)]
    [InlineData("429,502-504", 429, true)]
    [InlineData("", 500, true)] // no list: every code
    [InlineData(",", 500, false)] // a list of nothing: no code
    public void HttpStatusCodesAreMatchedByListAndRange(string codes, int status, bool retried) =>
        Assert.Equal(retried, StatusCodeMatch.Parse(codes, null).NeedsRetry(status));

    [Fact]
    public void GrpcCodesAreJudgedByTheGrpcListAndOthersByNeither()
    {
        var match = StatusCodeMatch.Parse("500", "14");

        Assert.True(match.NeedsRetry(14));
        Assert.False(match.NeedsRetry(2));
        Assert.True(match.NeedsRetry(500));
        Assert.False(match.NeedsRetry(503));
        Assert.False(match.NeedsRetry(700)); // outside both ranges: never retried
    }

    [Theory]
    [InlineData("600", "invalid pattern 600, start code 600 is not valid")]
    [InlineData("504-502", "invalid pattern 504-502, start value should not bigger than end value")]
    [InlineData("1-2-3", "invalid pattern 1-2-3, more than one '-' exists")]
    [InlineData("abc", "failed to parse start code abc from pattern abc to int")]
    public void BadPatternsAreRejectedWithDaprdsMessages(string codes, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => StatusCodeMatch.Parse(codes, null)).Message);

    [Theory]
    [InlineData("consecutiveFailures > 5", 6, true)]
    [InlineData("consecutiveFailures > 5", 5, false)]
    [InlineData("consecutiveFailures >= 2 && requests > 1", 2, true)]
    [InlineData("(totalFailures * 100) / requests >= 50 || consecutiveFailures > 9", 2, true)]
    [InlineData("!(consecutiveFailures < 3)", 3, true)]
    [InlineData("totalFailures / totalSuccesses > 1", 3, false)] // division by zero: does not trip
    [InlineData("failures > 5", 9, false)] // compiles (pkg/expr declares unknown names) but has no value: does not trip
    public void TripExpressionsEvaluateOverTheCounts(string expression, long failures, bool trips)
    {
        var counts = new Dictionary<string, long>
        {
            ["requests"] = failures, ["totalSuccesses"] = 0, ["totalFailures"] = failures,
            ["consecutiveSuccesses"] = 0, ["consecutiveFailures"] = failures,
        };

        Assert.Equal(trips, TripExpression.Parse(expression).Evaluate(counts));
    }

    [Theory]
    [InlineData("consecutiveFailures >")]
    [InlineData("consecutiveFailures >> 5")]
    [InlineData("consecutiveFailures > 5 extra")]
    public void TripExpressionsThatDoNotCompileAreRejected(string expression) =>
        Assert.Throws<FormatException>(() => TripExpression.Parse(expression));

    [Fact]
    public async Task TheDefaultTripIsMoreThanFiveConsecutiveFailures()
    {
        var breaker = new CircuitBreaker("b", 0, TimeSpan.Zero, TimeSpan.Zero, null, new FakeTimeProvider());
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(breaker);
        }

        Assert.Equal(CircuitBreakerState.Closed, breaker.State);
        await FailAsync(breaker);
        Assert.Equal(CircuitBreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task AnOpenBreakerTurnsHalfOpenAfterItsTimeoutAndLetsMaxRequestsThrough()
    {
        var time = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", 2, TimeSpan.Zero, TimeSpan.FromSeconds(10), TripExpression.Parse("consecutiveFailures > 0"), time);
        await FailAsync(breaker);
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => breaker.ExecuteAsync(() => Task.FromResult(1)));

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(CircuitBreakerState.HalfOpen, breaker.State);
        var gate = new TaskCompletionSource<int>();
        var first = breaker.ExecuteAsync(() => gate.Task);
        var second = breaker.ExecuteAsync(() => gate.Task);
        var third = await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => breaker.ExecuteAsync(() => Task.FromResult(1)));
        Assert.Equal("too many requests", third.Message);

        gate.SetResult(1);
        await first;
        await second;
        Assert.Equal(CircuitBreakerState.Closed, breaker.State); // maxRequests consecutive successes close it
    }

    [Fact]
    public async Task TheIntervalClearsTheCountsWhileClosed()
    {
        var time = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", 1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TripExpression.Parse("consecutiveFailures >= 2"), time);
        await FailAsync(breaker);
        time.Advance(TimeSpan.FromSeconds(6));
        await FailAsync(breaker);

        Assert.Equal(CircuitBreakerState.Closed, breaker.State); // the first failure was in an earlier generation
    }

    [Fact]
    public async Task TheRunnerStopsRetryingWhenTheCodeDoesNotMatch()
    {
        var runner = new PolicyRunner("t", null, new RetryPolicy(RetryBackOff.Default with { Duration = TimeSpan.FromMilliseconds(1), MaxRetries = 5 }, StatusCodeMatch.Parse("503", null)),
            null, null, TimeProvider.System, null);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<ResiliencyCodeException>(() => runner.RunAsync<int>(_ =>
        {
            attempts++;
            throw new ResiliencyCodeException(attempts == 1 ? 503 : 500, "failed");
        }, CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task APermanentErrorEndsTheRetriesAndIsUnwrapped()
    {
        var runner = new PolicyRunner("t", null, new RetryPolicy(RetryBackOff.Default with { Duration = TimeSpan.FromMilliseconds(1), MaxRetries = -1 }, StatusCodeMatch.Any),
            null, null, TimeProvider.System, null);
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync<int>(_ =>
        {
            attempts++;
            throw new ResiliencyPermanentException(new InvalidOperationException("etag mismatch"));
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task UnlimitedRetriesKeepGoingUntilSuccess()
    {
        var runner = new PolicyRunner("t", null, new RetryPolicy(RetryBackOff.Default with { Duration = TimeSpan.FromMilliseconds(1), MaxRetries = -1 }, StatusCodeMatch.Any),
            null, null, TimeProvider.System, null);
        var attempts = 0;

        var result = await runner.RunAsync(_ => ++attempts < 20 ? throw new IOException("down") : Task.FromResult(attempts), CancellationToken.None);

        Assert.Equal(20, result);
    }

    [Fact]
    public async Task EachAttemptGetsItsOwnTimeout()
    {
        var runner = new PolicyRunner("t", TimeSpan.FromMilliseconds(50), new RetryPolicy(RetryBackOff.Default with { Duration = TimeSpan.FromMilliseconds(1), MaxRetries = 2 }, StatusCodeMatch.Any),
            null, null, TimeProvider.System, null);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync<int>(async token =>
        {
            attempts++;
            await Task.Delay(TimeSpan.FromSeconds(10), token);
            return 1;
        }, CancellationToken.None));

        Assert.Equal("context deadline exceeded", error.Message);
        Assert.Equal(3, attempts);
    }

    private static async Task FailAsync(CircuitBreaker breaker) =>
        await Assert.ThrowsAsync<IOException>(() => breaker.ExecuteAsync<int>(() => throw new IOException("down")));
}
