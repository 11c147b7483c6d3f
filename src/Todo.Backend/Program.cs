using Todo.Backend.Features.Diagnostics;
using Todo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// Dapr delivers events as CloudEvents; this unwraps them for the topic handlers.
app.UseCloudEvents();
app.MapSubscribeHandler();

app.MapDefaultEndpoints();
app.MapDiagnostics();

app.Run();

/// <summary>Marker for test hosts (two web projects each define a global Program).</summary>
public partial class Program;
