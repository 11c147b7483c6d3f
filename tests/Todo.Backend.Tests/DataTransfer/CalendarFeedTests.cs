using System.Net;
using Ical.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Accounts;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.DataTransfer;

/// <summary>
/// The calendar feed through the emulator's sidecars (todo-web's sidecar invoking the backend, as todo-web does):
/// made and revoked by the signed-in user, read with only the token, parsed back with Ical.Net.
/// </summary>
public sealed class CalendarFeedTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private const string Header = "X-Calendar-Feed-Token";

    [Fact]
    public async Task TheFeedHoldsTheOpenTasksWithDueDatesAsEventsThatIcalNetReads()
    {
        var (_, client) = await backend.NewUserAsync();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var timed = await client.CreateTaskAsync(new CreateTaskRequest("Dentist", "Bring the card", TaskPriority.High, ["health"], new DueDto(day, new TimeOnly(10, 15))));
        var allDay = await client.CreateTaskAsync(new CreateTaskRequest("Mum's birthday", Due: new DueDto(day.AddDays(1))));
        await client.CreateTaskAsync("No date, not in the feed");
        var done = await client.CreateTaskAsync(new CreateTaskRequest("Done, not in the feed", Due: new DueDto(day)));
        (await client.PostAsync($"api/tasks/{done.Id}/complete", null)).EnsureSuccessStatusCode();
        var feed = await CreateFeedAsync(client);

        using var response = await ReadFeedAsync(feed.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, calendar.Events.Count);
        var dentist = Assert.Single(calendar.Events, e => e.Uid == $"{timed.Id}@todo");
        Assert.Equal(("Dentist", "Bring the card", false, 1), (dentist.Summary, dentist.Description, dentist.IsAllDay, dentist.Priority));
        Assert.Equal(day.ToDateTime(new TimeOnly(10, 15)), dentist.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromMinutes(30), dentist.DtEnd!.AsUtc - dentist.DtStart.AsUtc);
        Assert.Equal(["Inbox", "health"], dentist.Categories);
        var birthday = Assert.Single(calendar.Events, e => e.Uid == $"{allDay.Id}@todo");
        Assert.True(birthday.IsAllDay);
        Assert.Equal(day.AddDays(1), birthday.DtStart!.Date);
    }

    [Fact]
    public async Task ARevokedReplacedOrUnknownTokenIsNotFound()
    {
        var (_, client) = await backend.NewUserAsync();
        var first = await CreateFeedAsync(client);
        var second = await CreateFeedAsync(client);

        using (var replaced = await ReadFeedAsync(first.Token))
        {
            await replaced.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var current = await ReadFeedAsync(second.Token))
        {
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        var info = await (await client.GetAsync("api/calendar-feed")).ReadAsync<CalendarFeedInfo>();
        Assert.True(info.Active);
        using (var revoke = await client.DeleteAsync("api/calendar-feed"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.False((await (await client.GetAsync("api/calendar-feed")).ReadAsync<CalendarFeedInfo>()).Active);
        foreach (var token in new[] { second.Token, "todo_ical_" + new string('A', 43), "not a token", "" })
        {
            using var gone = await ReadFeedAsync(token);
            await gone.ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task DeletingTheAccountEndsItsFeed()
    {
        var (_, client) = await backend.NewUserAsync();
        var feed = await CreateFeedAsync(client);
        using (var before = await ReadFeedAsync(feed.Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // A calendar app keeps polling the URL after the account is gone: it must get nothing, not the old tasks.
        (await client.PostJsonAsync("api/me/delete", new DeleteAccountRequest("correct horse battery"))).EnsureSuccessStatusCode();

        using var after = await ReadFeedAsync(feed.Token);
        await after.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyASignedInSessionMakesAFeedNotAnAnonymousCaller()
    {
        using var anonymous = backend.Anonymous();
        using var response = await anonymous.PostAsync("api/calendar-feed", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<CreatedCalendarFeed> CreateFeedAsync(HttpClient client)
    {
        using var response = await client.PostAsync("api/calendar-feed", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var feed = await response.ReadAsync<CreatedCalendarFeed>();
        Assert.StartsWith("todo_ical_", feed.Token);
        return feed;
    }

    private async Task<HttpResponseMessage> ReadFeedAsync(string token)
    {
        using var anonymous = backend.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "api/calendar-feed/events");
        request.Headers.TryAddWithoutValidation(Header, token);
        return await anonymous.SendAsync(request);
    }
}
