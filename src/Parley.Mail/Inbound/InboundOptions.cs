namespace Parley.Mail.Inbound;

/// <summary>The <c>Mail:Inbound</c> section: what is done with received mail.</summary>
public sealed class InboundOptions
{
}
