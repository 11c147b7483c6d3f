using Todo.Backend.Features.Accounts;
using Todo.Backend.Features.Activity;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Diagnostics;
using Todo.Backend.Features.Chat;
using Todo.Backend.Features.DataTransfer;
using Todo.Backend.Features.Events;
using Todo.Backend.Features.Mcp;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Features.Tokens;
using Todo.Backend.Infrastructure;
using Todo.ServiceDefaults;
using Todo.ServiceDefaults.Dapr;
using Todo.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddExceptionHandler<SidecarUnavailableHandler>();
builder.Services.AddExceptionHandler<AccountGoneHandler>();
builder.AddTodoAuthentication();
builder.AddAccounts();
builder.AddAccessTokens();
builder.AddTasks();
builder.AddProjects();
builder.AddActivity();
builder.AddReminders();
builder.AddTaskEvents();
builder.AddMcp();
builder.AddChat();
builder.AddDataTransfer();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// Job triggers, topic deliveries and /dapr/subscribe: the Dapr runtime only, with its app token (before any body is read).
app.UseSidecarOnlyRoutes();
app.UseRequestProblems();
// Dapr delivers events as CloudEvents; this unwraps them for the topic handlers.
app.UseCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapAccounts();
app.MapAccessTokens();
app.MapTasks();
app.MapProjects();
app.MapActivity();
app.MapReminderJobs();
app.MapTaskEventSubscriptions();
app.MapDiagnostics();
app.MapMcpServer();
app.MapChat();
app.MapDataTransfer();

app.Run();

/// <summary>Marker for test hosts (two web projects each define a global Program).</summary>
public partial class Program;
