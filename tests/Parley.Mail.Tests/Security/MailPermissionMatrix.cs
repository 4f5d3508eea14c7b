using Parley.Core.Security;

namespace Parley.Mail.Tests.Security;

/// <summary>Who calls, by credential.</summary>
public enum Caller
{
    /// <summary>A signed-in user without a role: no mail permissions.</summary>
    User,
    /// <summary>A signed-in admin: every permission.</summary>
    Admin,
    /// <summary>A Core API key holding only the endpoint's permission.</summary>
    KeyWith,
    /// <summary>A Core API key holding every permission but the endpoint's.</summary>
    KeyWithout,
    /// <summary>An organization JWT with the endpoint's scope.</summary>
    JwtWith,
    /// <summary>An organization JWT with every mail scope but the endpoint's.</summary>
    JwtWithout,
    /// <summary>An organization JWT with the endpoint's scope, bound to the world's other inbox.</summary>
    JwtOtherInbox,
}

/// <summary>How an inbox-bound token is treated by an endpoint.</summary>
public enum Binding
{
    /// <summary>Not about an inbox (domains, suppressions, lists that filter): the binding does not matter.</summary>
    None,
    /// <summary>Acts on the world's inbox or something in it: 404 for a token bound elsewhere.</summary>
    Inbox,
    /// <summary>Would reach beyond the token's inboxes (creating an inbox, an endpoint for another inbox): 403.</summary>
    Refused,
}

/// <summary>One endpoint's rule: the permission it needs and how it treats inbox bindings; the expected answer per caller follows.</summary>
internal sealed record MailRule(string Endpoint, string Permission, Binding Binding, Func<MailWorld, string> Path, Func<MailWorld, object?>? Body = null)
{
    public HttpMethod Method => new(Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)]);

    private bool IsMailScope => MailScopes.ToPermission.Values.Contains(Permission);

    /// <summary>The status class expected: 2 for success, else the exact status.</summary>
    public int Expected(Caller caller) => caller switch
    {
        Caller.Admin or Caller.KeyWith => 2,
        Caller.User or Caller.KeyWithout or Caller.JwtWithout => 403,
        Caller.JwtWith => IsMailScope ? 2 : 403,
        _ => !IsMailScope ? 403 : Binding switch { Binding.Inbox => 404, Binding.Refused => 403, _ => 2 },
    };
}

/// <summary>
/// The Mail permission matrix: every <c>/api/mail</c> endpoint with its permission. <see cref="MailPermissionMatrixTests"/>
/// fails when an endpoint has no rule here.
/// </summary>
internal static class MailPermissionMatrix
{
    public static IReadOnlyList<MailRule> Rules { get; } =
    [
        new("POST /api/mail/domains", Permissions.MailDomainsManage, Binding.None, _ => "/api/mail/domains", w => new { name = $"new-{w.Tag}.test" }),
        new("GET /api/mail/domains", Permissions.MailDomainsManage, Binding.None, _ => "/api/mail/domains"),
        new("GET /api/mail/domains/{id:guid}", Permissions.MailDomainsManage, Binding.None, w => $"/api/mail/domains/{w.Domain}"),
        new("PATCH /api/mail/domains/{id:guid}", Permissions.MailDomainsManage, Binding.None, w => $"/api/mail/domains/{w.Domain}", _ => new { from_name = "Changed" }),
        new("POST /api/mail/domains/{id:guid}/verify", Permissions.MailDomainsManage, Binding.None, w => $"/api/mail/domains/{w.Domain}/verify"),
        new("DELETE /api/mail/domains/{id:guid}", Permissions.MailDomainsManage, Binding.None, w => $"/api/mail/domains/{w.Domain}"),

        new("POST /api/mail/inboxes", Permissions.MailInboxesManage, Binding.Refused, _ => "/api/mail/inboxes", w => new { domain_id = w.Domain, local_part = "new", name = "New" }),
        new("GET /api/mail/inboxes", Permissions.MailThreadsRead, Binding.None, _ => "/api/mail/inboxes"),
        new("GET /api/mail/inboxes/{id:guid}", Permissions.MailThreadsRead, Binding.Inbox, w => $"/api/mail/inboxes/{w.Inbox}"),
        new("PATCH /api/mail/inboxes/{id:guid}", Permissions.MailInboxesManage, Binding.Inbox, w => $"/api/mail/inboxes/{w.Inbox}", _ => new { name = "Renamed" }),
        new("DELETE /api/mail/inboxes/{id:guid}", Permissions.MailInboxesManage, Binding.Inbox, w => $"/api/mail/inboxes/{w.Inbox}"),
        new("GET /api/mail/inboxes/{id:guid}/threads", Permissions.MailThreadsRead, Binding.Inbox, w => $"/api/mail/inboxes/{w.Inbox}/threads"),

        new("GET /api/mail/threads/{id:guid}", Permissions.MailThreadsRead, Binding.Inbox, w => $"/api/mail/threads/{w.Thread}"),
        new("DELETE /api/mail/threads/{id:guid}", Permissions.MailThreadsDelete, Binding.Inbox, w => $"/api/mail/threads/{w.Thread}"),
        new("GET /api/mail/messages/{messageId}", Permissions.MailMessagesRead, Binding.Inbox, w => $"/api/mail/messages/{Uri.EscapeDataString(w.Message)}"),
        new("GET /api/mail/messages/{messageId}/raw", Permissions.MailMessagesRead, Binding.Inbox, w => $"/api/mail/messages/{Uri.EscapeDataString(w.Message)}/raw"),
        new("PUT /api/mail/messages/{messageId}/labels/{label}", Permissions.MailThreadsDelete, Binding.Inbox, w => $"/api/mail/messages/{Uri.EscapeDataString(w.Message)}/labels/work"),
        new("DELETE /api/mail/messages/{messageId}/labels/{label}", Permissions.MailThreadsDelete, Binding.Inbox, w => $"/api/mail/messages/{Uri.EscapeDataString(w.Message)}/labels/work"),
        new("PUT /api/mail/threads/{id:guid}/state", Permissions.MailThreadsDelete, Binding.Inbox, w => $"/api/mail/threads/{w.Thread}/state", _ => new { state = "archived" }),
        new("GET /api/mail/attachments/{id:guid}", Permissions.MailAttachmentsRead, Binding.Inbox, w => $"/api/mail/attachments/{w.Attachment}"),
        new("GET /api/mail/search", Permissions.MailMessagesRead, Binding.Inbox, w => $"/api/mail/search?q=hello&inbox_id={w.Inbox}"),

        new("GET /api/mail/suppressions", Permissions.MailMessagesRead, Binding.None, _ => "/api/mail/suppressions"),
        new("POST /api/mail/send", Permissions.MailMessagesSend, Binding.Inbox, _ => "/api/mail/send", w => new { inbox_id = w.Inbox, to = new[] { $"someone-{w.Tag}@example.test" }, subject = "Hello", text = "Hello there" }),
        new("POST /api/mail/suppressions", Permissions.MailMessagesSend, Binding.None, _ => "/api/mail/suppressions", w => new { address = $"new-{w.Tag}@example.test", reason = "manual" }),
        new("DELETE /api/mail/suppressions/{address}", Permissions.MailMessagesSend, Binding.None, w => $"/api/mail/suppressions/{Uri.EscapeDataString(w.Suppressed)}"),

        new("POST /api/mail/webhooks", Permissions.MailWebhooksManage, Binding.Refused, _ => "/api/mail/webhooks",
            w => new { url = w.ReceiverUrl, events = new[] { "message.received" }, inbox_ids = new[] { w.Inbox } }),
        new("GET /api/mail/webhooks", Permissions.MailWebhooksManage, Binding.None, _ => "/api/mail/webhooks"),
        new("GET /api/mail/webhooks/{id:guid}", Permissions.MailWebhooksManage, Binding.Inbox, w => $"/api/mail/webhooks/{w.Webhook}"),
        new("DELETE /api/mail/webhooks/{id:guid}", Permissions.MailWebhooksManage, Binding.Inbox, w => $"/api/mail/webhooks/{w.Webhook}"),
        new("GET /api/mail/webhooks/{id:guid}/deliveries", Permissions.MailWebhooksManage, Binding.Inbox, w => $"/api/mail/webhooks/{w.Webhook}/deliveries"),

        new("POST /api/mail/auth-keys", Permissions.ApiKeysWrite, Binding.None, _ => "/api/mail/auth-keys",
            w => new { organization_id = "org-new", name = "new", public_key_pem = w.SparePublicKeyPem, algorithm = "ES256" }),
        new("GET /api/mail/auth-keys", Permissions.ApiKeysRead, Binding.None, _ => "/api/mail/auth-keys"),
        new("DELETE /api/mail/auth-keys/{id:guid}", Permissions.ApiKeysWrite, Binding.None, w => $"/api/mail/auth-keys/{w.SpareAuthKey}"),
    ];
}
