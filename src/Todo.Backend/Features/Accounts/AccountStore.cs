using Dapr;
using Dapr.Client;
using Todo.Backend.Infrastructure;
using Todo.Contracts;

namespace Todo.Backend.Features.Accounts;

/// <summary>Accounts in the Dapr state store: one key per user plus a first-write username claim.</summary>
internal sealed class AccountStore(DaprClient dapr, ILogger<AccountStore> logger)
{
    private const int MaxAttempts = 12;

    /// <summary>The account, or null when it does not exist or is being deleted.</summary>
    public async Task<UserRecord?> FindAsync(string userId, CancellationToken cancellationToken) =>
        await FindRecordAsync(userId, cancellationToken) is { DeletingSince: null } user ? user : null;

    /// <summary>The stored record, including one whose deletion has started (to finish it).</summary>
    public async Task<UserRecord?> FindRecordAsync(string userId, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<UserRecord?>(DaprNames.StateStore, StateKeys.User(userId), cancellationToken: cancellationToken);

    /// <summary>The account holding a username, including one whose deletion started but did not finish.</summary>
    public async Task<UserRecord?> FindRecordByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        var claim = await dapr.GetStateAsync<UsernameClaim?>(DaprNames.StateStore, StateKeys.Username(username), cancellationToken: cancellationToken);
        return claim is null ? null : await FindRecordAsync(claim.UserId, cancellationToken);
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

    /// <summary>
    /// Applies <paramref name="change"/> to the latest version of an existing account and saves it guarded by its ETag,
    /// re-applying it after a concurrent write, so a profile edit can never undo a password change (or the reverse).
    /// Returns the saved record, or null when the account does not exist or <paramref name="change"/> returns null.
    /// </summary>
    public async Task<UserRecord?> UpdateAsync(string userId, Func<UserRecord, UserRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (current, etag) = await dapr.GetStateAndETagAsync<UserRecord?>(DaprNames.StateStore, StateKeys.User(userId), cancellationToken: cancellationToken);
            if (current is not { DeletingSince: null } || change(current) is not { } updated)
            {
                return null;
            }

            if (await dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.User(userId), updated, etag, cancellationToken: cancellationToken))
            {
                return updated;
            }

            logger.LogDebug("Account {UserId} changed concurrently (attempt {Attempt}); retrying", userId, attempt);
            await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken);
        }

        throw new DaprException($"The account {userId} could not be saved after repeated conflicts.");
    }

    /// <summary>Removes the account and releases its username (only if the claim still names this account).</summary>
    public async Task DeleteAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var (claim, claimETag) = await dapr.GetStateAndETagAsync<UsernameClaim?>(DaprNames.StateStore, StateKeys.Username(user.Username), cancellationToken: cancellationToken);
        var operations = new List<StateTransactionRequest> { new(StateKeys.User(user.Id), null, StateOperationType.Delete) };
        if (claim?.UserId == user.Id)
        {
            operations.Add(new(StateKeys.Username(user.Username), null, StateOperationType.Delete, claimETag));
        }

        await dapr.ExecuteStateTransactionAsync(DaprNames.StateStore, operations, cancellationToken: cancellationToken);
    }

    private async Task<bool> UsernameTakenAsync(string username, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<UsernameClaim?>(DaprNames.StateStore, StateKeys.Username(username), cancellationToken: cancellationToken) is not null;
}
