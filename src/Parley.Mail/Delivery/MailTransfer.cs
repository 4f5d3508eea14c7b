using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Parley.Mail.Delivery;

/// <summary>What became of one recipient in a delivery attempt.</summary>
internal enum RecipientResult
{
    Accepted,
    Temporary,
    Permanent,
}

/// <summary>One recipient's outcome: the reply that decided it, or the error when no server answered.</summary>
internal sealed record RecipientOutcome(string Recipient, RecipientResult Result, RemoteSmtpReply? Reply, string? Error, string? Host);

/// <summary>
/// Hands a message to the next hop over SMTP (MailKit's <see cref="SmtpClient"/>): the configured relay, or
/// the recipient domain's MX hosts in preference order (opportunistic STARTTLS, as MX delivery does). A
/// refused connection or a 4xx is temporary, a 5xx permanent; each recipient is judged by its own RCPT reply.
/// </summary>
internal sealed class MailTransfer(MxResolver resolver, IOptions<MailOptions> options)
{
    public bool ViaRelay => !string.IsNullOrWhiteSpace(options.Value.Outbound.Relay.Host);

    public async Task<IReadOnlyList<RecipientOutcome>> SendAsync(MimeMessage message, string sender, IReadOnlyList<string> recipients, string recipientDomain, CancellationToken cancellationToken)
    {
        var outbound = options.Value.Outbound;
        if (ViaRelay)
        {
            var relay = outbound.Relay;
            var (relayed, unreachable) = await AttemptAsync(message, sender, recipients, relay.Host!, cancellationToken, async client =>
            {
                await client.ConnectAsync(relay.Host!, relay.Port, Enum.Parse<SecureSocketOptions>(relay.Security), cancellationToken);
                if (!string.IsNullOrEmpty(relay.Username))
                {
                    await client.AuthenticateAsync(relay.Username, relay.Password ?? "", cancellationToken);
                }
            });
            return relayed ?? All(recipients, RecipientResult.Temporary, null, unreachable, relay.Host);
        }

        IReadOnlyList<MailExchanger> hosts;
        try
        {
            hosts = await resolver.ResolveAsync(recipientDomain, cancellationToken);
        }
        catch (DnsTemporaryException ex)
        {
            return All(recipients, RecipientResult.Temporary, null, ex.Message, null);
        }
        if (hosts.Count == 0)
        {
            return All(recipients, RecipientResult.Permanent, new RemoteSmtpReply(550, $"5.1.2 {recipientDomain} has no mail exchanger (MX or address record)"), null, null);
        }
        string? lastError = null;
        foreach (var host in hosts)
        {
            var (outcomes, unreachable) = await AttemptAsync(message, sender, recipients, host.Name, cancellationToken, async client =>
            {
                // Connect to the address DNS gave (not the system resolver's idea of the name); the name is for TLS.
                var socket = new Socket(host.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(outbound.TimeoutSeconds));
                    await socket.ConnectAsync(host.Address, outbound.MxPort, timeout.Token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
                await client.ConnectAsync(socket, host.Name, outbound.MxPort, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            });
            if (outcomes is not null)
            {
                return outcomes;
            }
            lastError = $"{host.Name} [{host.Address}]:{outbound.MxPort}: {unreachable}";
        }
        return All(recipients, RecipientResult.Temporary, null, lastError, null);
    }

    /// <summary>One SMTP transaction; no outcomes, but why, when the host could not be reached at all (the next one is tried).</summary>
    private async Task<(IReadOnlyList<RecipientOutcome>? Outcomes, string? Unreachable)> AttemptAsync(
        MimeMessage message, string sender, IReadOnlyList<string> recipients, string host, CancellationToken cancellationToken, Func<SmtpClient, Task> connect)
    {
        using var client = new RecipientTrackingSmtpClient
        {
            LocalDomain = options.Value.Hostname,
            Timeout = (int)TimeSpan.FromSeconds(options.Value.Outbound.TimeoutSeconds).TotalMilliseconds,
        };
        try
        {
            await connect(client);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or SslHandshakeException or OperationCanceledException or TimeoutException
                                   && !cancellationToken.IsCancellationRequested)
        {
            return (null, ex.Message);
        }
        catch (SmtpCommandException ex)
        {
            return (All(recipients, Classify(ex.StatusCode), new RemoteSmtpReply((int)ex.StatusCode, ex.Message), null, host), null);
        }
        catch (AuthenticationException ex)
        {
            return (All(recipients, RecipientResult.Temporary, null, $"{host}: relay authentication failed: {ex.Message}", host), null);
        }

        try
        {
            var mailboxes = recipients.Select(r => new MailboxAddress("", r)).ToList();
            var response = await client.SendAsync(message, new MailboxAddress("", sender), mailboxes, cancellationToken);
            var accepted = new RemoteSmtpReply(250, response);
            var outcomes = recipients.Select(r => client.Rejected.TryGetValue(r, out var refused)
                ? new RecipientOutcome(r, Classify(refused.StatusCode), new RemoteSmtpReply((int)refused.StatusCode, refused.Response), null, host)
                : new RecipientOutcome(r, RecipientResult.Accepted, accepted, null, host)).ToList();
            await QuitAsync(client);
            return (outcomes, null);
        }
        catch (NoRecipientsAcceptedException)
        {
            await QuitAsync(client);
            return (recipients.Select(r => client.Rejected.TryGetValue(r, out var refused)
                ? new RecipientOutcome(r, Classify(refused.StatusCode), new RemoteSmtpReply((int)refused.StatusCode, refused.Response), null, host)
                : new RecipientOutcome(r, RecipientResult.Temporary, null, "not accepted", host)).ToList(), null);
        }
        catch (SmtpCommandException ex)
        {
            await QuitAsync(client);
            return (All(recipients, Classify(ex.StatusCode), new RemoteSmtpReply((int)ex.StatusCode, ex.Message), null, host), null);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or OperationCanceledException or TimeoutException
                                   && !cancellationToken.IsCancellationRequested)
        {
            // The connection broke mid-transaction: whether the message got through is unknown, so it is tried again.
            return (All(recipients, RecipientResult.Temporary, null, $"{host}: {ex.Message}", host), null);
        }
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
        {
            // The transaction is decided; a rude goodbye changes nothing.
        }
    }

    private static RecipientResult Classify(SmtpStatusCode code) => (int)code >= 500 ? RecipientResult.Permanent : RecipientResult.Temporary;

    private static List<RecipientOutcome> All(IReadOnlyList<string> recipients, RecipientResult result, RemoteSmtpReply? reply, string? error, string? host) =>
        recipients.Select(r => new RecipientOutcome(r, result, reply, error, host)).ToList();

    /// <summary>Every recipient was refused at RCPT; their replies are in <see cref="RecipientTrackingSmtpClient.Rejected"/>.</summary>
    private sealed class NoRecipientsAcceptedException : Exception;

    /// <summary>Keeps each refused recipient's reply instead of abandoning the whole transaction at the first (MailKit's default).</summary>
    private sealed class RecipientTrackingSmtpClient : SmtpClient
    {
        public Dictionary<string, SmtpResponse> Rejected { get; } = new(StringComparer.OrdinalIgnoreCase);

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Rejected[mailbox.Address] = response;

        protected override void OnNoRecipientsAccepted(MimeMessage message) => throw new NoRecipientsAcceptedException();
    }
}
