using System.Globalization;
using System.Security.Claims;

namespace Parley.Core.Security;

/// <summary>The claims Parley's principals carry, and how to read the caller from them.</summary>
public static class ParleyClaims
{
    /// <summary>The user id, or <c>apikey:&lt;id&gt;</c> for an API key.</summary>
    public const string Subject = "sub";
    public const string SessionId = "sid";
    public const string Role = "role";
    public const string Permission = "perm";
    public const string Purpose = "purpose";

    public const string ApiKeySubjectPrefix = "apikey:";

    /// <summary>The signed-in user, or null for an API key or an anonymous caller.</summary>
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Subject), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static Guid? SessionIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static long? ApiKeyId(this ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue(Subject);
        return subject is not null
            && subject.StartsWith(ApiKeySubjectPrefix, StringComparison.Ordinal)
            && long.TryParse(subject.AsSpan(ApiKeySubjectPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public static bool IsOwner(this ClaimsPrincipal principal) =>
        principal.UserId() is not null && principal.HasClaim(Role, Accounts.Roles.Owner);

    public static bool HasPermission(this ClaimsPrincipal principal, string permission) =>
        principal.HasClaim(Permission, permission);
}
