using System.Text;
using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Backend;

/// <summary>The query of <c>GET /api/tasks</c>, also what the Find bar keeps in the page URL (all but the cursor).</summary>
public sealed record TaskFilter(
    string? Text = null,
    string? Status = null,
    TaskPriority? Priority = null,
    string? Tag = null,
    string? Due = null,
    string? Sort = null,
    string? Order = null,
    int Limit = 500,
    string? Cursor = null,
    string? Project = null)
{
    /// <summary>True when any filter narrows the list (the page then says so and offers to clear it).</summary>
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Text) || Status is not null || Priority is not null
        || !string.IsNullOrWhiteSpace(Tag) || Due is not null;

    public string ToQueryString()
    {
        var query = new StringBuilder($"limit={Limit}&status={Uri.EscapeDataString(Status ?? "all")}");
        Append(query, "q", Text);
        Append(query, "priority", Priority?.ToString().ToLowerInvariant());
        Append(query, "tag", Tag);
        Append(query, "due", Due);
        Append(query, "sort", Sort);
        Append(query, "order", Order);
        // One project's index only (ADR 0011); without it every project's tasks.
        Append(query, "project", Project);
        // Paging only (the page's "Show more"); a cursor never goes into the page URL.
        Append(query, "cursor", Cursor);
        return query.ToString();
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }
    }
}
