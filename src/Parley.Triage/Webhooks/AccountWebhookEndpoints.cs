using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Core.Security;
using Parley.Core.Webhooks;
using Parley.Triage.Configuration;

namespace Parley.Triage.Webhooks;

/// <summary>
/// The accounts' <c>webhooks:</c> as endpoints Core's delivery job posts to (source <c>triage</c>). They live in
/// configuration, not a table: an endpoint's id is derived from its account, position and URL (<see cref="IdOf"/>),
/// so a delivery queued before a change of configuration finds its endpoint only if that endpoint is unchanged.
/// Health (consecutive failures, disabled) is kept in <see cref="AccountWebhookHealth"/>, in memory: a restart or an
/// edit of the URL gives a disabled endpoint a new start. A hook's <c>headers</c> go with each delivery (resolved here,
/// never stored).
/// </summary>
internal sealed class AccountWebhookEndpoints(
    IOptionsMonitor<TriageOptions> options,
    InstanceKeyring keyring,
    AccountWebhookHealth health) : IWebhookEndpointSource
{
    public const string SourceName = "triage";

    /// <summary>Signs deliveries of hooks without a <c>secret</c>: the server's own key, known to no receiver.</summary>
    private const string UnsharedKeyName = "triage-webhooks-unshared";

    public string Name => SourceName;

    public Task<WebhookTarget?> FindAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        foreach (var (account, index, hook) in All(options.CurrentValue))
        {
            if (IdOf(account, index, hook.Url) == endpointId)
            {
                var secret = string.IsNullOrEmpty(hook.Secret) ? Convert.ToHexString(keyring.GetKey(UnsharedKeyName)) : hook.Secret;
                var sealedSecret = keyring.Encrypt(WebhookTransport.SecretPurpose, Encoding.UTF8.GetBytes(secret));
                // Mailpilot's `headers` are read here, at delivery, from the configuration in force: the delivery row never
                // holds them (an `Authorization: Bearer ${TOKEN}` stays a secret) and an edited value applies to the next attempt.
                return Task.FromResult<WebhookTarget?>(new WebhookTarget(endpointId, hook.Url, sealedSecret, health.IsDisabled(endpointId), hook.Headers));
            }
        }
        return Task.FromResult<WebhookTarget?>(null);
    }

    public Task RecordSuccessAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken)
    {
        health.Succeeded(endpointId);
        return Task.CompletedTask;
    }

    public Task<int?> RecordFailureAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken) =>
        Task.FromResult<int?>(health.Failed(endpointId));

    public Task WarnAsync(Guid endpointId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> DisableAsync(Guid endpointId, CancellationToken cancellationToken) => Task.FromResult(health.Disable(endpointId));

    /// <summary>Every account's hooks with their position.</summary>
    public static IEnumerable<(string Account, int Index, WebhookOptions Hook)> All(TriageOptions options) =>
        options.Accounts.SelectMany(a => a.Webhooks.Select((hook, i) => (a.Name, i, hook)));

    /// <summary>A stable id for the <paramref name="index"/>th hook of <paramref name="account"/> at <paramref name="url"/>.</summary>
    public static Guid IdOf(string account, int index, string url) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"triage-webhook\n{account}\n{index}\n{url}")).AsSpan(0, 16));
}

/// <summary>Consecutive failures and disabled state of the configured account webhooks, for this process's life.</summary>
internal sealed class AccountWebhookHealth
{
    private readonly ConcurrentDictionary<Guid, int> _failures = new();
    private readonly ConcurrentDictionary<Guid, bool> _disabled = new();

    public bool IsDisabled(Guid id) => _disabled.ContainsKey(id);

    public void Succeeded(Guid id) => _failures.TryRemove(id, out _);

    public int Failed(Guid id) => _failures.AddOrUpdate(id, 1, (_, n) => n + 1);

    public bool Disable(Guid id) => _disabled.TryAdd(id, true);
}
