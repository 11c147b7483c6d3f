using Microsoft.JSInterop;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// The tasks page's end of <c>wwwroot/js/taskdrag.js</c>: registers the page for drops and Alt+Arrow moves once the
/// circuit is interactive, and unregisters when the page goes. A lost circuit needs no unregistering (its page is gone).
/// </summary>
internal sealed class TaskDragInterop : IDisposable
{
    private IJSObjectReference? _module;
    private IDisposable? _page;

    public async Task RegisterAsync<TPage>(IJSRuntime js, TPage page) where TPage : class
    {
        var reference = DotNetObjectReference.Create(page);
        _page = reference;
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./js/taskdrag.js");
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("register", reference);
        }
    }

    public void Dispose()
    {
        var module = _module;
        _module = null;
        if (module is not null)
        {
            // Dispose cannot wait for the browser; the module drops its listeners when it hears.
            _ = UnregisterAsync(module);
        }

        _page?.Dispose();
        _page = null;
    }

    private static async Task UnregisterAsync(IJSObjectReference module)
    {
        try
        {
            await module.InvokeVoidAsync("unregister");
            await module.DisposeAsync();
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The circuit is gone, and the page's listeners with it.
        }
    }
}
