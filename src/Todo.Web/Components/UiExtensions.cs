using MudBlazor;
using MudBlazor.Services;

namespace Todo.Web.Components;

internal static class UiExtensions
{
    /// <summary>Blazor Server (every page interactive) and MudBlazor, with toasts where they cover no controls.</summary>
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(mud =>
        {
            // Bottom left: the rows' edit and delete buttons sit on the right, and the list is centred on wide screens.
            mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 5;
            mud.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        return builder;
    }
}
