using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Todo.Contracts.Events;
using Todo.Web.Features.Reminders;

namespace Todo.Web.Tests;

public sealed class ReminderToastTests : MudTestContext
{
    private static ReminderDue Reminder() =>
        new($"r-{Guid.NewGuid():N}", "u1", "t1", "Call mom", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(".reminder-complete", "complete")]
    [InlineData(".reminder-snooze", "snooze")]
    [InlineData(".reminder-open", "open")]
    public async Task EachToastButtonRunsItsActionAndClosesTheToast(string button, string expected)
    {
        var provider = Render<MudSnackbarProvider>();
        var snackbar = Services.GetRequiredService<ISnackbar>();
        var ran = new List<(string, string)>();
        var actions = new ReminderActions(
            r => { ran.Add(("complete", r.TaskId)); return Task.CompletedTask; },
            r => { ran.Add(("snooze", r.TaskId)); return Task.CompletedTask; },
            r => { ran.Add(("open", r.TaskId)); return Task.CompletedTask; });

        await provider.InvokeAsync(() => ReminderToast.Show(snackbar, Reminder(), actions));
        provider.WaitForAssertion(() => Assert.Contains("Call mom", provider.Find(".reminder-toast").TextContent));

        await provider.Find(button).ClickAsync(new());

        Assert.Equal([(expected, "t1")], ran);
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".reminder-toast")));
    }

    [Fact]
    public async Task ARedeliveredReminderShowsNoSecondToast()
    {
        var provider = Render<MudSnackbarProvider>();
        var snackbar = Services.GetRequiredService<ISnackbar>();
        var reminder = Reminder();
        var none = new ReminderActions(_ => Task.CompletedTask, _ => Task.CompletedTask, _ => Task.CompletedTask);

        await provider.InvokeAsync(() => ReminderToast.Show(snackbar, reminder, none));
        await provider.InvokeAsync(() => ReminderToast.Show(snackbar, reminder, none));

        Assert.Single(snackbar.ShownSnackbars);
        Assert.Single(provider.FindAll(".reminder-toast"));
    }

    [Fact]
    public async Task TheToastsButtonsTakeItsOwnColourRatherThanThePrimaryPurple()
    {
        var provider = Render<MudSnackbarProvider>();
        var snackbar = Services.GetRequiredService<ISnackbar>();
        var none = new ReminderActions(_ => Task.CompletedTask, _ => Task.CompletedTask, _ => Task.CompletedTask);

        await provider.InvokeAsync(() => ReminderToast.Show(snackbar, Reminder(), none));

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".reminder-toast button")));
        Assert.All(provider.FindAll(".reminder-toast button"), b => Assert.DoesNotContain("primary", b.ClassName));
    }
}
