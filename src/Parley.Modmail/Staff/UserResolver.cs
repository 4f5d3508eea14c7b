using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Modmail.Staff;

/// <summary>A Parley user named in a command argument.</summary>
internal sealed record ResolvedUser(Guid Id, string Username, string? DisplayName, bool IsBot)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Username : DisplayName;
}

/// <summary>A ticket's member as a command names them: the transport's id (<c>threads.user_id</c>) and a name to show.</summary>
internal sealed record NamedMember(string MemberId, string Name);

/// <summary>
/// Turns what staff write for a user (<c>new_thread</c>, <c>add_staff</c>, <c>block</c>, <c>logs</c>) into a Parley
/// user: a user id, <c>@username</c> (a Chat mention) or a bare username, compared as Core stores usernames (lower case).
/// </summary>
internal sealed class UserResolver(CoreDbContext core)
{
    public async Task<ResolvedUser?> ResolveAsync(string? argument, CancellationToken cancellationToken)
    {
        var text = argument?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var query = core.Users.AsNoTracking();
        if (Guid.TryParse(text, out var id))
        {
            query = query.Where(u => u.Id == id);
        }
        else
        {
            var username = AccountService.NormalizeUsername(text.TrimStart('@'));
            if (username.Length == 0 || username.Length > 32)
            {
                return null;
            }
            query = query.Where(u => u.Username == username);
        }
        return await query.Select(u => new ResolvedUser(u.Id, u.Username, u.DisplayName, u.IsBot)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A member for <c>block</c>, <c>unblock</c>, <c>logs</c>: an email address (an email ticket's member, as stored:
    /// lower case) or a Parley user as <see cref="ResolveAsync"/> finds them (a Chat ticket's member is their user id).
    /// </summary>
    public async Task<NamedMember?> ResolveMemberAsync(string? argument, CancellationToken cancellationToken)
    {
        var text = argument?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && at < text.Length - 1 && text.Length <= 320 && !text.Any(char.IsWhiteSpace))
        {
            var address = text.ToLowerInvariant();
            return new NamedMember(address, address);
        }
        var user = await ResolveAsync(text, cancellationToken);
        return user is null ? null : new NamedMember(user.Id.ToString(), user.Username);
    }
}
