using Parley.Modmail.Panel;

namespace Parley.Modmail.Tests.Panel;

/// <summary>Who calls a panel endpoint.</summary>
public enum PanelCallerKind
{
    /// <summary>No credentials: 401.</summary>
    Anonymous,
    /// <summary>Signed in, no panel permission: 403 (2xx where any signed-in user may call).</summary>
    Outsider,
    /// <summary>Signed in, holding every panel permission but the one the endpoint needs: 403.</summary>
    HoldsTheOthers,
    /// <summary>Holding the endpoint's permission (a super admin for super-admin endpoints, a Modmail API key for the external API): 2xx.</summary>
    Holder,
}

/// <summary>
/// One endpoint's rule. <see cref="Need"/>: a panel permission; <see cref="Any"/> (any signed-in user);
/// <see cref="Super"/> (super admins); <see cref="External"/> (an <c>X-API-Key</c> with <c>tickets.create</c>).
/// </summary>
internal sealed record PanelRule(string Endpoint, string Need, Func<PanelWorld, string> Path, Func<PanelWorld, object?>? Body = null)
{
    public const string Any = "*any";
    public const string Super = "*super";
    public const string External = "*external";

    public HttpMethod Method => new(Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)]);

    /// <summary>The status expected: 2 for success, else the exact status.</summary>
    public int Expected(PanelCallerKind caller) => caller switch
    {
        PanelCallerKind.Anonymous => 401,
        PanelCallerKind.Holder => 2,
        _ => Need == Any ? 2 : 403,
    };
}

/// <summary>Every <c>/api/modmail</c> endpoint of the panel and the external API with what it needs. <see cref="PanelPermissionMatrixTests"/> fails when one has no rule.</summary>
internal static class PanelPermissionMatrix
{
    private static string D(PanelWorld w) => $"/api/modmail/desks/{w.Desk}";

    /// <summary>Endpoints whose rules are tested elsewhere: desks and contact (Tickets/DesksApiTests), support inboxes (Email/EmailTransportTests).</summary>
    public static readonly IReadOnlySet<string> OtherParts = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST /api/modmail/desks",
        "GET /api/modmail/communities/{communityId:guid}/desk",
        "POST /api/modmail/desks/{deskId:guid}/contact",
        "GET /api/modmail/desks/{deskId:guid}/support-inboxes",
        "PUT /api/modmail/desks/{deskId:guid}/support-inboxes/{inboxId:guid}",
        "DELETE /api/modmail/desks/{deskId:guid}/support-inboxes/{inboxId:guid}",
    };

    public static IReadOnlyList<PanelRule> Rules { get; } =
    [
        new("GET /api/modmail/desks", PanelRule.Any, _ => "/api/modmail/desks"),
        new("GET /api/modmail/desks/{id:guid}", PanelPermissions.ViewConfig, D),
        new("PATCH /api/modmail/desks/{id:guid}", PanelPermissions.EditConfig, D, _ => new { welcome_message = "Welcome!" }),
        new("GET /api/modmail/desks/{id:guid}/me", PanelRule.Any, w => D(w) + "/me"),

        new("GET /api/modmail/desks/{id:guid}/categories", PanelPermissions.ViewTickets, w => D(w) + "/categories"),
        new("POST /api/modmail/desks/{id:guid}/categories", PanelPermissions.EditConfig, w => D(w) + "/categories", _ => new { name = "New", required_permissions = new[] { "billing" } }),
        new("PATCH /api/modmail/desks/{id:guid}/categories/{categoryId:guid}", PanelPermissions.EditConfig, w => $"{D(w)}/categories/{w.Category}", _ => new { description = "Money" }),
        new("DELETE /api/modmail/desks/{id:guid}/categories/{categoryId:guid}", PanelPermissions.EditConfig, w => $"{D(w)}/categories/{w.Category}"),

        new("GET /api/modmail/desks/{id:guid}/snippets", PanelPermissions.ViewTickets, w => D(w) + "/snippets"),
        new("POST /api/modmail/desks/{id:guid}/snippets", PanelPermissions.EditConfig, w => D(w) + "/snippets", w => new { key = "n-" + w.Tag, content = "Hi" }),
        new("PATCH /api/modmail/desks/{id:guid}/snippets/{key}", PanelPermissions.EditConfig, w => $"{D(w)}/snippets/{w.Snippet}", _ => new { content = "Changed" }),
        new("DELETE /api/modmail/desks/{id:guid}/snippets/{key}", PanelPermissions.EditConfig, w => $"{D(w)}/snippets/{w.Snippet}"),

        new("GET /api/modmail/desks/{id:guid}/blocks", PanelPermissions.ViewTickets, w => D(w) + "/blocks"),
        new("POST /api/modmail/desks/{id:guid}/blocks", PanelPermissions.ManageTickets, w => D(w) + "/blocks", w => new { user_id = $"new-{w.Tag}@example.test", duration = "1d" }),
        new("DELETE /api/modmail/desks/{id:guid}/blocks/{userId}", PanelPermissions.ManageTickets, w => $"{D(w)}/blocks/{Uri.EscapeDataString(w.Blocked)}"),

        new("GET /api/modmail/desks/{id:guid}/reminders", PanelPermissions.ViewTickets, w => D(w) + "/reminders"),
        new("GET /api/modmail/desks/{id:guid}/scheduled-closes", PanelPermissions.ViewTickets, w => D(w) + "/scheduled-closes"),

        new("GET /api/modmail/desks/{id:guid}/tickets", PanelPermissions.ViewTickets, w => D(w) + "/tickets?status=all&awaiting_staff=true"),
        new("GET /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}", PanelPermissions.ViewTickets, w => $"{D(w)}/tickets/{w.Ticket}"),
        new("GET /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/export.json", PanelPermissions.ViewTickets, w => $"{D(w)}/tickets/{w.Ticket}/export.json"),
        new("GET /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/export.html", PanelPermissions.ViewTickets, w => $"{D(w)}/tickets/{w.Ticket}/export.html"),

        new("POST /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/reply", PanelPermissions.ManageTickets, w => $"{D(w)}/tickets/{w.Ticket}/reply", _ => new { content = "On it", anonymous = true }),
        new("POST /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/close", PanelPermissions.ManageTickets, w => $"{D(w)}/tickets/{w.Ticket}/close", _ => new { after = "1d", silent = true }),
        new("DELETE /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/scheduled-close", PanelPermissions.ManageTickets, w => $"{D(w)}/tickets/{w.Ticket}/scheduled-close"),
        new("POST /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/take", PanelPermissions.ManageTickets, w => $"{D(w)}/tickets/{w.Ticket}/take"),
        new("POST /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/release", PanelPermissions.ManageTickets, w => $"{D(w)}/tickets/{w.Ticket}/release"),
        new("POST /api/modmail/desks/{id:guid}/tickets/{ticketId:guid}/move", PanelPermissions.ManageTickets, w => $"{D(w)}/tickets/{w.Ticket}/move", w => new { category_id = w.Category }),

        new("GET /api/modmail/desks/{id:guid}/statistics", PanelPermissions.ViewTickets, w => D(w) + "/statistics?days=7"),

        new("GET /api/modmail/desks/{id:guid}/permissions", PanelPermissions.EditConfig, w => D(w) + "/permissions"),
        new("POST /api/modmail/desks/{id:guid}/permissions", PanelPermissions.EditConfig, w => D(w) + "/permissions", w => new { subject_type = "role", subject_id = "admin", permission = "new-" + w.Tag }),
        new("DELETE /api/modmail/desks/{id:guid}/permissions/{permissionId:long}", PanelPermissions.EditConfig, w => $"{D(w)}/permissions/{w.Grant}"),

        new("GET /api/modmail/panel-sessions", PanelRule.Super, _ => "/api/modmail/panel-sessions"),
        new("DELETE /api/modmail/panel-sessions/{sessionId}", PanelRule.Super, _ => "/api/modmail/panel-sessions/" + PanelPermissionMatrixTests.SpareSessionHash),

        new("GET /api/modmail/desks/{id:guid}/api-keys", PanelPermissions.ManageApiKeys, w => D(w) + "/api-keys"),
        new("POST /api/modmail/desks/{id:guid}/api-keys", PanelPermissions.ManageApiKeys, w => D(w) + "/api-keys", _ => new { name = "site", permissions = new[] { "tickets.create" } }),
        new("POST /api/modmail/desks/{id:guid}/api-keys/{keyId:long}/revoke", PanelPermissions.ManageApiKeys, w => $"{D(w)}/api-keys/{w.ApiKey}/revoke"),
        new("DELETE /api/modmail/desks/{id:guid}/api-keys/{keyId:long}", PanelPermissions.ManageApiKeys, w => $"{D(w)}/api-keys/{w.ApiKey}"),

        new("POST /api/modmail/externals/tickets/create", PanelRule.External, _ => "/api/modmail/externals/tickets/create",
            w => new { email = $"someone-{w.Tag}@example.test", content = "Help please" }),
    ];
}
