using System.Net;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Steps;

/// <summary>
/// A task's checklist of steps (ADR 0013) through the real backend and the emulator's sidecar: steps in create and in
/// PATCH, one-step add / tick / rename / move / remove under the task's ETag, completion of the parent, the next
/// occurrence of a repeating task, the events, and every bad input answered with a ProblemDetails.
/// </summary>
public sealed class StepTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task EachStepIsAddedTickedRenamedMovedAndRemovedUnderTheTasksETag()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("pack for the trip") { Steps = [new StepInput("passport"), new StepInput(" charger ")] });
        Assert.Equal([("passport", false), ("charger", false)], task.Steps.Select(s => (s.Title, s.Done)));
        Assert.All(task.Steps, s => Assert.Matches("^[0-9a-f]{32}$", s.Id));

        var added = await client.StepAsync(HttpMethod.Post, $"api/tasks/{task.Id}/steps", new AddStepRequest("tickets", Position: 0), ifMatch: task.ETag);
        Assert.Equal(["tickets", "passport", "charger"], added.Steps.Select(s => s.Title));
        Assert.Equal("2", added.ETag);
        var (tickets, passport, charger) = (added.Steps[0], added.Steps[1], added.Steps[2]);

        var ticked = await client.StepAsync(HttpMethod.Patch, $"api/tasks/{task.Id}/steps/{passport.Id}", new UpdateStepRequest(Done: true), ifMatch: "2");
        var renamed = await client.StepAsync(HttpMethod.Patch, $"api/tasks/{task.Id}/steps/{charger.Id}", new UpdateStepRequest(Title: "phone charger"));
        var moved = await client.StepAsync(HttpMethod.Patch, $"api/tasks/{task.Id}/steps/{tickets.Id}", new UpdateStepRequest(Position: 2));
        Assert.Equal(("3", true), (ticked.ETag, ticked.Steps[1].Done));
        Assert.Equal("phone charger", renamed.Steps[2].Title);
        Assert.Equal([passport.Id, charger.Id, tickets.Id], moved.Steps.Select(s => s.Id));

        using var removed = await client.DeleteAsync($"api/tasks/{task.Id}/steps/{passport.Id}");
        var afterRemove = await removed.ReadAsync<TaskDto>();
        Assert.Equal(["phone charger", "tickets"], afterRemove.Steps.Select(s => s.Title));
        Assert.Equal("6", afterRemove.ETag);
        Assert.Equal("\"6\"", removed.Headers.ETag?.Tag);

        // The task read back and the task events carry the checklist (they carry the TaskDto).
        var read = await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(afterRemove.Steps, read.Steps);
        var tickEvent = await backend.WaitForEventAsync(e => e.IsAbout(task.Id) && e.Type == TaskEventTypes.Updated
            && e.Data.GetProperty("task").GetProperty("eTag").GetString() == "3");
        var stepInEvent = tickEvent.Data.GetProperty("task").GetProperty("steps")[1];
        Assert.Equal((passport.Id, true), (stepInEvent.GetProperty("id").GetString(), stepInEvent.GetProperty("done").GetBoolean()));
    }

    [Fact]
    public async Task APatchReplacesTheWholeChecklistKeepingTheIdsItNames()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("bake bread") { Steps = [new StepInput("flour"), new StepInput("yeast")] });
        var (flour, yeast) = (task.Steps[0], task.Steps[1]);

        using var stale = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { steps = Array.Empty<object>() }, ifMatch: "7"));
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);

        using var patched = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}",
            new { steps = new object[] { new { id = yeast.Id, title = "dry yeast", done = true }, new { title = "salt" }, new { id = flour.Id, title = "flour" } } }, ifMatch: "1"));
        var replaced = await patched.ReadAsync<TaskDto>();
        Assert.Equal([(yeast.Id, "dry yeast", true), (flour.Id, "flour", false)], replaced.Steps.Where(s => s.Title != "salt").Select(s => (s.Id, s.Title, s.Done)));
        Assert.Equal(["dry yeast", "salt", "flour"], replaced.Steps.Select(s => s.Title));
        Assert.Equal("2", replaced.ETag);

        // The same list again changes nothing, so the version stays.
        using var same = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { steps = replaced.Steps }));
        Assert.Equal("2", (await same.ReadAsync<TaskDto>()).ETag);

        using var unknownId = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { steps = new object[] { new { id = new string('a', 32), title = "x" } } }));
        var problem = await unknownId.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not a step of this task", problem.GetProperty("errors").GetProperty("steps")[0].GetString());

        using var cleared = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}", new { steps = (object?)null }));
        Assert.Empty((await cleared.ReadAsync<TaskDto>()).Steps);
    }

    [Fact]
    public async Task CompletingATaskCompletesItsOpenStepsAndReopeningLeavesThemDone()
    {
        var (_, client) = await backend.NewUserAsync();
        var task = await client.CreateTaskAsync(new CreateTaskRequest("tidy the flat") { Steps = [new StepInput("kitchen", Done: true), new StepInput("hall"), new StepInput("bath")] });

        var completed = await (await client.PostAsync($"api/tasks/{task.Id}/complete", null)).ReadAsync<TaskDto>();
        Assert.True(completed.Completed);
        Assert.All(completed.Steps, s => Assert.True(s.Done));

        var reopened = await (await client.PostAsync($"api/tasks/{task.Id}/reopen", null)).ReadAsync<TaskDto>();
        Assert.False(reopened.Completed);
        Assert.Equal(task.Steps.Select(s => s.Id), reopened.Steps.Select(s => s.Id));
        Assert.All(reopened.Steps, s => Assert.True(s.Done));
    }

    [Fact]
    public async Task TheNextOccurrenceOfARepeatingTaskCopiesTheChecklistWithEveryStepUndone()
    {
        var (_, client) = await backend.NewUserAsync();
        var title = $"weekly shop {Guid.NewGuid():N}";
        var task = await client.CreateTaskAsync(new CreateTaskRequest(title, Due: new DueDto(new DateOnly(2031, 3, 3)), Recurrence: new RecurrenceDto(RecurrenceFrequency.Weekly))
        {
            Steps = [new StepInput("milk", Done: true), new StepInput("eggs"), new StepInput("coffee")],
        });

        await client.PostAsync($"api/tasks/{task.Id}/complete", null);
        var created = await backend.WaitForEventAsync(e => e.Type == TaskEventTypes.Created && !e.IsAbout(task.Id)
            && e.Data.GetProperty("task").GetProperty("title").GetString() == title, TimeSpan.FromSeconds(15));
        var nextId = created.Data.GetProperty("task").GetProperty("id").GetString();
        var next = await (await client.GetAsync($"api/tasks/{nextId}")).ReadAsync<TaskDto>();

        Assert.Equal(new DueDto(new DateOnly(2031, 3, 10)), next.Due);
        Assert.Equal([("milk", false), ("eggs", false), ("coffee", false)], next.Steps.Select(s => (s.Title, s.Done)));
        Assert.Empty(next.Steps.Select(s => s.Id).Intersect(task.Steps.Select(s => s.Id)));
    }

    [Fact]
    public async Task TheHundredAndFirstStepAndEveryOtherBadInputIsAProblemDetails()
    {
        var (_, client) = await backend.NewUserAsync();
        var full = await client.CreateTaskAsync(new CreateTaskRequest("a long list") { Steps = Enumerable.Range(1, 100).Select(i => new StepInput($"step {i}")).ToList() });
        Assert.Equal(100, full.Steps.Count);

        using var oneMore = await client.PostJsonAsync($"api/tasks/{full.Id}/steps", new AddStepRequest("step 101"));
        Assert.Contains("at most 100 steps", (await oneMore.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("steps")[0].GetString());
        using var createTooMany = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("too many") { Steps = Enumerable.Range(1, 101).Select(i => new StepInput($"s{i}")).ToList() });
        Assert.Contains("at most 100 steps", (await createTooMany.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("steps")[0].GetString());
        using var createLong = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("long step") { Steps = [new StepInput("ok"), new StepInput(new string('x', 201))] });
        Assert.Contains("Step 2: Step titles can have at most 200", (await createLong.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("steps")[0].GetString());

        using var createTooMuchText = await client.PostJsonAsync("api/tasks", new CreateTaskRequest("wordy") { Steps = Enumerable.Range(1, 21).Select(i => new StepInput(new string('w', 200))).ToList() });
        Assert.Contains("4,000 characters in all", (await createTooMuchText.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("steps")[0].GetString());

        var task = await client.CreateTaskAsync(new CreateTaskRequest("short list") { Steps = [new StepInput("only")] });
        var stepPath = $"api/tasks/{task.Id}/steps/{task.Steps[0].Id}";
        using var blank = await client.PostJsonAsync($"api/tasks/{task.Id}/steps", new AddStepRequest("  "));
        Assert.Contains("needs a title", (await blank.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("title")[0].GetString());
        using var longRename = await client.SendAsync(HttpExtensions.Patch(stepPath, new { title = new string('y', 201) }));
        await longRename.ProblemAsync(HttpStatusCode.BadRequest);
        using var badPosition = await client.PostJsonAsync($"api/tasks/{task.Id}/steps", new AddStepRequest("later", Position: 5));
        Assert.Contains("between 0 and 1", (await badPosition.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("position")[0].GetString());
        using var badMove = await client.SendAsync(HttpExtensions.Patch(stepPath, new { position = -1 }));
        await badMove.ProblemAsync(HttpStatusCode.BadRequest);
        using var wrongType = await client.SendAsync(HttpExtensions.Patch(stepPath, new { done = "yes" }));
        await wrongType.ProblemAsync(HttpStatusCode.BadRequest);
        using var unknownStep = await client.SendAsync(HttpExtensions.Patch($"api/tasks/{task.Id}/steps/{new string('b', 32)}", new { done = true }));
        Assert.Contains("step was not found", (await unknownStep.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        using var unknownDelete = await client.DeleteAsync($"api/tasks/{task.Id}/steps/nope");
        await unknownDelete.ProblemAsync(HttpStatusCode.NotFound);
        using var unknownTask = await client.PostJsonAsync($"api/tasks/{new string('c', 32)}/steps", new AddStepRequest("x"));
        await unknownTask.ProblemAsync(HttpStatusCode.NotFound);
        using var stale = new HttpRequestMessage(HttpMethod.Delete, stepPath);
        stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
        await (await client.SendAsync(stale)).ProblemAsync(HttpStatusCode.PreconditionFailed);

        // Another user's task is not found, as every route of another user's task.
        var (_, other) = await backend.NewUserAsync();
        using var foreign = await other.SendAsync(HttpExtensions.Patch(stepPath, new { done = true }));
        await foreign.ProblemAsync(HttpStatusCode.NotFound);
        Assert.False((await (await client.GetAsync($"api/tasks/{task.Id}")).ReadAsync<TaskDto>()).Steps[0].Done);
    }
}
