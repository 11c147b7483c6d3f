using Microsoft.AspNetCore.Components.Authorization;

namespace Todo.Web.Features.Accounts;

/// <summary>The signed-in user of this circuit (scoped), read from the authentication state.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<SignedInUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return SignedInUser.From(state.User)
            ?? throw new InvalidOperationException("no user is signed in on this circuit (pages that call the backend require sign-in)");
    }
}
