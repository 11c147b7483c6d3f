namespace Todo.AppHost.Hosting;

/// <summary>A start-up failure with a message meant for the person at the terminal (no stack trace).</summary>
internal sealed class AppHostException(string message) : Exception(message);
