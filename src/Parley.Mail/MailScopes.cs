using Parley.Core.Security;

namespace Parley.Mail;

/// <summary>
/// The seed's API scopes, each one of Core's permissions: a Core API key is created with the permissions,
/// an organization's JWT carries the scopes (<c>scopes</c> claim) and gets the same permissions.
/// </summary>
internal static class MailScopes
{
    public static readonly IReadOnlyDictionary<string, string> ToPermission = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["messages:send"] = Permissions.MailMessagesSend,
        ["messages:read"] = Permissions.MailMessagesRead,
        ["threads:read"] = Permissions.MailThreadsRead,
        ["threads:delete"] = Permissions.MailThreadsDelete,
        ["webhooks:manage"] = Permissions.MailWebhooksManage,
        ["attachments:read"] = Permissions.MailAttachmentsRead,
        ["domains:manage"] = Permissions.MailDomainsManage,
        ["inboxes:manage"] = Permissions.MailInboxesManage,
    };
}
