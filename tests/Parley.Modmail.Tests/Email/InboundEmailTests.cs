using Parley.Mail.Messages;
using Parley.Modmail.Transports.Email;

namespace Parley.Modmail.Tests.Email;

/// <summary>How a stored email becomes a member's message: what is dropped, what the text is.</summary>
public sealed class InboundEmailTests
{
    private static StoredEmail Email(string? text = "Hi", string? html = null, bool outbound = false, string? envelopeFrom = "ann@member.test", string from = "ann@member.test", params (string Name, string Value)[] headers) =>
        new("m-1@member.test", Guid.NewGuid(), "Order", [Guid.NewGuid()], outbound, new MailAddress(from, null), "Order", DateTime.UnixEpoch,
            null, [], text, html, [new StoredAttachment("blob-a", "a.pdf", "application/pdf", 3, false), new StoredAttachment("blob-logo", "logo.png", "image/png", 9, true)],
            envelopeFrom, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList());

    [Fact]
    public void Automatic_mail_and_Parleys_own_are_dropped_and_a_person_writing_is_not()
    {
        Assert.Null(InboundEmail.SkipReason(Email(headers: ("Auto-Submitted", "no"))));
        Assert.Null(InboundEmail.SkipReason(Email(headers: ("Precedence", "first-class"))));
        Assert.NotNull(InboundEmail.SkipReason(Email(outbound: true)));
        Assert.NotNull(InboundEmail.SkipReason(Email(headers: ("X-Parley-Ticket", Guid.NewGuid().ToString()))));
        Assert.NotNull(InboundEmail.SkipReason(Email(headers: ("auto-submitted", "auto-replied"))));
        Assert.NotNull(InboundEmail.SkipReason(Email(headers: ("Content-Type", "multipart/report; report-type=delivery-status; boundary=x"))));
        Assert.NotNull(InboundEmail.SkipReason(Email(envelopeFrom: "")));
        Assert.NotNull(InboundEmail.SkipReason(Email(headers: ("Precedence", "bulk"))));
        Assert.NotNull(InboundEmail.SkipReason(Email(headers: ("X-Autoreply", "yes"))));
        Assert.NotNull(InboundEmail.SkipReason(Email(from: "MAILER-DAEMON@member.test")));
    }

    [Fact]
    public void The_member_message_has_the_sender_the_thread_and_the_files_but_not_inline_parts()
    {
        var email = Email();
        var desk = Guid.NewGuid();
        var message = InboundEmail.ToMemberMessage(desk, email);
        Assert.Equal((desk, "email", "ann@member.test", "ann", email.ThreadId.ToString(), "m-1@member.test"),
            (message.DeskId, message.Transport, message.MemberId, message.MemberName, message.MemberConversationId, message.MemberMessageId));
        Assert.Equal(["blob-a"], message.Attachments.Select(a => a.BlobKey));
    }

    [Fact]
    public void Html_only_mail_is_read_as_text_and_quoted_history_is_cut()
    {
        var html = "<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;team,</p><p>see <a href=\"https://example.test/x\">this page</a><br>thanks</p>"
                   + "<ul><li>one</li><li>two</li></ul><script>alert(1)</script></body></html>";
        Assert.Equal("Hello team,\n\nsee this page (https://example.test/x)\nthanks\n\n- one\n- two", InboundEmail.Content(Email(text: null, html: html)));
        Assert.Equal("New question", InboundEmail.Content(Email(text: "New question\r\n\r\nOn Mon, 1 Sep 2025, Support wrote:\r\n> Old answer\r\n> more\r\n")));
        // Quoting in the middle (inline answers) is kept.
        Assert.Equal("> your point\nmy answer", InboundEmail.Content(Email(text: "> your point\nmy answer\n")));
    }
}
