namespace Todo.Web.Features.Backend;

/// <summary>
/// todo-backend could not be reached: the sidecar is down, the backend is not running, or the call timed out. The UI
/// shows a banner for it instead of an error page.
/// </summary>
public sealed class BackendUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string Banner = "The todo service cannot be reached right now. Your changes were not saved; try again in a moment.";
}
