using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Web.Features.Tasks;

/// <summary>
/// One line that understands "Call mom tomorrow 5pm !high #family": the recognised parts are highlighted as the
/// person types, a preview shows what will be saved, and Enter adds the task.
/// </summary>
public sealed partial class QuickAddBar
{
    private string _text = "";
    private QuickAddResult? _parsed;
    private bool _adding;

    [Parameter] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Saves the task; returns true when it was added (the bar then clears).</summary>
    [Parameter] public Func<CreateTaskRequest, Task<bool>>? OnAdd { get; set; }

    /// <summary>The projects a <c>#Name</c> may pick (active ones; the Inbox is never picked by a tag).</summary>
    [Parameter] public IReadOnlyList<Todo.Contracts.Projects.ProjectDto> Projects { get; set; } = [];

    [Inject] private TimeProvider Time { get; set; } = default!;

    private Todo.Contracts.Projects.ProjectDto? PickedProject => _parsed is { } parsed ? QuickAddMapper.ProjectOf(parsed, Projects) : null;

    // A tag that names the picked project is shown as the project, in its colour, not as a tag.
    private bool IsProjectTag(string tag) => PickedProject is { } project && Todo.Web.Features.Projects.ProjectTags.Match([project], tag) is not null;

    private string Text
    {
        get => _text;
        set
        {
            _text = value ?? "";
            _parsed = string.IsNullOrWhiteSpace(_text) ? null : QuickAddParser.Parse(_text, Time.GetUtcNow(), Zone);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key != "Enter" || string.IsNullOrWhiteSpace(_text) || OnAdd is null || _adding)
        {
            return;
        }

        // Parse again at the moment of adding: "in 5 seconds" means from now, not from the last keystroke.
        var parsed = QuickAddParser.Parse(_text, Time.GetUtcNow(), Zone);
        if (NeedsTitle(parsed, _text))
        {
            // The parser falls back to the date words as the title; a task called "tomorrow" is never what was meant.
            return;
        }

        _adding = true;
        try
        {
            if (await OnAdd(QuickAddMapper.ToRequest(parsed, Projects)))
            {
                Text = "";
            }
        }
        finally
        {
            _adding = false;
        }
    }

    /// <summary>True when every word was read as a date, time, priority, tag or repeat, leaving nothing for the title.</summary>
    private static bool NeedsTitle(QuickAddResult parsed, string text)
    {
        var covered = new bool[text.Length];
        foreach (var span in parsed.Spans)
        {
            for (var i = Math.Max(0, span.Start); i < Math.Min(text.Length, span.End); i++)
            {
                covered[i] = true;
            }
        }

        return Enumerable.Range(0, text.Length).All(i => covered[i] || char.IsWhiteSpace(text[i]));
    }

    private string? DueSummary()
    {
        if (_parsed?.Due is not { } due)
        {
            return null;
        }

        return DueText.Describe(new DueDto(due.Date, due.Time), Time.GetUtcNow(), Zone);
    }

    private string SpanClass(string text, SpanKind kind) =>
        kind == SpanKind.Tag && IsProjectTag(text) ? "qa-span qa-project" : $"qa-span qa-{kind.ToString().ToLowerInvariant()}";

    private IEnumerable<(string Text, SpanKind? Kind)> Pieces()
    {
        var position = 0;
        foreach (var span in _parsed?.Spans ?? [])
        {
            if (span.Start < position || span.End > _text.Length)
            {
                continue;
            }

            if (span.Start > position)
            {
                yield return (_text[position..span.Start], null);
            }

            yield return (_text.Substring(span.Start, span.Length), span.Kind);
            position = span.End;
        }

        if (position < _text.Length)
        {
            yield return (_text[position..], null);
        }
    }
}
