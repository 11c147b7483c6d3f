namespace Todo.Contracts.Tasks;

/// <summary>How important a task is. Serialised as lower-case text (<c>"high"</c>).</summary>
public enum TaskPriority
{
    /// <summary>No priority set.</summary>
    None = 0,

    /// <summary>Low priority.</summary>
    Low = 1,

    /// <summary>Medium priority.</summary>
    Medium = 2,

    /// <summary>High priority.</summary>
    High = 3,
}
