namespace Todo.Language;

/// <summary>How urgent a task is, as recognised from <c>!high</c>, <c>!!</c>, "urgent" and similar.</summary>
public enum Priority
{
    /// <summary>No priority was given (or Todoist's <c>p4</c>).</summary>
    None = 0,

    /// <summary><c>!low</c>, <c>!l</c>, <c>!3</c>, Todoist's <c>p3</c>, a lone <c>!</c>, or "low priority".</summary>
    Low = 1,

    /// <summary><c>!medium</c>, <c>!med</c>, <c>!m</c>, <c>!2</c>, Todoist's <c>p2</c>, <c>!!</c>, or "medium priority".</summary>
    Medium = 2,

    /// <summary><c>!high</c>, <c>!h</c>, <c>!1</c>, <c>!!!</c>, Todoist's <c>p1</c> or "priority 1", "high priority", "urgent" or "important".</summary>
    High = 3,
}
