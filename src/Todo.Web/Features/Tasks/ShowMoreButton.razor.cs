using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Todo.Web.Features.Tasks;

public sealed partial class ShowMoreButton
{
    private ElementReference _element;
    private IJSObjectReference? _watch;
    private DotNetObjectReference<ShowMoreButton>? _self;
    private bool _loading;
    private int _watchedAt = -1;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public string Text { get; set; } = "";

    /// <summary>How many rows are shown: when it grows and the button is still in view, the next page is read too.</summary>
    [Parameter] public int Shown { get; set; }

    [Parameter] public EventCallback OnShowMore { get; set; }

    /// <summary>Called by the module when the button comes within a screen of the viewport.</summary>
    [JSInvokable]
    public Task NearViewportAsync() => ShowMoreAsync();

    private async Task ShowMoreAsync()
    {
        // One page at a time: a click and the scroll together read the next page once.
        if (_loading)
        {
            return;
        }

        _loading = true;
        try
        {
            await OnShowMore.InvokeAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_watchedAt == Shown)
        {
            return;
        }

        _watchedAt = Shown;
        try
        {
            if (_watch is null)
            {
                _self = DotNetObjectReference.Create(this);
                await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Tasks/ShowMoreButton.razor.js");
                _watch = await module.InvokeAsync<IJSObjectReference>("watch", _element, _self);
            }
            else
            {
                // Observing again reports at once whether the button is (still) in view.
                await _watch.InvokeVoidAsync("again");
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone; nothing to watch.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_watch is not null)
            {
                await _watch.InvokeVoidAsync("stop");
                await _watch.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit ended with the tab: the observer went with the page.
        }

        _self?.Dispose();
    }
}
