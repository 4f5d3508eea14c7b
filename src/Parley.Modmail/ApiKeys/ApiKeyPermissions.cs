using Parley.Core.Security;

namespace Parley.Modmail.ApiKeys;

/// <summary>
/// What a Modmail API key may do (<c>api_keys.permissions</c>, Rustmail's names), and the Core permission each becomes on
/// the key's principal — so the external endpoints declare them with <c>RequirePermission</c> like every endpoint.
/// </summary>
internal static class ApiKeyPermissions
{
    /// <summary>Open a ticket through the external API.</summary>
    public const string TicketsCreate = "tickets.create";

    public static readonly IReadOnlyDictionary<string, string> ToCorePermission = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TicketsCreate] = Permissions.ModmailTicketsCreate,
    };

    public static IReadOnlyList<string> All => [.. ToCorePermission.Keys];
}
