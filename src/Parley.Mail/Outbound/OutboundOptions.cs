namespace Parley.Mail.Outbound;

/// <summary>The <c>Mail:Outbound</c> section: how Parley delivers the mail it sends.</summary>
public sealed class OutboundOptions
{
}
