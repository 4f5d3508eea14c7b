namespace Parley.Mail.Webhooks;

/// <summary>The webhook event types Mail sends (the seed's names).</summary>
internal static class MailEventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageDelivered = "message.delivered";
    public const string MessageBounced = "message.bounced";
    public const string MessageComplained = "message.complained";
    public const string ThreadMerged = "thread.merged";
    /// <summary>Parley's: a label was put on a message (<c>labeled: true</c>) or taken off (<c>labeled: false</c>).</summary>
    public const string MessageLabeled = "message.labeled";
    /// <summary>Parley's: a thread's state (open, archived, spam, trash) changed.</summary>
    public const string ThreadStateChanged = "thread.state_changed";
    public const string Verification = "webhook.verification";

    public static readonly IReadOnlyList<string> All = [MessageReceived, MessageSent, MessageDelivered, MessageBounced, MessageComplained, ThreadMerged, MessageLabeled, ThreadStateChanged];
}
