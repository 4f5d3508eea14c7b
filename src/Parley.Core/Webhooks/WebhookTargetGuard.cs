using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Parley.Core.Webhooks;

/// <summary>
/// Keeps webhooks from reaching the server's own network (SSRF): refuses loopback, private,
/// link-local, CGNAT, unspecified and multicast addresses unless <see cref="WebhooksOptions.AllowPrivateTargets"/>.
/// Checked when an endpoint is created and again on every connection, against the address
/// actually connected to, so a name that later resolves elsewhere (DNS rebinding) gains nothing.
/// </summary>
public sealed class WebhookTargetGuard(IOptionsMonitor<WebhooksOptions> options)
{
    public const string ForbiddenCode = "webhook_target_forbidden";
    public const string UnresolvableCode = "webhook_target_unresolvable";

    /// <summary>Why <paramref name="url"/> may not receive webhooks (a problem code and a sentence), or null when it may.</summary>
    public async Task<(string Code, string Detail)?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await ResolveAllowedAsync(url.IdnHost, cancellationToken);
            return null;
        }
        catch (WebhookTargetForbiddenException ex)
        {
            return (ForbiddenCode, ex.Message);
        }
        catch (SocketException)
        {
            return (UnresolvableCode, $"The host '{url.IdnHost}' does not resolve.");
        }
    }

    /// <summary>The addresses of <paramref name="host"/> a webhook may connect to; throws when there are none.</summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (options.CurrentValue.AllowPrivateTargets)
        {
            return addresses;
        }
        // Every address must be public: a name with one private address is a probe waiting to happen.
        var forbidden = addresses.FirstOrDefault(IsForbidden);
        if (forbidden is not null)
        {
            throw new WebhookTargetForbiddenException($"Webhooks may not target {forbidden} (a loopback, private, link-local or otherwise internal address).");
        }
        if (addresses.Length == 0)
        {
            throw new WebhookTargetForbiddenException($"The host '{host}' has no addresses.");
        }
        return addresses;
    }

    /// <summary>
    /// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself,
    /// keeps only allowed addresses and connects to one of those, never to a name.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 0                                  // 0.0.0.0/8 "this network"
                || b[0] == 10                                 // 10/8
                || (b[0] == 100 && (b[1] & 0xC0) == 64)       // 100.64/10 carrier-grade NAT
                || b[0] == 127                                // 127/8
                || (b[0] == 169 && b[1] == 254)               // 169.254/16 link-local, cloud metadata
                || (b[0] == 172 && (b[1] & 0xF0) == 16)       // 172.16/12
                || (b[0] == 192 && b[1] == 168)               // 192.168/16
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)    // 192.0.0/24 protocol assignments
                || (b[0] == 198 && (b[1] & 0xFE) == 18)       // 198.18/15 benchmarking
                || b[0] >= 224;                               // multicast and reserved
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return (b[0] & 0xFE) == 0xFC                      // fc00::/7 unique local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)    // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)    // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF                               // ff00::/8 multicast
                || (b[..12].IndexOfAnyExcept((byte)0) < 0);   // ::/96 IPv4-compatible (and ::, ::1)
        }
        return true;
    }
}

/// <summary>A webhook target resolved to an address webhooks may not reach.</summary>
public sealed class WebhookTargetForbiddenException : Exception
{
    public WebhookTargetForbiddenException()
    {
    }

    public WebhookTargetForbiddenException(string message) : base(message)
    {
    }

    public WebhookTargetForbiddenException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
