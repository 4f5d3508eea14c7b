using Parley.Core.Webhooks;

namespace Parley.Core.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    // Computed independently: HMAC-SHA256(key "whsec_MfKQ…", "1767225600." + body), hex.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Body = """{"id":"evt_1","type":"chat.message_posted"}""";
    private const string KnownSignature = "t=1767225600,v1=bcb756860d4d5611eb40f2da3927f19a71c2080700d3ebbab5399ac41548fa6c";
    private static readonly DateTimeOffset SignedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Signing_a_known_body_gives_the_known_signature()
    {
        Assert.Equal(KnownSignature, WebhookSigner.Sign(Secret, SignedAt, Body));
    }

    [Fact]
    public void The_known_signature_verifies_within_the_tolerance()
    {
        Assert.True(WebhookSigner.Verify(Secret, KnownSignature, Body, Tolerance, SignedAt.AddMinutes(4)));
        Assert.True(WebhookSigner.Verify(Secret, KnownSignature, Body, Tolerance, SignedAt.AddMinutes(-4)));
    }

    [Fact]
    public void A_signature_older_than_the_tolerance_is_rejected_as_a_replay()
    {
        Assert.False(WebhookSigner.Verify(Secret, KnownSignature, Body, Tolerance, SignedAt.AddMinutes(6)));
    }

    [Fact]
    public void A_changed_body_or_another_secret_does_not_verify()
    {
        Assert.False(WebhookSigner.Verify(Secret, KnownSignature, Body.Replace("evt_1", "evt_2", StringComparison.Ordinal), Tolerance, SignedAt));
        Assert.False(WebhookSigner.Verify("whsec_other", KnownSignature, Body, Tolerance, SignedAt));
    }

    [Fact]
    public void A_changed_timestamp_does_not_verify_because_it_is_signed_too()
    {
        var moved = KnownSignature.Replace("t=1767225600", "t=1767225601", StringComparison.Ordinal);
        Assert.False(WebhookSigner.Verify(Secret, moved, Body, Tolerance, SignedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=bcb756860d4d5611eb40f2da3927f19a71c2080700d3ebbab5399ac41548fa6c")]
    [InlineData("t=1767225600")]
    [InlineData("t=1767225600,v1=not-hex")]
    [InlineData("t=abc,v1=bcb756860d4d5611eb40f2da3927f19a71c2080700d3ebbab5399ac41548fa6c")]
    [InlineData("garbage")]
    public void A_malformed_header_does_not_verify(string? header)
    {
        Assert.False(WebhookSigner.Verify(Secret, header, Body, Tolerance, SignedAt));
    }

    [Fact]
    public void Any_of_several_v1_values_may_match_so_receivers_can_rotate_secrets()
    {
        var header = "t=1767225600,v1=" + new string('0', 64) + ",v1=bcb756860d4d5611eb40f2da3927f19a71c2080700d3ebbab5399ac41548fa6c";
        Assert.True(WebhookSigner.Verify(Secret, header, Body, Tolerance, SignedAt));
    }

    [Fact]
    public void New_secrets_are_prefixed_random_and_url_safe()
    {
        var a = WebhookSigner.NewSecret();
        var b = WebhookSigner.NewSecret();
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(6 + 43, a.Length);
        Assert.NotEqual(a, b);
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", a);
    }
}
