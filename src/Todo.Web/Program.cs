using MudBlazor.Services;
using Todo.Web.Components;
using Todo.Web.Features.Backend;
using Todo.Web.Features.Live;
using Todo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
// The build output must find MudBlazor's static assets outside Development too (AppHost runs apps from bin/).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.AddServiceDefaults();
builder.AddBackendClient();
builder.AddLiveEvents();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
// Dapr delivers events as CloudEvents; this unwraps them for the topic handlers.
app.UseCloudEvents();
app.MapSubscribeHandler();

app.MapDefaultEndpoints();
app.MapLiveEvents();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Marker for test hosts (two web projects each define a global Program).</summary>
public partial class Program;
