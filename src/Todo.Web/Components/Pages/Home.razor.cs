using Microsoft.AspNetCore.Components;
using MudBlazor;
using Todo.Contracts.Diagnostics;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;

namespace Todo.Web.Components.Pages;

public sealed partial class Home
{
    private HelloResponse? _hello;
    private string? _error;
    private bool _pinging;
    private bool _ready;

    [Inject]
    private BackendClient Backend { get; set; } = default!;

    [Inject]
    private LiveEventNotifier Notifier { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Runs only on the interactive circuit, not during prerendering, so the backend is called once per visit.
        if (!firstRender)
        {
            return;
        }

        Notifier.PingReceived += OnPingReceived;
        _ready = true;
        try
        {
            _hello = await Backend.GetHelloAsync();
        }
        catch (HttpRequestException ex)
        {
            _error = $"todo-backend could not be reached through Dapr: {ex.Message}";
        }

        StateHasChanged();
    }

    private async Task PingAsync()
    {
        _pinging = true;
        try
        {
            await Backend.PingAsync($"Ping at {DateTimeOffset.Now:T}");
        }
        catch (HttpRequestException ex)
        {
            Snackbar.Add($"The ping could not be sent: {ex.Message}", Severity.Error);
        }
        finally
        {
            _pinging = false;
        }
    }

    // Called on the thread that handled the Dapr delivery: marshal onto the circuit.
    private void OnPingReceived(PingSent ping) =>
        _ = InvokeAsync(() => Snackbar.Add($"Event received through Dapr pub/sub: {ping.Message}", Severity.Info));

    public void Dispose() => Notifier.PingReceived -= OnPingReceived;
}
