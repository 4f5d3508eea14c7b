using System.Globalization;
using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;

namespace Parley.Mail.Domains;

/// <summary>
/// The resolver Mail asks (<c>Mail:DnsServer</c>, else the system's): no cache, so a record just published
/// is seen by the next check.
/// </summary>
internal sealed class MailDnsClient(IOptionsMonitor<MailOptions> options)
{
    public ILookupClient Create()
    {
        var server = options.CurrentValue.DnsServer;
        var settings = string.IsNullOrWhiteSpace(server)
            ? new LookupClientOptions()
            : new LookupClientOptions(ParseEndpoint(server));
        settings.UseCache = false;
        settings.Timeout = TimeSpan.FromSeconds(5);
        settings.Retries = 1;
        settings.ThrowDnsErrors = false;
        return new LookupClient(settings);
    }

    /// <summary><c>1.1.1.1</c>, <c>127.0.0.1:5353</c> or <c>[::1]:53</c>.</summary>
    internal static IPEndPoint ParseEndpoint(string server)
    {
        if (IPEndPoint.TryParse(server.Trim(), out var endpoint))
        {
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
        }
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Mail:DnsServer '{server}' is not an IP address with an optional port."));
    }
}
