using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Blobs;

namespace Parley.Mail.Smtp;

/// <summary>
/// Parley's SMTP server on plain <see cref="System.Net.Sockets"/>: binds <c>Mail:Smtp:Address</c>/<c>Port</c>
/// while the host starts (so the port is known, and printed, before start-up finishes; migrations ran
/// already, as Core's hosted services come first), accepts connections, and runs one
/// <see cref="SmtpSession"/> per connection up to <c>Mail:Smtp:MaxSessions</c>.
/// </summary>
internal sealed partial class SmtpServer(
    SmtpListener listener,
    IOptions<MailOptions> options,
    SmtpCertificate certificate,
    SmtpAuthenticator authenticator,
    IServiceScopeFactory scopes,
    IBlobStore blobs,
    TimeProvider clock,
    ILogger<SmtpServer> logger) : BackgroundService
{
    public const string ListeningBanner = "SMTP listening on ";

    private readonly ConcurrentDictionary<int, Task> _sessions = new();
    private Socket? _socket;
    private int _active;
    private int _nextId;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (!smtp.Enabled)
        {
            return;
        }
        var address = IPAddress.TryParse(smtp.Address, out var parsed)
            ? parsed
            : (await System.Net.Dns.GetHostAddressesAsync(smtp.Address, cancellationToken)).First();
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, smtp.Port));
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        listener.Endpoint = (IPEndPoint)socket.LocalEndPoint!;
        // Printed like the HTTP banner, so scripts and tests find a port picked with Mail:Smtp:Port=0.
        Console.WriteLine(ListeningBanner + listener.Endpoint);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socket is not { } socket)
        {
            return;
        }
        var smtp = options.Value.Smtp;
        var shared = new SmtpSessionServices(smtp, options.Value.Hostname, certificate, authenticator, scopes, blobs, clock, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(ex);
                continue;
            }
            var id = Interlocked.Increment(ref _nextId);
            _sessions[id] = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client, shared, stoppingToken);
                }
                finally
                {
                    _sessions.TryRemove(id, out _);
                }
            }, CancellationToken.None);
        }
        await Task.WhenAll(_sessions.Values);
    }

    private async Task ServeAsync(Socket client, SmtpSessionServices shared, CancellationToken stoppingToken)
    {
        var remote = (client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
        client.NoDelay = true;
        await using var connection = new SmtpConnection(new NetworkStream(client, ownsSocket: true), TimeSpan.FromSeconds(shared.Options.IdleTimeoutSeconds));
        try
        {
            if (Interlocked.Increment(ref _active) > shared.Options.MaxSessions)
            {
                connection.Queue(new SmtpReply(421, "4.3.2", $"{shared.Hostname} Too many connections; try again later"));
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.FlushAsync(timeout.Token);
                return;
            }
            await new SmtpSession(connection, remote, shared).RunAsync(stoppingToken);
        }
        catch (Exception ex)
        {
            LogSessionFailed(ex, remote);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancelling stops the accept loop and has each running session say 421 and end; then the socket goes.
        await base.StopAsync(cancellationToken);
        _socket?.Dispose();
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting an SMTP connection failed")]
    private partial void LogAcceptFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP session from {Client} failed")]
    private partial void LogSessionFailed(Exception ex, string client);
}
