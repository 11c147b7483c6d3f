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
    public Task TheHeldOutSetReachesTheBar() => ScoreHeldOutAsync("heldout", "held-out", 80, HeldOutBar);

    /// <summary>
    /// Projects, order and assignees (issue 15 item 9): phrasings written with the dev cases of the "team" scenario and
    /// never tuned on. Its own file and bar, so its honest first score (README.md) does not hide in the larger set.
    /// </summary>
    [Fact]
    public Task TheSharingHeldOutSetIsScoredAndDestroysNothing() => ScoreHeldOutAsync("heldout-sharing", "sharing held-out", 15, SharingHeldOutBar);

    /// <summary>Under its first score (README.md), so a regression fails; not a claim that the rest is understood.</summary>
    private const double SharingHeldOutBar = 0.85;

    /// <summary>Scores a held-out file and prints only its table, never its failures.</summary>
    private async Task ScoreHeldOutAsync(string name, string label, int minimum, double bar)
    {
        var report = await ChatEvaluation.RunAsync(name + ".jsonl");
        output.WriteLine(report.Table());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"chat-eval-{name}.txt"), report.Table());
        Assert.True(report.Results.Count >= minimum, $"the {label} set must hold at least {minimum} utterances");
        Assert.True(report.DestroyedOnAGuess == 0, $"{report.DestroyedOnAGuess} {label} case(s) deleted or completed a task nobody asked for");
        Assert.True(report.Accuracy >= bar, $"{label} accuracy {report.Accuracy:P1} is below the bar {bar:P0}");
    }
}
