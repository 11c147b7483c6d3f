using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Todo.Backend.Features.Accounts;
using Todo.Contracts.Accounts;
using Todo.ServiceDefaults.Auth;

namespace Todo.Backend.Features.Auth;

/// <summary>
/// Two ways in, one principal out: short-lived user tokens signed by todo-web (JWT, validated by the JwtBearer
/// handler with the key from the Dapr secret store) and personal access tokens for MCP clients. A policy scheme picks
/// the handler by the token's shape; both put the user id in <c>sub</c>. A user token is only accepted while its
/// account exists and its session stamp (<c>sst</c>) is the account's current one, read fresh on every request so a
/// password change, "sign out everywhere" or a deletion takes effect on every replica at once.
/// </summary>
internal static class AuthenticationExtensions
{
    public const string PolicyScheme = "Bearer";
    public const string UserTokenScheme = "UserToken";

    public static WebApplicationBuilder AddTodoAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddSingleton<UserContextResolver>();
        builder.Services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "User token or access token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    BearerToken.From(context.Request)?.StartsWith(UserTokenDefaults.AccessTokenPrefix, StringComparison.Ordinal) == true
                        ? AccessTokenAuthenticationHandler.SchemeName
                        : UserTokenScheme;
            })
            .AddJwtBearer(UserTokenScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = UserTokenDefaults.Issuer,
                    ValidAudience = UserTokenDefaults.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = TodoClaims.Name,
                    // Lets the session-only policy tell a web session from an access token.
                    AuthenticationType = UserTokenScheme,
                };
                options.Events = new JwtBearerEvents
                {
                    // The key comes from the secret store on first use (never at start-up); the resolver below only
                    // hands out the cached key, so warm the cache before validation runs.
                    OnMessageReceived = async context =>
                    {
                        var provider = context.HttpContext.RequestServices.GetRequiredService<SigningKeyProvider>();
                        var key = await provider.GetAsync(context.HttpContext.RequestAborted);
                        context.Options.TokenValidationParameters.IssuerSigningKey = key;
                    },
                    OnTokenValidated = async context =>
                    {
                        // Only short-lived tokens are accepted, whatever the signer put in them.
                        var token = context.SecurityToken;
                        if (token.ValidTo - token.ValidFrom > UserTokenDefaults.Lifetime + TimeSpan.FromSeconds(5))
                        {
                            context.Fail("User tokens may live at most five minutes.");
                            return;
                        }

                        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountStore>();
                        var userId = context.Principal?.FindFirst(TodoClaims.Subject)?.Value;
                        var user = userId is null ? null : await accounts.FindAsync(userId, context.HttpContext.RequestAborted);
                        if (user is null)
                        {
                            context.Fail("Your account no longer exists; sign in again or create a new account.");
                        }
                        else if ((user.SessionStamp ?? "") != (context.Principal!.FindFirst(UserTokenDefaults.SessionStampClaim)?.Value ?? ""))
                        {
                            context.Fail("This session has ended because the password was changed or the account was signed out everywhere; sign in again.");
                        }
                        else
                        {
                            UserContext.Remember(context.HttpContext, user);
                        }
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        await UnauthorizedProblem.WriteAsync(context.HttpContext, context.AuthenticateFailure);
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SignedInSession.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new SignedInSession()));
        builder.Services.AddSingleton<IAuthorizationHandler, SignedInSessionHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }
}
