using System.Globalization;
using System.Text;
using Todo.Contracts.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>Where a page of conversations ended: the last item's (updatedAt, id), encoded opaquely for the client.</summary>
internal sealed record ConversationCursor(DateTimeOffset UpdatedAt, string Id)
{
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="item"/> comes after this position in newest-first order.</summary>
    public bool IsBefore(ConversationSummary item) =>
        item.UpdatedAt < UpdatedAt || item.UpdatedAt == UpdatedAt && string.CompareOrdinal(item.Id, Id) < 0;

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string value, out ConversationCursor? cursor)
    {
        cursor = null;
        if (value.Length is 0 or > MaxLength)
        {
            return false;
        }

        try
        {
            var base64 = value.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && long.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Infrastructure.Ids.IsValid(text[(dot + 1)..]))
            {
                cursor = new ConversationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(dot + 1)..]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
