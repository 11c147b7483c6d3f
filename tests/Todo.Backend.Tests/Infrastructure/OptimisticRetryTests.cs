using Microsoft.AspNetCore.Http;
using Todo.Backend.Infrastructure;

namespace Todo.Backend.Tests.Infrastructure;

public sealed class OptimisticRetryTests
{
    [Fact]
    public async Task AnAttemptThatKeepsLosingIsTriedMaxAttemptsTimesThenGivenUp()
    {
        var attempts = new List<int>();

        var outcome = await OptimisticRetry.RunAsync<int>(number =>
        {
            attempts.Add(number);
            return Task.FromResult<int?>(null);
        }, CancellationToken.None);

        Assert.Null(outcome);
        Assert.Equal(Enumerable.Range(1, OptimisticRetry.MaxAttempts), attempts);
    }

    [Fact]
    public async Task TheFirstAttemptThatLandsEndsTheRetry()
    {
        var attempts = 0;

        var outcome = await OptimisticRetry.RunAsync<int>(number => Task.FromResult<int?>(++attempts == 3 ? number * 10 : null), CancellationToken.None);

        Assert.Equal((30, 3), (outcome, attempts));
    }

    [Fact]
    public void BackoffIsRandomBelowACapThatDoublesUpToOneSecond()
    {
        var first = Enumerable.Range(0, 200).Select(_ => OptimisticRetry.Backoff(1)).ToList();
        var late = Enumerable.Range(0, 200).Select(_ => OptimisticRetry.Backoff(30)).ToList();

        Assert.All(first, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(4)));
        Assert.All(late, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        // Jitter: writers that collided do not wait the same time.
        Assert.True(late.Distinct().Count() > 150);
        Assert.True(late.Max() > TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void ARefusalThatCanBeRetriedCarriesRetryAfter()
    {
        var http = new DefaultHttpContext();
        var busy = new ServiceError(ServiceErrorKind.Conflict, "busy") { RetryAfter = OptimisticRetry.RetryAfter };
        var plain = new DefaultHttpContext();

        var result = ProblemResults.From(busy, http.Response);
        ProblemResults.From(new ServiceError(ServiceErrorKind.Conflict, "taken"), plain.Response);

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        Assert.Empty(plain.Response.Headers.RetryAfter.ToString());
    }
}
