using Parley.Mail.Threads;

namespace Parley.Mail.Tests.Threading;

/// <summary>RFC 5256 §2.1 base subjects: the reply/forward markers of the RFC's grammar, and what must stay.</summary>
public sealed class BaseSubjectTests
{
    [Theory]
    [InlineData("Hello", "Hello")]
    [InlineData("Re: Hello", "Hello")]
    [InlineData("RE: re: Re:Hello", "Hello")]
    [InlineData("Fwd: Hello", "Hello")]
    [InlineData("Fw: Hello", "Hello")]
    [InlineData("FWD:Hello", "Hello")]
    [InlineData("Re[2]: Hello", "Hello")]
    [InlineData("Re [2]: Hello", "Hello")]
    [InlineData("[list] Re: Hello", "Hello")]
    [InlineData("Re: [list] Hello", "Hello")]
    [InlineData("[list] [other] Hello", "Hello")]
    [InlineData("Hello (fwd)", "Hello")]
    [InlineData("Hello (fwd) (FWD)  ", "Hello")]
    [InlineData("[Fwd: Hello]", "Hello")]
    [InlineData("[fwd: Re: Hello (fwd)]", "Hello")]
    [InlineData("Re: [fwd: [list] Hello]", "Hello")]
    [InlineData("  Re:   Hello \t  world  ", "Hello world")]
    [InlineData("[list]", "[list]")]
    [InlineData("Re: [list]", "[list]")]
    [InlineData("Re:", "")]
    [InlineData("", "")]
    [InlineData("Regarding: Hello", "Regarding: Hello")]
    [InlineData("Re Hello", "Re Hello")]
    [InlineData("Hello [list]", "Hello [list]")]
    [InlineData("Ré: Été", "Ré: Été")]
    public void Base_subject_strips_reply_and_forward_markers(string subject, string expected)
    {
        Assert.Equal(expected, BaseSubject.Of(subject));
    }
}
