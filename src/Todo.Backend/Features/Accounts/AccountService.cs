using Microsoft.AspNetCore.Identity;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Features.Accounts;

/// <summary>Registration, sign-in checks and profiles. Passwords are hashed with ASP.NET Core Identity's hasher.</summary>
internal sealed class AccountService(AccountStore store, IPasswordHasher<UserRecord> hasher, SignInThrottle throttle, TimeProvider time)
{
    // Verifying against a real hash when the username is unknown keeps both failures equally slow.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserRecord>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<ServiceResult<UserProfile>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var username = AccountRules.NormaliseUsername(request.Username);
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "username", AccountRules.UsernameError(username));
        AddError(errors, "password", AccountRules.PasswordError(request.Password));
        AddError(errors, "displayName", AccountRules.DisplayNameError(request.DisplayName?.Trim()));
        AddError(errors, "timeZone", AccountRules.TimeZoneError(request.TimeZone));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        var user = new UserRecord(
            Ids.New(),
            username,
            string.IsNullOrWhiteSpace(request.DisplayName) ? username : request.DisplayName.Trim(),
            "",
            request.TimeZone ?? "UTC",
            null,
            time.GetUtcNow());
        user = user with { PasswordHash = hasher.HashPassword(user, request.Password!) };
        if (!await store.TryCreateAsync(user, cancellationToken))
        {
            return new ServiceError(ServiceErrorKind.Conflict, $"The username '{username}' is taken; choose another.");
        }

        return ToProfile(user);
    }

    /// <summary>Checks a username and password. Failures never say which of the two was wrong.</summary>
    public async Task<SignInOutcome> SignInAsync(SignInRequest request, CancellationToken cancellationToken)
    {
        var username = AccountRules.NormaliseUsername(request.Username);
        if (username.Length is 0 or > 64 || request.Password is null or { Length: 0 or > AccountRules.MaxPassword })
        {
            return SignInOutcome.Failed();
        }

        if (throttle.LockedUntil(username) is { } until)
        {
            return SignInOutcome.Locked(until);
        }

        var user = await store.FindByUsernameAsync(username, cancellationToken);
        var result = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DummyHash.Value, request.Password);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(username);
            return SignInOutcome.Failed();
        }

        throttle.Reset(username);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = user with { PasswordHash = hasher.HashPassword(user, request.Password) };
            await store.SaveAsync(user, cancellationToken);
        }

        return SignInOutcome.Succeeded(ToProfile(user));
    }

    public async Task<ServiceResult<UserProfile>> GetProfileAsync(string userId, CancellationToken cancellationToken) =>
        await store.FindAsync(userId, cancellationToken) is { } user ? ToProfile(user) : ServiceError.NotFound("Your account");

    public async Task<ServiceResult<UserProfile>> UpdateProfileAsync(string userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "displayName", string.IsNullOrWhiteSpace(request.DisplayName) ? "A display name is required." : AccountRules.DisplayNameError(request.DisplayName.Trim()));
        AddError(errors, "timeZone", request.TimeZone is null ? "A time zone is required." : AccountRules.TimeZoneError(request.TimeZone));
        AddError(errors, "defaultReminderMinutes", AccountRules.ReminderError(request.DefaultReminderMinutes));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        if (await store.FindAsync(userId, cancellationToken) is not { } user)
        {
            return ServiceError.NotFound("Your account");
        }

        user = user with { DisplayName = request.DisplayName!.Trim(), TimeZone = request.TimeZone!, DefaultReminderMinutes = request.DefaultReminderMinutes };
        await store.SaveAsync(user, cancellationToken);
        return ToProfile(user);
    }

    public static UserProfile ToProfile(UserRecord user) =>
        new(user.Id, user.Username, user.DisplayName, user.TimeZone, user.DefaultReminderMinutes);

    private static void AddError(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }
}

/// <summary>The result of a sign-in check.</summary>
internal sealed record SignInOutcome(UserProfile? Profile, DateTimeOffset? LockedUntil)
{
    public static SignInOutcome Succeeded(UserProfile profile) => new(profile, null);

    public static SignInOutcome Failed() => new(null, null);

    public static SignInOutcome Locked(DateTimeOffset until) => new(null, until);
}
