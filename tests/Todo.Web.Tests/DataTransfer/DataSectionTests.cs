using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts;
using Todo.Contracts.DataTransfer;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Accounts;
using Todo.Web.Features.DataTransfer;
using Todo.Web.Features.Settings;
using Todo.Web.Tests.TaskList;

namespace Todo.Web.Tests.DataTransfer;

/// <summary>
/// Settings → Data over a real <see cref="DataTransferClient"/> whose backend answers from here: the import report
/// with its rows, a refused file's ProblemDetails in words, and the feed address shown once then revoked.
/// </summary>
public sealed class DataSectionTests : MudTestContext
{
    private readonly Backend _backend = new();

    public DataSectionTests()
    {
        Services.AddSingleton(new DataTransferClient(new HttpClient(_backend) { BaseAddress = new Uri("http://todo-backend/") },
            new UserTokenIssuer(RecordingBackend.SigningKeys(), Clock)));
        Services.AddScoped<CurrentUser>();
        var auth = AddAuthorization();
        auth.SetAuthorized("ann");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "u1"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void AnImportShowsWhatWasCreatedSkippedAndEachRowThatWasNot()
    {
        _backend.Import = _ => Json(new ImportReport("web-1", ImportReport.TodoistCsv, 5, 2, 0,
            [new ImportRowError(11, "Give the task a title.")], [new ImportRowError(10, "DATE \"der 3. Juni\" was not understood; imported without a due date.")]));
        var section = Render<DataSection>();

        section.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("TYPE,CONTENT\r\ntask,x\r\n", "Groceries.csv", contentType: "text/csv"));

        section.WaitForAssertion(() => Assert.Equal("5 tasks imported, 2 skipped, 1 error.", section.Find("#import-summary").TextContent));
        Assert.Equal(["Row 11: Give the task a title.", "Row 10: DATE \"der 3. Juni\" was not understood; imported without a due date."],
            section.FindAll("#import-rows li").Select(li => li.TextContent.Trim()));
        var sent = Assert.Single(_backend.Imports);
        Assert.Equal(("text/csv", true), (sent.ContentType, sent.ImportId.StartsWith("web-", StringComparison.Ordinal)));
    }

    [Fact]
    public void ARefusedFileShowsTheBackendsReasonNotAnError()
    {
        _backend.Import = _ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = JsonContent.Create(new { title = "The request is not valid", status = 400, detail = "This CSV file is not a Todoist export." },
                mediaType: new("application/problem+json")),
        };
        var section = Render<DataSection>();

        section.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("a,b\r\n", "other.csv"));

        section.WaitForAssertion(() => Assert.Equal("This CSV file is not a Todoist export.", section.Find("#import-error").TextContent));
        Assert.Empty(section.FindAll("#import-report"));
    }

    [Fact]
    public void AFeedAddressIsShownOnceOnThisSiteAndRevokingItHidesIt()
    {
        var section = Render<DataSection>();
        section.WaitForAssertion(() => Assert.False(section.Find("#feed-create").HasAttribute("disabled")));

        section.Find("#feed-create").Click();

        section.WaitForAssertion(() => Assert.Equal($"{Services.GetRequiredService<NavigationManager>().BaseUri}ical/todo_ical_secret.ics",
            section.Find("#feed-url").TextContent));
        section.Find("#feed-revoke").Click();
        section.WaitForAssertion(() => Assert.Empty(section.FindAll("#feed-url")));
        Assert.Empty(section.FindAll("#feed-revoke"));
        Assert.Equal(["GET api/calendar-feed", "POST api/calendar-feed", "DELETE api/calendar-feed"], _backend.Calls.Where(c => c.Contains("calendar-feed")));
    }

    private static HttpResponseMessage Json<T>(T value) => new(HttpStatusCode.OK) { Content = JsonContent.Create(value, options: TodoJson.Options) };

    private sealed class Backend : HttpMessageHandler
    {
        public Func<HttpRequestMessage, HttpResponseMessage> Import { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);

        public ConcurrentQueue<(string ContentType, string ImportId)> Imports { get; } = new();

        public ConcurrentQueue<string> Calls { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery.TrimStart('/');
            Calls.Enqueue($"{request.Method} {path}");
            Assert.StartsWith("Bearer ", request.Headers.Authorization?.ToString());
            return Task.FromResult((request.Method.Method, path) switch
            {
                ("GET", "api/calendar-feed") => Json(new CalendarFeedInfo(false, null)),
                ("POST", "api/calendar-feed") => new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = JsonContent.Create(new CreatedCalendarFeed("todo_ical_secret", DateTimeOffset.UtcNow), options: TodoJson.Options),
                },
                ("DELETE", "api/calendar-feed") => new HttpResponseMessage(HttpStatusCode.NoContent),
                ("POST", "api/import") => Record(request),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            });
        }

        private HttpResponseMessage Record(HttpRequestMessage request)
        {
            Imports.Enqueue((request.Content!.Headers.ContentType!.MediaType!, request.Headers.GetValues("Idempotency-Key").Single()));
            return Import(request);
        }
    }
}
