using System.Globalization;
using System.Security.Claims;

namespace Parley.Mail.Api;

/// <summary>
/// The inboxes a caller may see. Users and Core API keys see every inbox; an organization JWT with an
/// <c>inboxes</c> claim sees only those (the others answer 404, lists leave them out).
/// </summary>
internal sealed record MailCaller(IReadOnlySet<Guid>? BoundInboxes)
{
    /// <summary>One claim per inbox a JWT is bound to.</summary>
    public const string InboxClaim = "mail_inbox";

    /// <summary>Present when the JWT had an <c>inboxes</c> claim at all (an empty list binds to none).</summary>
    public const string BoundClaim = "mail_inbox_bound";

    public bool IsBound => BoundInboxes is not null;

    public bool MaySee(Guid inboxId) => BoundInboxes is null || BoundInboxes.Contains(inboxId);

    public static MailCaller From(ClaimsPrincipal user)
    {
        if (!user.HasClaim(c => c.Type == BoundClaim))
        {
            return new MailCaller((IReadOnlySet<Guid>?)null);
        }
        var inboxes = user.FindAll(InboxClaim)
            .Select(c => Guid.Parse(c.Value, CultureInfo.InvariantCulture))
            .ToHashSet();
        return new MailCaller(inboxes);
    }
}
