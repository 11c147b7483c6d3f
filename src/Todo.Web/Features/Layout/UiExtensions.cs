using MudBlazor;
using MudBlazor.Services;

namespace Todo.Web.Features.Layout;

internal static class UiExtensions
{
    /// <summary>Blazor Server (every page interactive) and MudBlazor, with toasts where they cover no controls.</summary>
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<ThemeState>();
        builder.Services.AddMudServices(mud =>
        {
            // Bottom left: the rows' edit and delete buttons sit on the right, and the list is centred on wide screens.
            mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            // Three at most: a burst of "Added …" toasts stacked up over the bottom of a phone's list.
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            mud.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        return builder;
    }
}
