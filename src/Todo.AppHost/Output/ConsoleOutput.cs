namespace Todo.AppHost.Output;

/// <summary>
/// One log stream for everything: each line prefixed with its source (<c>[todo-web]</c>, <c>[dapr]</c>,
/// <c>[apphost]</c>), the prefix coloured per source when stdout is a terminal (and NO_COLOR is unset).
/// Lines from different processes never interleave mid-line.
/// </summary>
internal sealed class ConsoleOutput
{
    public const string AppHostSource = "apphost";
    public const string DaprSource = "dapr";

    // ANSI foreground colours, skipping black/white/red (red is kept for errors).
    private static readonly string[] Palette = ["\e[36m", "\e[32m", "\e[33m", "\e[34m", "\e[96m", "\e[92m", "\e[93m"];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal)
    {
        [AppHostSource] = "\e[1m",
        [DaprSource] = "\e[35m",
    };

    private readonly TextWriter _writer;
    private readonly bool _colour;

    public ConsoleOutput(TextWriter writer, bool colour)
    {
        _writer = writer;
        _colour = colour;
    }

    public static ConsoleOutput ForConsole() => new(Console.Out,
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    public void WriteLine(string source, string text, bool error = false)
    {
        lock (_lock)
        {
            if (_colour)
            {
                var colour = error ? "\e[31m" : ColourOf(source);
                _writer.WriteLine($"{colour}[{source}]\e[0m {text}");
            }
            else
            {
                _writer.WriteLine($"[{source}] {text}");
            }

            _writer.Flush();
        }
    }

    public void Info(string text) => WriteLine(AppHostSource, text);

    public void Error(string text) => WriteLine(AppHostSource, text, error: true);

    private string ColourOf(string source)
    {
        if (!_colours.TryGetValue(source, out var colour))
        {
            colour = Palette[(_colours.Count - 2) % Palette.Length];
            _colours[source] = colour;
        }

        return colour;
    }
}
