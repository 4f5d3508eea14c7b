using System.Globalization;

namespace Parley.ChatLoad;

/// <summary>The driver's command line: <c>--url http://… --clients N --messages M --senders S --protocol json|messagepack</c>.</summary>
internal sealed record LoadOptions(
    Uri Url, int Clients, int Messages, int Senders, bool MessagePack, string AdminUser, string AdminPassword, double Rate, int? ServerPid, TimeSpan DeliveryDeadline)
{
    public const string Usage =
        "usage: parley-chat-load --url URL [--clients N=100] [--messages M=1000] [--senders S=4] [--protocol json|messagepack]\n" +
        "                        [--admin-user admin] [--admin-password PW] [--rate MSG_PER_S (0 = as fast as acks allow)] [--pid SERVER_PID]\n" +
        "                        [--deadline-seconds 120]";

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }
            values[args[i][2..]] = args[++i];
        }
        string Get(string name, string fallback) => values.Remove(name, out var value) ? value : fallback;
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var url = new Uri(Get("url", "") is { Length: > 0 } u ? u : throw new ArgumentException("--url is required"));
        var protocol = Get("protocol", "json");
        var options = new LoadOptions(
            url,
            Clients: Int("clients", 100),
            Messages: Int("messages", 1000),
            Senders: Int("senders", 4),
            MessagePack: protocol switch
            {
                "json" => false,
                "messagepack" => true,
                _ => throw new ArgumentException("--protocol is json or messagepack"),
            },
            AdminUser: Get("admin-user", "admin"),
            AdminPassword: Get("admin-password", Environment.GetEnvironmentVariable("PARLEY_ADMIN_PASSWORD") ?? ""),
            Rate: double.Parse(Get("rate", "0"), CultureInfo.InvariantCulture),
            ServerPid: values.ContainsKey("pid") ? Int("pid", 0) : null,
            DeliveryDeadline: TimeSpan.FromSeconds(Int("deadline-seconds", 120)));
        if (values.Count > 0)
        {
            throw new ArgumentException("unknown option --" + values.Keys.First());
        }
        if (options.Clients < 1 || options.Messages < 1 || options.Senders < 1)
        {
            throw new ArgumentException("--clients, --messages and --senders must be at least 1");
        }
        if (options.AdminPassword.Length == 0)
        {
            throw new ArgumentException("--admin-password (or PARLEY_ADMIN_PASSWORD) is required");
        }
        return options with { Senders = Math.Min(options.Senders, options.Clients) };
    }
}
