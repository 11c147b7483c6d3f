using System.Xml.Linq;
using Dapr;
using Dapr.Client;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Todo.Contracts;

namespace Todo.Web.Features.Security;

/// <summary>
/// The data-protection key ring of every todo-web replica, kept in the Dapr state store under one key
/// (<see cref="StateKey"/>), so a sign-in cookie or an antiforgery token issued by one pod is read by the others and
/// outlives a rollout, a scale-in or a crash (issue 10: with a read-only root filesystem each pod otherwise keeps an
/// in-memory ring of its own).
/// <para>
/// Writes are read-modify-write under the ETag (first-write when the ring does not exist yet), so two replicas that
/// add a key at once both keep theirs: the loser re-reads and retries. Reads are not cached here: the key manager
/// caches the ring it builds (and reads again after a key is added, once its refresh period passes, and, in the first
/// minutes after start, when a payload names a key it does not know: aspnetcore's KeyRingBasedDataProtector,
/// InAutoRefreshWindow, which covers two fresh replicas each making a first key at once). Later keys are made days
/// before they activate (the key propagation window), so every replica has read them before they are used.
/// </para>
/// <para>
/// <see cref="IXmlRepository"/> is synchronous, so the Dapr calls are waited on; each is bounded by
/// <see cref="CallTimeout"/>. The framework's start-up warm-up of the ring (DataProtectionHostedService) logs a failed
/// read instead of failing start-up, and the next request reads again.
/// </para>
/// <para>
/// Keys at rest: the elements are stored as the key manager gives them (no XML encryptor: the charts provide no
/// secret to encrypt them with). What guards them is access to the state store: the component is scoped to
/// todo-backend and todo-web only (daprd loads a component only for the app ids in its <c>scopes</c>:
/// dapr/dapr pkg/operator/api/components.go and pkg/internal/loader/disk/disk.go), and with the default
/// <c>keyPrefix: appid</c> daprd stores this key as <c>todo-web||dataprotection-keys</c> and prefixes every key
/// todo-backend names with <c>todo-backend||</c> (pkg/components/state/state_config.go, GetModifiedStateKey), so the
/// backend's sidecar cannot address them; beyond that, whoever holds the database credentials can read them.
/// </para>
/// </summary>
internal sealed class DaprKeyRing(DaprClient dapr, ILogger<DaprKeyRing> logger) : IXmlRepository
{
    /// <summary>The state key of the ring (daprd prefixes it with the app id).</summary>
    public const string StateKey = "dataprotection-keys";

    /// <summary>How many lost races a write survives before it gives up (each retry re-reads the ring).</summary>
    public const int WriteAttempts = 8;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Read().Ring.Keys.Select(k => XElement.Parse(k.Xml)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        var entry = new KeyRingEntry(friendlyName, element.ToString(SaveOptions.DisableFormatting));
        Exception? lastFailure = null;
        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            var (ring, etag) = Read();
            // A name the ring already holds is replaced, as FileSystemXmlRepository overwrites its file.
            var next = new KeyRingState([.. ring.Keys.Where(k => k.Name != entry.Name), entry]);
            try
            {
                if (Wait(token => TryWriteAsync(next, etag, token)))
                {
                    return;
                }
            }
            catch (DaprException failure) when (etag.Length == 0)
            {
                // daprd answers a first-write on a key that exists now with a generic failure (components-contrib:
                // "no item was updated", or an ETag mismatch for state.in-memory): another replica wrote the ring
                // first. Re-read; if the ring is still missing the failure was something else, thrown below.
                lastFailure = failure;
            }

            logger.LogDebug("Another replica changed the data-protection key ring while {Name} was added (attempt {Attempt}); reading it again", friendlyName, attempt);
        }

        throw new InvalidOperationException(
            $"Could not add data-protection key {friendlyName} to the key ring in state store '{DaprNames.StateStore}' after {WriteAttempts} attempts.",
            lastFailure);
    }

    private (KeyRingState Ring, string ETag) Read()
    {
        var (ring, etag) = Wait(token =>
            dapr.GetStateAndETagAsync<KeyRingState?>(DaprNames.StateStore, StateKey, cancellationToken: token));
        return (ring ?? new KeyRingState([]), etag ?? "");
    }

    private async Task<bool> TryWriteAsync(KeyRingState ring, string etag, CancellationToken token)
    {
        if (etag.Length > 0)
        {
            // False when the ETag no longer matches: daprd answers an ETag mismatch with Aborted (dapr/dapr
            // pkg/api/grpc/grpc.go, getStateErrorCode), which the SDK's TrySaveStateAsync turns into false.
            return await dapr.TrySaveStateAsync(DaprNames.StateStore, StateKey, ring, etag, FirstWrite, cancellationToken: token);
        }

        await dapr.SaveStateAsync(DaprNames.StateStore, StateKey, ring, FirstWrite, cancellationToken: token);
        return true;
    }

    private static T Wait<T>(Func<CancellationToken, Task<T>> call)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        // No synchronization context in ASP.NET Core, so waiting here cannot deadlock; it is rare (the key manager
        // caches the ring).
        return call(timeout.Token).GetAwaiter().GetResult();
    }
}

/// <summary>The ring as stored: each key manager element by the name it was stored under.</summary>
internal sealed record KeyRingState(IReadOnlyList<KeyRingEntry> Keys);

/// <summary>One element of the ring (a key or a revocation) as XML text.</summary>
internal sealed record KeyRingEntry(string Name, string Xml);
