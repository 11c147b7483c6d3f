using Microsoft.AspNetCore.Identity;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Features.Accounts;

/// <summary>
/// Registration, sign-in checks, profiles, password changes and session ends. Passwords are hashed with ASP.NET Core
/// Identity's hasher; every password check (sign-in, change, delete) counts towards the same per-username lockout, so
/// a stolen session cannot guess the password faster than the sign-in page allows.
/// </summary>
internal sealed class AccountService(AccountStore store, IPasswordHasher<UserRecord> hasher, SignInThrottle throttle, AccountDeletion deletion,
    ReminderResyncQueue reminderResync, ReminderReconciler reminderReconciler, TimeProvider time)
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

        return ToSession(user);
    }

    /// <summary>Checks a username and password. Failures never say which of the two was wrong.</summary>
    public async Task<SignInOutcome> SignInAsync(SignInRequest request, CancellationToken cancellationToken)
    {
        var username = AccountRules.NormaliseUsername(request.Username);
        if (username.Length is 0 or > 64 || request.Password is null or { Length: 0 or > AccountRules.MaxPassword })
        {
            return SignInOutcome.Failed();
        }

        if (await throttle.LockedUntilAsync(username, cancellationToken) is { } until)
        {
            return SignInOutcome.Locked(until);
        }

        var user = await store.FindRecordByUsernameAsync(username, cancellationToken);
        var result = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DummyHash.Value, request.Password);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(username, cancellationToken);
            return SignInOutcome.Failed();
        }

        await throttle.ResetAsync(username, cancellationToken);
        if (user.DeletingSince is not null)
        {
            // A deletion that was interrupted (storage or scheduler down): the owner's password finishes it.
            await deletion.DeleteAsync(user.Id, cancellationToken);
            return SignInOutcome.Failed();
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var hash = hasher.HashPassword(user, request.Password);
            user = await store.UpdateAsync(user.Id, u => u with { PasswordHash = hash }, cancellationToken) ?? user;
        }

        return SignInOutcome.Succeeded(ToSession(user));
    }

    /// <summary>
    /// Replaces the password after checking the current one, and the session stamp with it: every other session of
    /// the account (web cookies and the user tokens signed for them) stops working. The answer carries the new stamp
    /// so the session that asked can carry on.
    /// </summary>
    public async Task<ServiceResult<UserProfile>> ChangePasswordAsync(string userId, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "currentPassword", string.IsNullOrEmpty(request.CurrentPassword) ? "Enter your current password." : null);
        AddError(errors, "newPassword", AccountRules.PasswordError(request.NewPassword)
            ?? (request.NewPassword == request.CurrentPassword ? "Choose a new password that differs from the current one." : null));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        var check = await CheckPasswordAsync(userId, "currentPassword", request.CurrentPassword!, cancellationToken);
        if (check.Error is { } error)
        {
            return error;
        }

        // Hashing is slow on purpose: do it before the read-modify-write, so the ETag window stays short.
        var hash = hasher.HashPassword(check.Value!, request.NewPassword!);
        var stamp = NewStamp();
        var user = await store.UpdateAsync(userId, u => u with { PasswordHash = hash, SessionStamp = stamp }, cancellationToken);
        return user is null ? ServiceError.NotFound("Your account") : ToSession(user);
    }

    /// <summary>Replaces the session stamp: every session of the account, this one included, stops working.</summary>
    public async Task<ServiceResult<bool>> SignOutEverywhereAsync(string userId, CancellationToken cancellationToken)
    {
        var stamp = NewStamp();
        return await store.UpdateAsync(userId, u => u with { SessionStamp = stamp }, cancellationToken) is null
            ? ServiceError.NotFound("Your account")
            : true;
    }

    /// <summary>After checking the password, deletes the account and everything it owns (see <see cref="AccountDeletion"/>).</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string userId, DeleteAccountRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Password))
        {
            return ServiceError.Invalid("password", "Enter your password to confirm that the account should be deleted.");
        }

        var check = await CheckPasswordAsync(userId, "password", request.Password, cancellationToken);
        if (check.Error is { } error)
        {
            return error;
        }

        await deletion.DeleteAsync(userId, cancellationToken);
        return true;
    }

    public async Task<ServiceResult<UserProfile>> GetProfileAsync(string userId, CancellationToken cancellationToken) =>
        await store.FindAsync(userId, cancellationToken) is { } user ? ToProfile(user) : ServiceError.NotFound("Your account");

    public async Task<ServiceResult<UserProfile>> UpdateProfileAsync(string userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "displayName", string.IsNullOrWhiteSpace(request.DisplayName) ? "A display name is required." : AccountRules.DisplayNameError(request.DisplayName.Trim()));
        AddError(errors, "timeZone", request.TimeZone is null ? "A time zone is required." : AccountRules.TimeZoneError(request.TimeZone));
        AddError(errors, "defaultReminderMinutes", AccountRules.ReminderError(request.DefaultReminderMinutes));
        AddError(errors, "theme", AccountRules.ThemeError(request.Theme));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        // Due times are wall-clock in the user's zone, so a new zone moves every relative reminder: the user is listed
        // for a reminder resync before the zone is saved, so a crash between the two leaves at worst a harmless resync.
        var zoneChanges = await store.FindAsync(userId, cancellationToken) is { } before && before.TimeZone != request.TimeZone;
        if (zoneChanges && !await reminderResync.AddAsync([userId], cancellationToken))
        {
            return new ServiceError(ServiceErrorKind.Conflict, "Too many changes at the same moment; try again in a few seconds.");
        }

        var user = await store.UpdateAsync(userId,
            u => u with { DisplayName = request.DisplayName!.Trim(), TimeZone = request.TimeZone!, DefaultReminderMinutes = request.DefaultReminderMinutes, Theme = request.Theme ?? u.Theme },
            cancellationToken);
        if (zoneChanges)
        {
            reminderReconciler.Nudge();
        }

        return user is null ? ServiceError.NotFound("Your account") : ToProfile(user);
    }

    public static UserProfile ToProfile(UserRecord user) =>
        new(user.Id, user.Username, user.DisplayName, user.TimeZone, user.DefaultReminderMinutes, Theme: user.Theme ?? Themes.System);

    /// <summary>The profile plus the session stamp, for the answers that start or renew a web session.</summary>
    private static UserProfile ToSession(UserRecord user) => ToProfile(user) with { SessionStamp = user.SessionStamp };

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private async Task<ServiceResult<UserRecord>> CheckPasswordAsync(string userId, string field, string password, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(userId, cancellationToken) is not { } user)
        {
            return ServiceError.NotFound("Your account");
        }

        if (await throttle.LockedUntilAsync(user.Username, cancellationToken) is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
            return new ServiceError(ServiceErrorKind.TooManyAttempts, $"Too many wrong passwords for this account; try again in {minutes} minute(s).");
        }

        if (password.Length > AccountRules.MaxPassword || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(user.Username, cancellationToken);
            return ServiceError.Invalid(field, "The password is not correct.");
        }

        await throttle.ResetAsync(user.Username, cancellationToken);
        return user;
    }

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
