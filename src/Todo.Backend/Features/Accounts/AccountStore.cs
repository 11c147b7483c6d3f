using Dapr;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Accounts;

/// <summary>Accounts in the Dapr state store: one key per user plus a first-write username claim.</summary>
internal sealed class AccountStore(DaprClient dapr)
{
    public async Task<UserRecord?> FindAsync(string userId, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<UserRecord?>(DaprNames.StateStore, StateKeys.User(userId), cancellationToken: cancellationToken);

    public async Task<UserRecord?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        var claim = await dapr.GetStateAsync<UsernameClaim?>(DaprNames.StateStore, StateKeys.Username(username), cancellationToken: cancellationToken);
        return claim is null ? null : await FindAsync(claim.UserId, cancellationToken);
    }

    /// <summary>
    /// Creates the account unless the username is taken. The username claim and the user are written in one
    /// transaction; the claim uses first-write so two registrations of one name cannot both win.
    /// </summary>
    public async Task<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        var operations = new List<StateTransactionRequest>
        {
            new(StateKeys.Username(user.Username), dapr.Serialize(new UsernameClaim(user.Id)), StateOperationType.Upsert, options: firstWrite),
            new(StateKeys.User(user.Id), dapr.Serialize(user), StateOperationType.Upsert),
        };
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException)
        {
            // Either the username claim already existed (first-write refused) or the store failed: tell them apart.
            if (await UsernameTakenAsync(user.Username, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    public Task SaveAsync(UserRecord user, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.User(user.Id), user, cancellationToken: cancellationToken);

    private async Task<bool> UsernameTakenAsync(string username, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<UsernameClaim?>(DaprNames.StateStore, StateKeys.Username(username), cancellationToken: cancellationToken) is not null;
}
