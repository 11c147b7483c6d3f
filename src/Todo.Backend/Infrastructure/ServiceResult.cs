namespace Todo.Backend.Infrastructure;

/// <summary>Why a service call did not succeed, in terms the REST API, MCP tools and the chat can all render.</summary>
internal enum ServiceErrorKind
{
    NotFound,
    Validation,
    PreconditionFailed,
    Conflict,
    LimitReached,
    TooManyAttempts,

    /// <summary>Well-formed but not processable as sent (an idempotency key reused with another request): 422.</summary>
    Unprocessable,

    /// <summary>The caller may see the thing but their role does not allow this change (a viewer, or an editor managing a project): 403.</summary>
    Forbidden,
}

/// <summary>A failed outcome with a message a person can act on, and per-field errors for validation.</summary>
internal sealed record ServiceError(ServiceErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>When the same call may succeed if repeated after this long (HTTP <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ServiceError NotFound(string what) => new(ServiceErrorKind.NotFound, $"{what} was not found.");

    public static ServiceError Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ServiceErrorKind.Validation, string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static ServiceError Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Either a value or a <see cref="ServiceError"/>; service methods never throw for a client's mistake.</summary>
internal readonly record struct ServiceResult<T>
{
    private ServiceResult(T? value, ServiceError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ServiceError? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator ServiceResult<T>(T value) => new(value, null);

    public static implicit operator ServiceResult<T>(ServiceError error) => new(default, error);
}
