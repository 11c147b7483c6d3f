using Todo.ServiceDefaults;
using Todo.ServiceDefaults.Dapr;
using Todo.ServiceDefaults.Http;
using Todo.Web;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.Backend;
using Todo.Web.Features.DataTransfer;
using Todo.Web.Features.Layout;
using Todo.Web.Features.Live;
using Todo.Web.Features.Projects;
using Todo.Web.Features.Security;
using Todo.Web.Features.Tasks;

var builder = WebApplication.CreateBuilder(args);
// The build output must find MudBlazor's static assets outside Development too (AppHost runs apps from bin/).
builder.WebHost.UseStaticWebAssets();

builder.AddUi();
builder.AddServiceDefaults();
builder.AddAccounts();
builder.AddBackendClient();
builder.AddDataTransfer();
builder.AddLiveEvents();
builder.AddProjects();
builder.AddTaskAssignees();
builder.AddWebSecurity();
builder.AddSharedKeyRing();

var app = builder.Build();

app.UseWebSecurity();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// Topic deliveries and /dapr/subscribe: the Dapr runtime only, with its app token (before any body is read).
app.UseSidecarOnlyRoutes();
app.UseRequestProblems();
// Dapr delivers events as CloudEvents; this unwraps them for the topic handlers (which de-duplicate by the event id
// repeated in the data).
app.UseCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapAccounts();
app.MapLiveEvents();
app.MapDataTransfer();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Marker for test hosts (two web projects each define a global Program).</summary>
public partial class Program;
