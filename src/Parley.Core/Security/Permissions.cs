using Parley.Core.Accounts;

namespace Parley.Core.Security;

/// <summary>
/// What a caller may do. Every <c>/api</c> endpoint requires one permission; a user holds the
/// permissions of their role, an API key the ones it was created with.
/// </summary>
public static class Permissions
{
    /// <summary>Act on one's own account: profile, password, TOTP, sessions.</summary>
    public const string Account = "account";
    public const string UsersRead = "users.read";
    public const string UsersWrite = "users.write";
    public const string ApiKeysRead = "apikeys.read";
    public const string ApiKeysWrite = "apikeys.write";
    public const string AuditRead = "audit.read";
    public const string WebhooksRead = "webhooks.read";
    public const string WebhooksWrite = "webhooks.write";
    public const string JobsRead = "jobs.read";

    // The Mail module's API (the seed's scopes, Parley.Mail.MailScopes): owners and admins hold them, API keys when given.
    public const string MailMessagesSend = "mail.messages.send";
    public const string MailMessagesRead = "mail.messages.read";
    public const string MailThreadsRead = "mail.threads.read";
    public const string MailThreadsDelete = "mail.threads.delete";
    public const string MailWebhooksManage = "mail.webhooks.manage";
    public const string MailAttachmentsRead = "mail.attachments.read";
    public const string MailDomainsManage = "mail.domains.manage";
    public const string MailInboxesManage = "mail.inboxes.manage";

    // The Modmail module's external API (Rustmail's /api/externals): held by Modmail's X-API-Key keys with "tickets.create".
    public const string ModmailTicketsCreate = "modmail.tickets.create";

    public static readonly IReadOnlyList<string> All =
    [
        Account, UsersRead, UsersWrite, ApiKeysRead, ApiKeysWrite, AuditRead, WebhooksRead, WebhooksWrite, JobsRead,
        MailMessagesSend, MailMessagesRead, MailThreadsRead, MailThreadsDelete, MailWebhooksManage, MailAttachmentsRead,
        MailDomainsManage, MailInboxesManage, ModmailTicketsCreate,
    ];

    public static IReadOnlyList<string> ForRole(string role) => role switch
    {
        Roles.Owner or Roles.Admin => All,
        _ => [Account],
    };

    public static bool IsKnown(string permission) => All.Contains(permission, StringComparer.Ordinal);
}
