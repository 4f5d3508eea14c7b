using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands;

/// <summary>The member a <c>block</c>/<c>unblock</c> names: the word given, or the ticket's member when none is.</summary>
internal static class MemberArgument
{
    /// <summary>The member, or null after answering why not (usage outside a ticket, unknown user).</summary>
    public static async Task<NamedMember?> ResolveAsync(
        CommandContext context, string? word, UserResolver users, CommandNotices answers, ITicketCommand command, CancellationToken cancellationToken)
    {
        if (word is null)
        {
            if (context.Ticket is { } ticket)
            {
                return new NamedMember(ticket.UserId, ticket.UserName);
            }
            await answers.UsageAsync(context, command, cancellationToken);
            return null;
        }
        var member = await users.ResolveMemberAsync(word, cancellationToken);
        if (member is null)
        {
            await answers.RefuseAsync(context, $"No user \"{word}\".", cancellationToken);
        }
        return member;
    }
}
