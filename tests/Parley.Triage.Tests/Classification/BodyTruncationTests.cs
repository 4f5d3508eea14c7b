using Parley.Triage.Classification;
using Parley.Triage.Classification.Llm;

namespace Parley.Triage.Tests.Classification;

public sealed class BodyTruncationTests
{
    [Fact]
    public void A_body_within_the_limit_is_sent_whole()
    {
        Assert.Equal("short body", BodyTruncation.Truncate("short body", 10));
        Assert.Equal(3, BodyTruncation.EstimateTokens("twelve chars"));
    }

    [Fact]
    public void A_long_body_is_cut_at_four_characters_a_token_at_a_word_boundary_and_says_so()
    {
        var body = string.Concat(Enumerable.Repeat("abcdefg ", 100)); // 800 characters
        var cut = BodyTruncation.Truncate(body, 50);                   // about 200

        var kept = cut[..cut.IndexOf("\n\n[body truncated:", StringComparison.Ordinal)];
        Assert.InRange(kept.Length, 160, 200);
        Assert.EndsWith("abcdefg", kept, StringComparison.Ordinal);
        Assert.EndsWith($"[body truncated: {kept.Length} of 800 characters]", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var body = new string('x', 7) + "😀" + new string('y', 20); // the emoji's halves sit at 7 and 8
        var cut = BodyTruncation.Truncate(body, 2);                  // 8 characters would end on the high half
        Assert.StartsWith(new string('x', 7) + "\n", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_settings_never_print_their_key()
    {
        var provider = new LlmProviderSettings("p", LlmProviderKind.OpenAiCompatible, new Uri("http://127.0.0.1/v1"), "sk-very-secret", "m");
        Assert.DoesNotContain("sk-very-secret", provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-very-secret", $"{provider}", StringComparison.Ordinal);
    }
}
