using System.Diagnostics;
using System.Net;
using System.Text;
using static Todo.DaprEmulator.Tests.Resiliency.ResiliencyKit;

namespace Todo.DaprEmulator.Tests.Resiliency;

/// <summary>
/// Service invocation under the CALLER's endpoint policy (dapr/dapr pkg/api/http/directmessaging.go, v1.18.3): attempts
/// are counted at a real app on Kestrel behind app-b's sidecar, called through app-a's.
/// </summary>
public sealed class InvokeResiliencyTests
{
    private const string ConstantRetry = """
        retries:
          threeTimes:
            policy: constant
            duration: 20ms
            maxRetries: 2
        """;

    private const string AppTarget = """
        apps:
          app-b:
            retry: threeTimes
        """;

    private static Task<HttpResponseMessage> InvokeAsync(Infrastructure.EmulatorFixture emulator, string body = "payload") =>
        emulator.Http("app-a").PostAsync("/v1.0/invoke/app-b/method/work", new StringContent(body, Encoding.UTF8, "text/plain"));

    [Fact]
    public async Task AConstantRetryRepeatsAFailingAnswerAndPassesTheLastOneBack()
    {
        await using var app = await CountingApp.StartAsync();
        app.Answer = n => Task.FromResult(Results.Text($"busy {n}", "text/plain", statusCode: 503));
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(ConstantRetry, AppTarget)));

        using var response = await InvokeAsync(emulator);

        Assert.Equal(3, app.Calls); // the first attempt and maxRetries: 2
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("busy 3", await response.Content.ReadAsStringAsync());
        Assert.All(app.Bodies, body => Assert.Equal("payload", body)); // the body is replayed on every attempt
    }

    [Fact]
    public async Task ARetryStopsAtTheFirstSuccess()
    {
        await using var app = await CountingApp.StartAsync();
        app.Answer = n => Task.FromResult(n < 2 ? Results.StatusCode(500) : Results.Text("ok", "text/plain"));
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(ConstantRetry, AppTarget)));

        using var response = await InvokeAsync(emulator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, app.Calls);
    }

    [Fact]
    public async Task AnExponentialRetryWithMaxRetriesMakesThatManyMoreAttempts()
    {
        await using var app = await CountingApp.AnsweringAsync(502);
        const string policies = """
            retries:
              backOff:
                policy: exponential
                maxInterval: 100ms
                maxRetries: 2
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(policies, AppTarget.Replace("threeTimes", "backOff"))));

        using var response = await InvokeAsync(emulator);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3, app.Calls);
    }

    [Theory]
    [InlineData(500, 1)] // not in the list: permanent
    [InlineData(503, 3)] // in the range 502-504
    [InlineData(429, 3)]
    [InlineData(404, 1)]
    public async Task OnlyMatchingStatusCodesAreRetried(int status, int expectedCalls)
    {
        await using var app = await CountingApp.AnsweringAsync(status);
        var policies = ConstantRetry + """

                matching:
                  httpStatusCodes: "429,502-504"
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(policies, AppTarget)));

        using var response = await InvokeAsync(emulator);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(expectedCalls, app.Calls);
    }

    [Fact]
    public async Task WithoutAPolicyAFailingAnswerIsNotRetried()
    {
        await using var app = await CountingApp.AnsweringAsync(503);
        await using var emulator = await StartPairAsync(app.App);

        using var response = await InvokeAsync(emulator);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, app.Calls); // DaprBuiltInServiceRetries only covers the sidecar-to-sidecar hop
    }

    [Fact]
    public async Task APolicyScopedToAnotherAppDoesNotApplyToThisCaller()
    {
        await using var app = await CountingApp.AnsweringAsync(503);
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(ConstantRetry, AppTarget, "scopes:\n  - app-b")));

        using var response = await InvokeAsync(emulator);

        Assert.Equal(1, app.Calls); // app-b's sidecar has the policy, but the caller's (app-a) applies it
    }

    [Fact]
    public async Task ATimeoutFailsTheCallWithoutWaitingForTheApp()
    {
        await using var app = await CountingApp.StartAsync();
        app.Answer = async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return Results.Ok();
        };
        const string policies = """
            timeouts:
              short: 200ms
            """;
        const string targets = """
            apps:
              app-b:
                timeout: short
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(policies, targets)));

        var watch = Stopwatch.StartNew();
        using var response = await InvokeAsync(emulator);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("context deadline exceeded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Calls);
    }

    [Fact]
    public async Task ACircuitBreakerOpensAfterTheTripAndLetsOneCallThroughWhenHalfOpen()
    {
        await using var app = await CountingApp.StartAsync();
        var healthy = false;
        app.Answer = _ => Task.FromResult(Volatile.Read(ref healthy) ? Results.Text("ok", "text/plain") : Results.StatusCode(500));
        const string policies = """
            circuitBreakers:
              breaker:
                maxRequests: 1
                timeout: 700ms
                trip: consecutiveFailures >= 2
            """;
        const string targets = """
            apps:
              app-b:
                circuitBreaker: breaker
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(policies, targets)));

        (await InvokeAsync(emulator)).Dispose();
        (await InvokeAsync(emulator)).Dispose();
        Assert.Equal(2, app.Calls);

        using (var refused = await InvokeAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Contains("circuit breaker is open", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(2, app.Calls); // the open breaker did not reach the app

        await Task.Delay(TimeSpan.FromMilliseconds(900));
        Volatile.Write(ref healthy, true);
        using (var probe = await InvokeAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode); // half-open: one call through, it succeeds, closed again
        }

        using (var after = await InvokeAsync(emulator))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.Equal(4, app.Calls);
    }

    [Fact]
    public async Task AFailedHalfOpenCallOpensTheBreakerAgain()
    {
        await using var app = await CountingApp.AnsweringAsync(500);
        const string policies = """
            circuitBreakers:
              breaker:
                timeout: 500ms
                trip: consecutiveFailures > 0
            """;
        const string targets = """
            apps:
              app-b:
                circuitBreaker: breaker
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(policies, targets)));

        (await InvokeAsync(emulator)).Dispose();
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        (await InvokeAsync(emulator)).Dispose(); // half-open probe, fails
        using var refused = await InvokeAsync(emulator);

        Assert.Contains("circuit breaker is open", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, app.Calls);
    }

    [Fact]
    public async Task AnOpenBreakerIsNotRetried()
    {
        await using var app = await CountingApp.AnsweringAsync(500);
        var policies = ConstantRetry + """

            circuitBreakers:
              breaker:
                timeout: 30s
                trip: consecutiveFailures > 1
            """;
        const string targets = """
            apps:
              app-b:
                retry: threeTimes
                circuitBreaker: breaker
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(policies, targets)));

        using var response = await InvokeAsync(emulator);

        // Attempt 1 and 2 fail and trip the breaker; the third is refused by it and ends the retries.
        Assert.Equal(2, app.Calls);
        Assert.Contains("circuit breaker is open", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcInvokeServiceRunsUnderTheSameEndpointPolicyAndRetriesEveryFailingAnswerWhateverTheMatching()
    {
        await using var app = await CountingApp.StartAsync();
        app.Answer = n => Task.FromResult(Results.Text($"busy {n}", "text/plain", statusCode: 503));
        const string OnlyFor500 = """
            retries:
              threeTimes:
                policy: constant
                duration: 20ms
                maxRetries: 2
                matching:
                  httpStatusCodes: "500"
            """;
        await using var emulator = await StartPairAsync(app.App, ("resiliency.yaml", Resource(OnlyFor500, AppTarget)));
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(emulator.Host["app-a"].GrpcEndpoint);
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);

        using var call = grpc.InvokeServiceAsync(new Dapr.Client.Autogen.Grpc.v1.InvokeServiceRequest
        {
            Id = "app-b",
            Message = new Dapr.Client.Autogen.Grpc.v1.InvokeRequest
            {
                Method = "work",
                Data = new Google.Protobuf.WellKnownTypes.Any { Value = Google.Protobuf.ByteString.CopyFromUtf8("payload") },
                HttpExtension = new Dapr.Client.Autogen.Grpc.v1.HTTPExtension { Verb = Dapr.Client.Autogen.Grpc.v1.HTTPExtension.Types.Verb.Post },
            },
        });
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => call.ResponseAsync);

        // grpc.go InvokeService: the app's 503 is a status error, not a CodeError, so `matching` does not stop it.
        Assert.Equal(3, app.Calls);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("busy 3", Errors.RichStatus.ErrorInfo(Errors.RichStatus.FromTrailer(error)).Metadata["http.error_message"]);
        Assert.All(app.Bodies, body => Assert.Equal("payload", body));
    }
}
