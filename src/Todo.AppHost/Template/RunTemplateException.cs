namespace Todo.AppHost.Template;

/// <summary>A run template that cannot be used; the message names the file, the field and what is wrong.</summary>
internal sealed class RunTemplateException(string message) : Exception(message);
