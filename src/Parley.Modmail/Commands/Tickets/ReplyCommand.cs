using Parley.Chat.Bots;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands.Tickets;

/// <summary>
/// <c>reply &lt;text&gt;</c> / <c>anonreply &lt;text&gt;</c>: relays the text (and the command's files) to the member,
/// numbered, named or anonymous. The command message itself goes: the bot's numbered copy replaces it, as in Rustmail.
/// </summary>
internal abstract class ReplyCommandBase(StaffReplies replies, TicketChannels channels, BotMessages messages, bool anonymous) : ITicketCommand
{
    public abstract IReadOnlyList<string> Names { get; }

    public abstract string Usage { get; }

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await channels.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var (_, refusal) = await replies.ReplyAsync(context.Ticket!.Id, context.Staff, context.Arguments, anonymous, context.Attachments, cancellationToken);
        if (refusal is not null)
        {
            await channels.RefuseAsync(context, refusal, cancellationToken);
            return;
        }
        await messages.DeleteAsync(context.Staff.UserId, context.CommandMessageId, cancellationToken);
    }
}

internal sealed class ReplyCommand(StaffReplies replies, TicketChannels channels, BotMessages messages)
    : ReplyCommandBase(replies, channels, messages, anonymous: false)
{
    public override IReadOnlyList<string> Names => ["reply", "r"];

    public override string Usage => "reply <text> — answer the member with your name and role";
}

internal sealed class AnonReplyCommand(StaffReplies replies, TicketChannels channels, BotMessages messages)
    : ReplyCommandBase(replies, channels, messages, anonymous: true)
{
    public override IReadOnlyList<string> Names => ["anonreply", "ar"];

    public override string Usage => "anonreply <text> — answer the member anonymously";
}
