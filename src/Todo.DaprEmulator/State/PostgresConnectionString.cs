using System.Globalization;
using System.Text;
using Npgsql;

namespace Todo.DaprEmulator.State;

/// <summary>
/// The connection strings daprd's <c>state.postgresql</c> accepts, turned into Npgsql's. contrib builds the string
/// (components-contrib common/authentication/postgresql/metadata.go, buildConnectionString: a <c>postgres://</c> or
/// <c>postgresql://</c> URL, else a libpq <c>key=value key=value</c> DSN, with the metadata fields <c>host</c>,
/// <c>hostaddr</c>, <c>port</c>, <c>database</c>, <c>user</c>, <c>password</c>, <c>sslRootCert</c> overriding what
/// the string says) and hands it to pgx (jackc/pgx v5 pgconn/config.go, ParseConfig: <c>dbname</c> is an alias of
/// <c>database</c>; values may be single-quoted with backslash escapes; keys pgx does not read itself are sent to the
/// server as run-time parameters). pgx's parser is at jackc/pgx v5 pgconn/config.go (parseDSNSettings, parseURLSettings).
/// The emulator also keeps taking Npgsql's own <c>Host=...;Username=...</c> form, which daprd would misread; that is a
/// deviation kept for existing local setups.
/// </summary>
internal static class PostgresConnectionString
{
    // Settings pgx reads itself rather than sending them as run-time parameters (pgconn/config.go, notRuntimeParams;
    // pgx's ParseConfig takes the statement cache and query mode, pgxpool the pool_* settings) that Npgsql has no
    // equivalent for.
    private static readonly HashSet<string> IgnoredSettings = new(StringComparer.Ordinal)
    {
        "passfile", "service", "servicefile", "krbspn", "krbsrvname", "sslsni", "connect_recover_timeout",
        "statement_cache_capacity", "description_cache_capacity", "default_query_exec_mode",
        "pool_max_conn_lifetime", "pool_max_conn_idle_time", "pool_health_check_period", "pool_max_conn_lifetime_jitter",
    };

    private static readonly HashSet<string> TargetSessionAttributes = new(StringComparer.Ordinal)
    {
        "any", "read-write", "read-only", "primary", "standby", "prefer-standby",
    };

    /// <summary>Throws <see cref="FormatException"/> with pgx's reason when the string cannot be parsed.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString, IReadOnlyDictionary<string, string> metadata)
    {
        var overrides = Overrides(metadata);
        Dictionary<string, string> settings;
        if (connectionString.StartsWith("postgres://", StringComparison.Ordinal) || connectionString.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            settings = ParseUrl(connectionString);
            foreach (var (key, value) in overrides)
            {
                // buildURLConnectionString: hostaddr replaces the host, a port metadata is appended to it.
                settings[key == "hostaddr" ? "host" : key] = value;
            }
        }
        else if (connectionString.Contains(';') && !connectionString.Contains(' ') && TryNpgsql(connectionString) is { } npgsql)
        {
            return npgsql;
        }
        else
        {
            settings = ParseKeywordValue(RebuildDsn(connectionString, overrides));
        }

        return ToNpgsql(settings);
    }

    private static Dictionary<string, string> Overrides(IReadOnlyDictionary<string, string> metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, key) in new[] { ("user", "user"), ("host", "host"), ("hostaddr", "hostaddr"), ("port", "port"), ("database", "database"), ("password", "password"), ("sslRootCert", "sslrootcert") })
        {
            if (metadata.TryGetValue(field, out var value) && value.Length > 0)
            {
                result[key] = value;
            }
        }

        return result;
    }

    // buildDSNConnectionString: split on single spaces, keep the parts with '=', replace values named by metadata,
    // append the remaining metadata.
    private static string RebuildDsn(string connectionString, Dictionary<string, string> overrides)
    {
        var remaining = new Dictionary<string, string>(overrides, StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var part in connectionString.Split(' '))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2)
            {
                continue;
            }

            builder.Append(kv[0]).Append('=').Append(remaining.Remove(kv[0], out var value) ? value : kv[1]).Append(' ');
        }

        foreach (var (key, value) in remaining)
        {
            builder.Append(key).Append('=').Append(value).Append(' ');
        }

        if (builder.Length == 0)
        {
            throw new FormatException("failed to build connection string");
        }

        return builder.ToString().Trim();
    }

    // pgconn parseDSNSettings.
    private static Dictionary<string, string> ParseKeywordValue(string s)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (s.Length > 0)
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new FormatException("invalid dsn");
            }

            var key = s[..eq].Trim(' ', '\t', '\n', '\r', '\v', '\f');
            s = s[(eq + 1)..].TrimStart(' ', '\t', '\n', '\r', '\v', '\f');
            var value = "";
            if (s.Length > 0 && s[0] != '\'')
            {
                var end = 0;
                for (; end < s.Length && !char.IsWhiteSpace(s[end]); end++)
                {
                    if (s[end] == '\\' && ++end == s.Length)
                    {
                        throw new FormatException("invalid backslash");
                    }
                }

                value = Unescape(s[..end]);
                s = end >= s.Length ? "" : s[(end + 1)..];
            }
            else if (s.Length > 0)
            {
                s = s[1..];
                var end = 0;
                for (; end < s.Length && s[end] != '\''; end++)
                {
                    if (s[end] == '\\')
                    {
                        end++;
                    }
                }

                if (end >= s.Length)
                {
                    throw new FormatException("unterminated quoted string in connection info string");
                }

                value = Unescape(s[..end]);
                s = s[(end + 1)..];
            }

            if (key.Length == 0)
            {
                throw new FormatException("invalid dsn");
            }

            settings[key == "dbname" ? "database" : key] = value;
        }

        return settings;
    }

    private static string Unescape(string value) =>
        value.Replace("\\\\", "\\", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal);

    // pgconn parseURLSettings.
    private static Dictionary<string, string> ParseUrl(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = connectionString[(connectionString.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[slash..] : "";
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at].Split(':', 2);
            if (userInfo[0].Length > 0)
            {
                settings["user"] = Uri.UnescapeDataString(userInfo[0]);
            }

            if (userInfo.Length > 1)
            {
                settings["password"] = Uri.UnescapeDataString(userInfo[1]);
            }

            authority = authority[(at + 1)..];
        }

        var hosts = new List<string>();
        var ports = new List<string>();
        foreach (var hostPort in authority.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = hostPort.LastIndexOf(':');
            if (colon >= 0 && !hostPort[colon..].Contains(']', StringComparison.Ordinal))
            {
                hosts.Add(hostPort[..colon].Trim('[', ']'));
                ports.Add(hostPort[(colon + 1)..]);
            }
            else
            {
                hosts.Add(hostPort.Trim('[', ']'));
            }
        }

        if (hosts.Count > 0)
        {
            settings["host"] = string.Join(',', hosts);
        }

        if (ports.Count > 0)
        {
            settings["port"] = string.Join(',', ports);
        }

        var database = Uri.UnescapeDataString(path.TrimStart('/'));
        if (database.Length > 0)
        {
            settings["database"] = database;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0].Replace('+', ' '));
            settings[key == "dbname" ? "database" : key] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
        }

        return settings;
    }

    private static NpgsqlConnectionStringBuilder ToNpgsql(Dictionary<string, string> settings)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        var runtime = new List<string>();
        string? ports = null;
        foreach (var (key, value) in settings)
        {
            switch (key)
            {
                case "host":
                    builder.Host = value;
                    break;
                case "port":
                    ports = value;
                    break;
                case "database":
                    builder.Database = value;
                    break;
                case "user":
                    builder.Username = value;
                    break;
                case "password":
                    builder.Password = value;
                    break;
                case "sslmode":
                    builder.SslMode = value switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new FormatException("sslmode is invalid"),
                    };
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "sslcert":
                    builder.SslCertificate = value;
                    break;
                case "sslkey":
                    builder.SslKey = value;
                    break;
                case "sslpassword":
                    builder.SslPassword = value;
                    break;
                case "connect_timeout":
                    // Whole seconds, 0 = wait forever (pgconn parseConnectTimeoutSetting); Npgsql's 0 means the same.
                    builder.Timeout = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "search_path":
                    builder.SearchPath = value;
                    break;
                case "target_session_attrs":
                    builder.TargetSessionAttributes = TargetSessionAttributes.Contains(value)
                        ? value
                        : throw new FormatException($"unknown target_session_attrs value: {value}");
                    break;
                case "pool_max_conns":
                    builder.MaxPoolSize = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "pool_min_conns":
                    builder.MinPoolSize = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case var ignored when IgnoredSettings.Contains(ignored):
                    break;
                default:
                    runtime.Add($"-c {key}={value}");
                    break;
            }
        }

        if (ports is not null)
        {
            var portList = ports.Split(',');
            if (portList.Length == 1)
            {
                builder.Port = int.Parse(portList[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
            else
            {
                // Several hosts: Npgsql takes host:port pairs in Host.
                var hostList = (builder.Host ?? "localhost").Split(',');
                builder.Host = string.Join(',', hostList.Select((h, i) => $"{h}:{portList[Math.Min(i, portList.Length - 1)]}"));
            }
        }

        // pgx's defaults where the string says nothing (pgconn defaultSettings): localhost, port 5432.
        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = "localhost";
        }

        if (runtime.Count > 0)
        {
            builder.Options = string.Join(' ', runtime);
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder? TryNpgsql(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
