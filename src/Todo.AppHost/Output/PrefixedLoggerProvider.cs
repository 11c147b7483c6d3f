using Microsoft.Extensions.Logging;

namespace Todo.AppHost.Output;

/// <summary>
/// Writes the in-process emulator's logs into the shared stream as <c>[dapr] message</c>, one line each,
/// like daprd's console output under <c>dapr run</c>.
/// </summary>
internal sealed class PrefixedLoggerProvider(ConsoleOutput output, string source) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new PrefixedLogger(output, source);

    public void Dispose()
    {
    }

    private sealed class PrefixedLogger(ConsoleOutput output, string source) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Warning => "warn: ",
                LogLevel.Error or LogLevel.Critical => "fail: ",
                LogLevel.Debug or LogLevel.Trace => "dbug: ",
                _ => "",
            };
            var text = level + formatter(state, exception);
            if (exception is not null)
            {
                text += logLevel >= LogLevel.Error ? Environment.NewLine + exception : $" ({exception.Message})";
            }

            output.WriteLine(source, text, error: logLevel >= LogLevel.Error);
        }
    }
}
