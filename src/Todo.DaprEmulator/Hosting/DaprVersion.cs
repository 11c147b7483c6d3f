using System.Globalization;

namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// The daprd release an emulator imitates: the routes and RPCs it serves and the version it reports. The supported
/// ones are Dapr's own: the current release and the two before it.
/// </summary>
public sealed record DaprVersion(int Minor, string Patch)
{
    /// <summary>Jobs API only as alpha1 (<c>/v1.0-alpha1/jobs</c>, <c>*JobAlpha1</c> RPCs): dapr/dapr v1.17.13 pkg/api/http/jobs.go and dapr.proto.</summary>
    public static readonly DaprVersion V1_17 = new(17, "1.17.13");

    /// <summary>Adds the stable Jobs API (<c>/v1.0/jobs</c>, <c>ScheduleJob</c> …) beside alpha1: dapr/dapr v1.18.3 pkg/api/http/jobs.go.</summary>
    public static readonly DaprVersion V1_18 = new(18, "1.18.3");

    /// <summary>Read from its release notes and the 1.19 SDK protos (the stored source ends before it): as 1.18 for what we use.</summary>
    public static readonly DaprVersion V1_19 = new(19, "1.19.0");

    public static IReadOnlyList<DaprVersion> Supported { get; } = [V1_17, V1_18, V1_19];

    /// <summary>
    /// What a run imitates unless told otherwise: the OLDEST supported release (issue 9), so a local run or test that
    /// names no version fails on an API a still-supported daprd lacks instead of hiding the drift.
    /// </summary>
    public static DaprVersion Default => V1_17;

    /// <summary>Serves <c>/v1.0/jobs</c> and the stable job RPCs.</summary>
    public bool HasStableJobsApi => Minor >= 18;

    /// <summary>"1.17", "1.17.13" or "v1.18" → the supported version with that minor.</summary>
    public static DaprVersion Parse(string text)
    {
        var parts = text.Trim().TrimStart('v').Split('.');
        if (parts.Length >= 2 && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) &&
            Supported.FirstOrDefault(v => v.Minor == minor) is { } version)
        {
            return version;
        }

        throw new ArgumentException(
            $"Dapr version '{text}' is not one the emulator imitates; use one of {string.Join(", ", Supported.Select(v => $"1.{v.Minor}"))}.");
    }

    public override string ToString() => Patch;
}
