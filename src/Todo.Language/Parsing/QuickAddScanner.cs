namespace Todo.Language.Parsing;

/// <summary>One left-to-right pass over a quick-add line; each recognised phrase is recorded with its span.</summary>
internal sealed class QuickAddScanner
{
    private const int MaxTags = 10;
    private const int MaxTagLength = 32;

    private static readonly string[] ReminderJoiners = ["to", "that", "about"];

    private readonly TokenList _t;
    private readonly ParseContext _context;
    private readonly List<RecognizedSpan> _spans = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _tags = [];
    private readonly WhenState _due = new();
    private readonly WhenState _reminder = new();
    private readonly Modifiers _modifiers = new();
    private Priority _priority;
    private Recurrence? _rule;
    private TimeOnly? _ruleTime;
    private bool _ruleFromAdverb;
    private RecognizedSpan? _ruleSpan;
    private bool _reminderRequested;
    private bool _awaitingTo;
    private int _recognisedUntil;

    public QuickAddScanner(string text, ParseContext context)
    {
        _t = Tokenizer.Tokenize(text);
        _context = context;
    }

    public IReadOnlyList<RecognizedSpan> Spans => _spans;

    public List<string> Warnings => _warnings;

    public IReadOnlyList<string> Tags => _tags;

    public Priority Priority => _priority;

    public void Scan()
    {
        var i = 0;
        while (i < _t.Count)
        {
            if (_awaitingTo && i == _recognisedUntil && _t.Is(i, ReminderJoiners))
            {
                // "remind me at 9am every day to stretch": the "to" belongs to the reminder phrase.
                _awaitingTo = false;
                AddSpan(i, 1, SpanKind.Reminder);
                i++;
                continue;
            }

            i += _t.Word(i).Length == 0 ? 1 : MatchTag(i) ?? MatchPriority(i) ?? MatchReminder(i) ?? MatchRepeat(i) ?? MatchWhen(i) ?? 1;
        }
    }

    /// <summary>The repeat rule with its modifiers; modifiers without a rule are dropped (their text stays in the title).</summary>
    public Recurrence? BuildRecurrence()
    {
        if (_rule is null)
        {
            if (_modifiers.Until is { } until && _modifiers.UntilSpan is { } span)
            {
                if (_due.Date is null && _due.Instant is null)
                {
                    // "work on the report until friday": without a repeat rule, "until" names the due date.
                    _due.TryApply(WhenMatch.OnDate(1, until));
                    _spans.Add(span with { Kind = SpanKind.Date });
                }
                else
                {
                    _warnings.Add($"'{_t.Source.Substring(span.Start, span.Length)}' was ignored because a date was already given");
                }
            }

            return null;
        }

        _spans.AddRange(_modifiers.Spans);
        if (_modifiers.UntilSpan is { } untilSpan)
        {
            _spans.Add(untilSpan);
        }

        return _rule with
        {
            Until = _modifiers.Until,
            Count = _modifiers.Times,
            FromCompletion = _rule.FromCompletion || _modifiers.FromCompletion,
        };
    }

    public ParsedWhen? BuildDue(Recurrence? rule)
    {
        // "remind me at 5pm to call mom": with no other date, the reminder's date and time are the task's too.
        var source = _due.IsEmpty && _reminderRequested ? _reminder : _due;
        if (source.Instant is not null)
        {
            return source.Resolve(_context);
        }

        // "every morning at 7": the rule's part of the day decides the guessed am/pm of the clock time.
        var time = source.Time is { } clock && _ruleTime is { } part ? TimeRules.InPartOfDay(clock, source.HourGuessed, part) : source.Time ?? _ruleTime;
        if (rule is not null)
        {
            // A repeating task without a start date starts at its first occurrence on or after today.
            var first = Occurrences.First(rule, source.Date ?? _context.Today, time, skipPastToday: source.Date is null, _context);
            return new ParsedWhen(first, time);
        }

        return source.Date is { } date ? new ParsedWhen(date, time)
            : time is { } t ? new ParsedWhen(_context.DateForTime(t), t)
            : null;
    }

    /// <summary>
    /// The reminder instant: what "remind me ..." named, filled in from the due date; a date without a time
    /// reminds at 09:00. A reminder that would already be in the past is dropped with a warning.
    /// </summary>
    public DateTimeOffset? BuildReminder(ParsedWhen? due)
    {
        if (!_reminderRequested)
        {
            return null;
        }

        DateTimeOffset instant;
        if (_reminder.Instant is { } exact)
        {
            instant = exact;
        }
        else if (_reminder.IsEmpty && due is not null)
        {
            instant = due.ToUtc(_context.Zone, TimeRules.Morning);
        }
        else
        {
            var time = _reminder.Time ?? (_reminder.Date is not null ? TimeRules.Morning : due?.Time ?? TimeRules.Morning);
            var date = _reminder.Date ?? due?.Date ?? (_reminder.Time is { } t ? _context.DateForTime(t) : null);
            if (date is not { } day)
            {
                _warnings.Add("'remind me' needs a date or a time to remind you at");
                return null;
            }

            instant = ZonedTime.ToUtc(day, time, _context.Zone);
        }

        if (instant <= _context.Now)
        {
            _warnings.Add("the reminder time has already passed, so no reminder was set");
            return null;
        }

        return instant.ToUniversalTime();
    }

    private int? MatchTag(int i)
    {
        // "#errands" as always, and Todoist's "@errands" for a label; "@ 5pm" stays a time ("@" is a lead-in there) and "@5pm" is no label.
        var word = _t.Word(i);
        if (word.Length < 2 || !(word[0] == '#' || (word[0] == '@' && char.IsLetter(word[1]))))
        {
            return null;
        }

        var tag = word[1..];
        if (!tag.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_'))
        {
            return null;
        }

        if (tag.Length > MaxTagLength)
        {
            _warnings.Add($"'{word[0]}{tag}' is longer than {MaxTagLength} characters, so it was not used as a tag");
            return 1;
        }

        if (!_tags.Contains(tag))
        {
            if (_tags.Count == MaxTags)
            {
                _warnings.Add($"only {MaxTags} tags are kept, so '{word[0]}{tag}' was not used");
                return 1;
            }

            _tags.Add(tag);
        }

        AddSpan(i, 1, SpanKind.Tag);
        return 1;
    }

    private int? MatchPriority(int i)
    {
        if (PriorityWords.IsTodoistNone(_t, i) is > 0 and var none)
        {
            AddSpan(i, none, SpanKind.Priority);
            return none;
        }

        var (priority, count, isMarker) = PriorityWords.Match(_t, i);
        if (priority == Language.Priority.None)
        {
            return null;
        }

        if (_priority != Language.Priority.None && _priority != priority)
        {
            _warnings.Add($"'{_t.Slice(i, count)}' was ignored because a priority was already given");
            if (!isMarker)
            {
                return count;
            }
        }
        else
        {
            _priority = priority;
        }

        AddSpan(i, count, SpanKind.Priority);
        return count;
    }

    /// <summary>"remind me", "remind me to", "remind me at 5pm", "remind me tomorrow at 9 to".</summary>
    private int? MatchReminder(int i)
    {
        if (!_t.Is(i, "remind") || !_t.Is(i + 1, "me"))
        {
            return null;
        }

        var j = i + 2;
        while (WhenGrammar.Match(_t, j, _context) is { Rejection: null } match && _reminder.TryApply(match) is null)
        {
            j += match.Count;
        }

        _awaitingTo = !_t.Is(j, ReminderJoiners);
        if (!_awaitingTo)
        {
            j++;
        }

        _reminderRequested = true;
        AddSpan(i, j - i, SpanKind.Reminder);
        return j - i;
    }

    private int? MatchRepeat(int i)
    {
        var match = RecurrenceGrammar.Match(_t, i, _context);
        if (match is null)
        {
            return null;
        }

        if (match.Rejection is { } rejection)
        {
            _warnings.Add(rejection);
            return match.Count;
        }

        if (match.Rule is { } rule)
        {
            if (_rule is not null && _ruleSpan is { } adverbSpan && _ruleFromAdverb && !match.FromAdverb)
            {
                // "Weekly review every sunday": the adverb was an adjective; the explicit rule wins and the
                // adverb goes back to the title.
                _spans.Remove(adverbSpan);
                _rule = null;
            }

            if (_rule is not null)
            {
                _warnings.Add($"'{_t.Slice(i, match.Count)}' was ignored because a repeat rule was already given");
                return match.Count;
            }

            _rule = rule;
            _ruleTime = match.Time;
            _ruleFromAdverb = match.FromAdverb;
            AddSpan(i, match.Count, SpanKind.Recurrence);
            _ruleSpan = _spans[^1];
            return match.Count;
        }

        if (_modifiers.TryAdd(match, Span(i, match.Count, SpanKind.Recurrence)))
        {
            _recognisedUntil = i + match.Count;
        }
        else
        {
            _warnings.Add($"'{_t.Slice(i, match.Count)}' was ignored because it was already given");
        }

        return match.Count;
    }

    private int? MatchWhen(int i)
    {
        var match = WhenGrammar.Match(_t, i, _context);
        if (match is null)
        {
            return null;
        }

        if (match.Rejection is { } rejection)
        {
            _warnings.Add(rejection);
            return match.Count;
        }

        if (_due.TryApply(match) is { } clash)
        {
            _warnings.Add($"'{_t.Slice(i, match.Count)}' was ignored because {clash} was already given");
            return match.Count;
        }

        AddSpan(i, match.Count, match.Kind);
        return match.Count;
    }

    private RecognizedSpan Span(int first, int count, SpanKind kind)
    {
        var start = _t.StartOf(first);
        return new RecognizedSpan(start, _t.EndOf(first + count - 1) - start, kind);
    }

    private void AddSpan(int first, int count, SpanKind kind)
    {
        _spans.Add(Span(first, count, kind));
        _recognisedUntil = first + count;
    }
}
