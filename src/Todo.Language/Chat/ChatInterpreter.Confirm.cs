using System.Text.RegularExpressions;

namespace Todo.Language.Chat;

// Yes, no and undo.
internal static partial class ChatInterpreter
{
    private static readonly Regex YesPattern = new(@"^(?:yes|yeah|yep|yup|y|sure|ok|okay|go ahead|do it|confirm|correct|please do|yes please|yes do it|absolutely|of course)$");
    private static readonly Regex NoPattern = new(@"^(?:no|nope|nah|n|cancel|stop|don't|do not|no thanks|no thank you|never ?mind|forget it|leave it|abort)$");
    private static readonly Regex UndoPattern = new(@"^(?:(?:oops|whoops|never ?mind|no|wait)[,!.]*\s+)?(?:undo|undo that|undo it|undo the last (?:one|change|action)|revert(?: that| it)?|take that back|put it back|reverse that)$");

    private static ChatIntent? TryConfirmOrUndo(string s)
    {
        var bare = s.Trim('.', '!', ' ', ',');
        if (UndoPattern.IsMatch(bare))
        {
            return new UndoIntent();
        }

        if (YesPattern.IsMatch(bare))
        {
            return new ConfirmIntent(true);
        }

        return NoPattern.IsMatch(bare) ? new ConfirmIntent(false) : null;
    }
}
