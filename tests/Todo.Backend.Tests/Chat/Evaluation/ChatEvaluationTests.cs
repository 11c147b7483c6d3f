using Xunit.Abstractions;

namespace Todo.Backend.Tests.Chat.Evaluation;

/// <summary>
/// The chat evaluation set (see README.md next to it): utterances written from how people talk, scored by the
/// resulting task list. Prints accuracy per intent and fails below the bar. The held-out part prints only its
/// table, so fixing the interpreter against its failures stays a deliberate act.
/// </summary>
public sealed class ChatEvaluationTests(ITestOutputHelper output)
{
    /// <summary>Just under what the interpreter reaches (99.0 % on both parts), so a regression fails CI; see README.md.</summary>
    private const double DevBar = 0.98;

    private const double HeldOutBar = 0.97;

    [Fact]
    public async Task TheDevelopmentSetReachesTheBarAndDestroysNothingOnAGuess()
    {
        var report = await ChatEvaluation.RunAsync("dev.jsonl");
        output.WriteLine(report.Table());
        var failures = report.Results.Where(r => !r.Passed).Select(r => $"  FAIL [{r.Intent}] “{r.Utterance}”: {r.Problem}").ToList();
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "chat-eval-dev.txt"), report.Table() + string.Join("\n", failures));
        Assert.True(report.Results.Count >= 300, "the development set must hold at least 300 utterances");
        Assert.True(report.DestroyedOnAGuess == 0, $"{report.DestroyedOnAGuess} case(s) deleted or completed a task nobody asked for:\n" + string.Join("\n", failures));
        Assert.True(report.Accuracy >= DevBar, $"accuracy {report.Accuracy:P1} is below the bar {DevBar:P0}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task TheHeldOutSetReachesTheBar()
    {
        var report = await ChatEvaluation.RunAsync("heldout.jsonl");
        output.WriteLine(report.Table());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "chat-eval-heldout.txt"), report.Table());
        Assert.True(report.Results.Count >= 80, "the held-out set must hold at least 80 utterances");
        Assert.True(report.DestroyedOnAGuess == 0, $"{report.DestroyedOnAGuess} held-out case(s) deleted or completed a task nobody asked for");
        Assert.True(report.Accuracy >= HeldOutBar, $"held-out accuracy {report.Accuracy:P1} is below the bar {HeldOutBar:P0}");
    }

    /// <summary>
    /// Projects, order and assignees (issue 15 item 9): phrasings written with the dev cases of the "team" scenario and
    /// never tuned on. Its own file and bar, so its honest first score (README.md) does not hide in the larger set.
    /// </summary>
    [Fact]
    public async Task TheSharingHeldOutSetIsScoredAndDestroysNothing()
    {
        var report = await ChatEvaluation.RunAsync("heldout-sharing.jsonl");
        output.WriteLine(report.Table());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "chat-eval-heldout-sharing.txt"), report.Table());
        Assert.True(report.Results.Count >= 15, "the sharing held-out set must hold at least 15 utterances");
        Assert.True(report.DestroyedOnAGuess == 0, $"{report.DestroyedOnAGuess} sharing held-out case(s) deleted or completed a task nobody asked for");
        Assert.True(report.Accuracy >= SharingHeldOutBar, $"sharing held-out accuracy {report.Accuracy:P1} is below the bar {SharingHeldOutBar:P0}");
    }

    /// <summary>Under its first score (README.md), so a regression fails; not a claim that the rest is understood.</summary>
    private const double SharingHeldOutBar = 0.85;
}
