using MailKit.Net.Imap;
using Parley.Triage.Imap;

namespace Parley.Triage.Pipeline;

/// <summary>
/// An account's one connection for acting and fetching (the watchers keep theirs read-only). MailKit's client is not
/// thread-safe, so users take turns through <see cref="UseAsync"/>; a connection that failed is dropped and reopened
/// on the next use.
/// </summary>
internal sealed class ActionConnection(ImapAccount account, ImapConnector connector) : IAsyncDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private ImapClient? _client;

    public async Task<T> UseAsync<T>(Func<ImapClient, Task<T>> work, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_client is not { IsConnected: true, IsAuthenticated: true })
            {
                _client?.Dispose();
                _client = null;
                _client = await connector.ConnectAsync(account, cancellationToken);
            }
            try
            {
                return await work(_client);
            }
            catch (Exception e) when (e is IOException or ImapProtocolException or OperationCanceledException)
            {
                // The connection's state is unknown after these: start afresh next time.
                _client.Dispose();
                _client = null;
                throw;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync();
        try
        {
            if (_client is { IsConnected: true })
            {
                try { await _client.DisconnectAsync(true); } catch (Exception) { /* closing anyway */ }
            }
            _client?.Dispose();
            _client = null;
        }
        finally
        {
            _turn.Release();
        }
    }
}
