using System.Text.RegularExpressions;

namespace Parley.Mail.Delivery;

/// <summary>A receiving server's answer: reply code and text, the enhanced status code (RFC 3463) read from the text when it starts with one.</summary>
internal sealed partial record RemoteSmtpReply(int Code, string Text)
{
    public bool IsPermanent => Code >= 500;

    /// <summary><c>5.1.1</c> and the like; when the server gave none, the class digit alone (<c>5.0.0</c>).</summary>
    public string EnhancedStatus => EnhancedStatusPattern().Match(Text) is { Success: true } match
        ? match.Value
        : $"{Code / 100}.0.0";

    /// <summary>
    /// A hard bounce: the mailbox itself is wrong (RFC 3463 subject 1, addressing; 5.2.1 disabled), or a
    /// plain 550/551/553 that said no more. Those addresses are suppressed; policy and content refusals are not.
    /// </summary>
    public bool IsHardBounce
    {
        get
        {
            var status = EnhancedStatus;
            if (status == $"{Code / 100}.0.0" && !EnhancedStatusPattern().IsMatch(Text))
            {
                return Code is 550 or 551 or 553;
            }
            return status.StartsWith("5.1.", StringComparison.Ordinal) || status == "5.2.1";
        }
    }

    public override string ToString() => $"{Code} {Text}";

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}(?=\s|$)")]
    private static partial Regex EnhancedStatusPattern();
}
