using Todo.Backend.Features.Chat;
using Todo.Backend.Features.DataTransfer;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Features.Tokens;

namespace Todo.Backend.Features.Accounts;

/// <summary>
/// Deletes an account and everything it owns: access tokens, the calendar feed token, tasks with their reminder jobs,
/// chat conversations, the index keys of each, the account and its username reservation. It first marks the account as being deleted, so from
/// that moment every session, user token and access token is refused on every replica, sign-in fails and no
/// subscriber or job callback writes for it any more; then it removes the data; the account key goes last, so an
/// interrupted deletion leaves a marked account that <see cref="DeleteAsync"/> can finish (it is idempotent).
/// </summary>
internal sealed class AccountDeletion(
    AccountStore accounts,
    AccessTokenService tokens,
    TaskStore tasks,
    ProjectService projects,
    ReminderJobs jobs,
    ConversationStore conversations,
    CalendarFeedTokens calendarFeeds,
    TimeProvider time,
    ILogger<AccountDeletion> logger)
{
    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        if (await accounts.FindRecordAsync(userId, cancellationToken) is not { } user)
        {
            return;
        }

        if (user.DeletingSince is null)
        {
            var now = time.GetUtcNow();
            user = await accounts.UpdateAsync(userId, u => u with { DeletingSince = now }, cancellationToken) ?? user;
        }

        logger.LogInformation("Deleting account {UserId}", userId);
        await DeleteOwnedDataAsync(userId, cancellationToken);
        await accounts.DeleteAsync(user, cancellationToken);
        // A request that passed its checks just before the mark may still have been writing: sweep once more.
        await DeleteOwnedDataAsync(userId, cancellationToken);
        logger.LogInformation("Account {UserId} deleted", userId);
    }

    private async Task DeleteOwnedDataAsync(string userId, CancellationToken cancellationToken)
    {
        await tokens.DeleteAllAsync(userId, cancellationToken);
        await calendarFeeds.RevokeAsync(userId, cancellationToken);
        // The job goes before its task: if the job cannot be deleted, the task stays listed for the next attempt.
        await tasks.DeleteAllAsync(userId, jobs.DeleteAsync, cancellationToken);
        await projects.DeleteAllAsync(userId, cancellationToken);
        await conversations.DeleteAllAsync(userId, cancellationToken);
    }
}
