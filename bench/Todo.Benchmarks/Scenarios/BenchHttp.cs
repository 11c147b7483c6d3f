using Todo.Testing;

namespace Todo.Benchmarks.Scenarios;

/// <summary>HTTP steps the scenarios that host the apps share.</summary>
internal static class BenchHttp
{
    /// <summary>
    /// Until GET <paramref name="path"/> answers 2xx, for at most 30 s: an app behind a sidecar that is still starting
    /// refuses the connection or answers 5xx at first.
    /// </summary>
    public static Task WaitUntilReadyAsync(HttpClient http, string path) =>
        Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(path);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            $"{http.BaseAddress}{path} answers 2xx",
            TimeSpan.FromSeconds(30));
}
