using System.Globalization;
using Todo.DaprEmulator.Jobs;

namespace Todo.DaprEmulator.Resiliency;

/// <summary>
/// dapr/kit retry.Config (v0.18.3), shared by Resiliency retry policies and pubsub.kafka. pubsub.kafka reads it from the <c>backOff*</c> metadata (contrib
/// common/component/kafka/kafka.go: <c>retry.DecodeConfigWithPrefix(&amp;k.backOffConfig, metadata, "backOff")</c>;
/// dapr/kit retry/retry.go, config/prefix.go, config/decode.go). The prefix is matched case-sensitively, the rest of
/// the name case-insensitively; durations are whole milliseconds or Go durations. Defaults (<c>DefaultConfig</c>):
/// constant policy, 5 s, unlimited retries; exponential: 500 ms initial, ×1.5, ±50 %, 60 s cap, 15 min elapsed limit
/// (cenkalti/backoff v4 defaults).
/// </summary>
internal sealed record RetryBackOff(
    bool Exponential,
    TimeSpan Duration,
    TimeSpan InitialInterval,
    double RandomizationFactor,
    double Multiplier,
    TimeSpan MaxInterval,
    TimeSpan MaxElapsedTime,
    long MaxRetries)
{
    public static readonly RetryBackOff Default = new(
        false, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500), 0.5, 1.5, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(15), -1);

    /// <summary>
    /// Reads the <paramref name="prefix"/>ed entries of <paramref name="metadata"/> (<c>backOff*</c> for pubsub.kafka,
    /// no prefix for a Resiliency retry policy: <c>retry.DecodeConfig</c>); throws <see cref="FormatException"/> naming the field.
    /// </summary>
    public static RetryBackOff From(IEnumerable<KeyValuePair<string, string>> metadata, string prefix = "backOff")
    {
        var config = Default;
        foreach (var (name, value) in metadata)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
            {
                continue;
            }

            var field = name[prefix.Length..];
            config = field.ToLowerInvariant() switch
            {
                "policy" => config with
                {
                    Exponential = value.ToLowerInvariant() switch
                    {
                        "constant" => false,
                        "exponential" => true,
                        _ => throw new FormatException($"invalid PolicyType \"{value}\": unexpected back off policy type: {value}"),
                    },
                },
                "duration" => config with { Duration = ParseDuration(name, value) },
                "initialinterval" => config with { InitialInterval = ParseDuration(name, value) },
                "maxinterval" => config with { MaxInterval = ParseDuration(name, value) },
                "maxelapsedtime" => config with { MaxElapsedTime = ParseDuration(name, value) },
                "randomizationfactor" => config with { RandomizationFactor = Float(name, value) },
                "multiplier" => config with { Multiplier = Float(name, value) },
                "maxretries" => config with
                {
                    MaxRetries = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries)
                        ? retries
                        : throw new FormatException($"metadata '{name}' must be a whole number, got '{value}'"),
                },
                _ => config,
            };
        }

        return config;
    }

    /// <summary>A fresh back-off, as <c>NewBackOffWithContext</c> builds one (and <c>RetryNotify</c> resets it per message).</summary>
    public State Start(TimeProvider time) => new(this, time);

    /// <summary>dapr/kit config/decode.go's duration hook: whole milliseconds or a Go duration.</summary>
    internal static TimeSpan ParseDuration(string name, string value)
    {
        // config/decode.go: an integer is milliseconds, anything else goes through time.ParseDuration.
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return GoDuration.TryParse(value, out var duration)
            ? duration
            : throw new FormatException($"metadata '{name}' must be a duration such as 200ms, 2s or 1m, got '{value}'");
    }

    private static double Float(string name, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"metadata '{name}' must be a number, got '{value}'");

    /// <summary>
    /// One message's back-off: cenkalti/backoff v4 ConstantBackOff or ExponentialBackOff, wrapped in WithMaxRetries
    /// when <c>maxRetries</c> ≥ 0 (<c>0</c>: no retry; <c>n</c>: n retries after the first attempt).
    /// </summary>
    internal sealed class State
    {
        private readonly RetryBackOff _config;
        private readonly TimeProvider _time;
        private long _tries;
        private TimeSpan _current;
        private long _startTimestamp;

        public State(RetryBackOff config, TimeProvider time)
        {
            _config = config;
            _time = time;
            Reset();
        }

        public void Reset()
        {
            _tries = 0;
            _current = _config.InitialInterval;
            _startTimestamp = _time.GetTimestamp();
        }

        /// <summary>The wait before the next attempt, or null to stop retrying (<c>backoff.Stop</c>).</summary>
        public TimeSpan? Next()
        {
            if (_config.MaxRetries == 0)
            {
                return null;
            }

            if (_config.MaxRetries > 0)
            {
                if (_tries >= _config.MaxRetries)
                {
                    return null;
                }

                _tries++;
            }

            if (!_config.Exponential)
            {
                return _config.Duration;
            }

            // ExponentialBackOff.NextBackOff: randomise the current interval, then grow it (capped at MaxInterval);
            // stop once the elapsed time plus the next wait would pass MaxElapsedTime (0 = never).
            var elapsed = _time.GetElapsedTime(_startTimestamp);
            var delta = _config.RandomizationFactor * _current.Ticks;
            var min = _current.Ticks - delta;
            var max = _current.Ticks + delta;
            var next = TimeSpan.FromTicks((long)(min + (Random.Shared.NextDouble() * (max - min + 1))));
            _current = _current.Ticks >= _config.MaxInterval.Ticks / _config.Multiplier
                ? _config.MaxInterval
                : TimeSpan.FromTicks((long)(_current.Ticks * _config.Multiplier));
            if (_config.MaxElapsedTime != TimeSpan.Zero && elapsed + next > _config.MaxElapsedTime)
            {
                return null;
            }

            return next;
        }
    }
}
