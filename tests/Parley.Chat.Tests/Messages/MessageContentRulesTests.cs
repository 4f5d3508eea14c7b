using Microsoft.Extensions.Options;
using Parley.Chat.Messages;

namespace Parley.Chat.Tests.Messages;

public sealed class MessageContentRulesTests
{
    private static readonly MessageContentRules Rules = new(Options.Create(new ChatOptions { MaxPlaintextLength = 10 }));

    [Fact]
    public void Plaintext_alone_is_accepted() =>
        Assert.Empty(Rules.Check("hello", null, null));

    [Fact]
    public void Ciphertext_with_its_nonce_is_accepted() =>
        Assert.Empty(Rules.Check(null, [1, 2, 3], [4]));

    [Fact]
    public void A_message_with_nothing_in_it_is_refused() =>
        Assert.Contains("plaintext", Rules.Check(null, null, null).Keys);

    [Fact]
    public void Plaintext_and_ciphertext_together_are_refused() =>
        Assert.Contains("plaintext", Rules.Check("hi", [1], [2]).Keys);

    [Fact]
    public void Ciphertext_without_a_nonce_is_refused() =>
        Assert.Equal(["nonce"], Rules.Check(null, [1], null).Keys);

    [Fact]
    public void A_nonce_without_ciphertext_is_refused() =>
        Assert.Equal(["ciphertext"], Rules.Check(null, null, [1]).Keys);

    [Fact]
    public void Blank_plaintext_is_refused() =>
        Assert.Contains("plaintext", Rules.Check("  \n", null, null).Keys);

    [Fact]
    public void Ciphertext_may_be_64_KiB_and_no_more()
    {
        Assert.Empty(Rules.Check(null, new byte[64 * 1024], [1]));
        Assert.Equal(["ciphertext"], Rules.Check(null, new byte[(64 * 1024) + 1], [1]).Keys);
    }

    [Fact]
    public void Plaintext_length_follows_the_configured_maximum()
    {
        Assert.Empty(Rules.Check(new string('a', 10), null, null));
        Assert.Equal(["plaintext"], Rules.Check(new string('a', 11), null, null).Keys);
    }

    [Fact]
    public void An_emoji_counts_as_one_character_toward_the_maximum() =>
        Assert.Empty(Rules.Check(string.Concat(Enumerable.Repeat("😀", 10)), null, null));
}
