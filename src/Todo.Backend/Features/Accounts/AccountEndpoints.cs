using Dapr;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Todo.Backend.Features.Auth;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Features.Accounts;

/// <summary>
/// Registration and sign-in checks (called by todo-web, which then signs short-lived user tokens), the signed-in
/// user's profile, and the account changes that need a signed-in web session (not an access token): change password,
/// sign out everywhere, delete the account.
/// </summary>
internal static class AccountEndpoints
{
    private const string SignInPolicy = "sign-in";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<AccountService>();
        builder.Services.AddSingleton<AccountDeletion>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<UserRecord>, Microsoft.AspNetCore.Identity.PasswordHasher<UserRecord>>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Calls arrive through the sidecar, so the client address is not the person's: limit the route as a whole
            // here, and per username in SignInThrottle.
            options.AddFixedWindowLimiter(SignInPolicy, limiter =>
            {
                limiter.PermitLimit = 120;
                limiter.Window = TimeSpan.FromMinutes(1);
                limiter.QueueLimit = 0;
            });
        });
        return builder;
    }

    public static void MapAccounts(this WebApplication app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/register", RegisterAsync).WithName("Register").WithSummary("Creates an account.");
        accounts.MapPost("/sign-in", SignInAsync).WithName("SignIn").WithSummary("Checks a username and password.").RequireRateLimiting(SignInPolicy);

        var me = app.MapGroup("/api/me").WithTags("Accounts").RequireUser();
        me.MapGet("/", GetProfileAsync).WithName("GetProfile").WithSummary("Your profile.");
        me.MapPut("/", UpdateProfileAsync).WithName("UpdateProfile").WithSummary("Changes your display name, time zone, default reminder and theme.");

        var session = app.MapGroup("/api/me").WithTags("Accounts").RequireSignedInSession();
        session.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword")
            .WithSummary("Changes your password and ends every other session; the answer carries the new session stamp.");
        session.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).WithName("SignOutEverywhere")
            .WithSummary("Ends every session of your account, this one included. Access tokens are not affected.");
        session.MapPost("/delete", DeleteAccountAsync).WithName("DeleteAccount")
            .WithSummary("Deletes your account and everything it owns, after checking your password.");
    }

    private static async Task<Results<Created<UserProfile>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RegisterRequest>(request, cancellationToken);
        var result = body.Error is null ? await accounts.RegisterAsync(body.Value!, cancellationToken) : body.Error;
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Created("/api/me", result.Value);
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> SignInAsync(
        HttpRequest request, AccountService accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SignInRequest>(request, cancellationToken);
        if (body.Error is { } error)
        {
            return ProblemResults.From(error);
        }

        var outcome = await accounts.SignInAsync(body.Value!, cancellationToken);
        if (outcome.Profile is { } profile)
        {
            return TypedResults.Ok(profile);
        }

        if (outcome.LockedUntil is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
            return TypedResults.Problem($"Too many failed sign-ins for this account; try again in {minutes} minute(s).",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts");
        }

        return TypedResults.Problem("The username or password is incorrect.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> GetProfileAsync(
        UserContext user, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.GetProfileAsync(user.UserId, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> UpdateProfileAsync(
        HttpRequest request, UserContext user, AccountService accounts, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdateProfileRequest>(request, cancellationToken);
        var result = body.Error is null ? await accounts.UpdateProfileAsync(user.UserId, body.Value!, cancellationToken) : body.Error;
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> ChangePasswordAsync(
        HttpRequest request, UserContext user, AccountService accounts, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChangePasswordRequest>(request, cancellationToken);
        var result = body.Error is null ? await accounts.ChangePasswordAsync(user.UserId, body.Value!, cancellationToken) : body.Error;
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.Ok(result.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhereAsync(
        UserContext user, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.SignOutEverywhereAsync(user.UserId, cancellationToken);
        return result.Error is { } error ? ProblemResults.From(error) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccountAsync(
        HttpRequest request, UserContext user, AccountService accounts, ILogger<AccountService> logger, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DeleteAccountRequest>(request, cancellationToken);
        try
        {
            var result = body.Error is null ? await accounts.DeleteAsync(user.UserId, body.Value!, cancellationToken) : body.Error;
            return result.Error is { } error ? ProblemResults.From(error) : TypedResults.NoContent();
        }
        catch (Exception ex) when (ex is DaprException or HttpRequestException)
        {
            // The account is already locked and signed out everywhere, so "try again" from this session cannot work.
            logger.LogError(ex, "Deleting account {UserId} was interrupted", user.UserId);
            return TypedResults.Problem(
                "Your account is locked and signed out everywhere, but not all of its data could be removed because storage did not answer. " +
                "Sign in again with your password in a few minutes to finish deleting it.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Deletion not finished");
        }
    }
}
