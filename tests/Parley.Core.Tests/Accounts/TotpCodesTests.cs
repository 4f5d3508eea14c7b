using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class TotpCodesTests
{
    // RFC 6238 appendix B: the SHA-1 key "12345678901234567890".
    private static readonly byte[] RfcSecret = "12345678901234567890"u8.ToArray();
    private static readonly DateTimeOffset At59 = DateTimeOffset.FromUnixTimeSeconds(59);
    private static readonly DateTimeOffset At1111111109 = DateTimeOffset.FromUnixTimeSeconds(1111111109);

    [Fact]
    public void Codes_match_the_rfc_6238_test_vectors_truncated_to_6_digits()
    {
        Assert.Equal("287082", TotpCodes.Compute(RfcSecret, At59));
        Assert.Equal("081804", TotpCodes.Compute(RfcSecret, At1111111109));
    }

    [Fact]
    public void A_code_is_accepted_one_step_early_or_late_but_not_two()
    {
        var code = TotpCodes.Compute(RfcSecret, At1111111109);
        var step = At1111111109.ToUnixTimeSeconds() / 30;

        Assert.Equal(step, TotpCodes.MatchStep(RfcSecret, code, At1111111109, null));
        Assert.Equal(step, TotpCodes.MatchStep(RfcSecret, code, At1111111109.AddSeconds(30), null));
        Assert.Equal(step, TotpCodes.MatchStep(RfcSecret, code, At1111111109.AddSeconds(-30), null));
        Assert.Null(TotpCodes.MatchStep(RfcSecret, code, At1111111109.AddSeconds(61), null));
        Assert.Null(TotpCodes.MatchStep(RfcSecret, code, At1111111109.AddSeconds(-61), null));
    }

    [Fact]
    public void A_code_of_a_step_already_accepted_or_earlier_is_refused()
    {
        var code = TotpCodes.Compute(RfcSecret, At1111111109);
        var step = At1111111109.ToUnixTimeSeconds() / 30;

        Assert.Null(TotpCodes.MatchStep(RfcSecret, code, At1111111109, lastAcceptedStep: step));
        Assert.Null(TotpCodes.MatchStep(RfcSecret, code, At1111111109, lastAcceptedStep: step + 1));
        Assert.Equal(step, TotpCodes.MatchStep(RfcSecret, code, At1111111109, lastAcceptedStep: step - 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Anything_but_six_digits_is_refused(string code) =>
        Assert.Null(TotpCodes.MatchStep(RfcSecret, code, At59, null));

    [Fact]
    public void Backup_codes_are_eight_distinct_base32_pairs_and_each_works_once()
    {
        var codes = TotpCodes.NewBackupCodes();
        Assert.Equal(8, codes.Count);
        Assert.Equal(8, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{4}-[a-z2-7]{4}$", c));

        var stored = TotpCodes.HashBackupCodes(codes);
        Assert.DoesNotContain(codes[0], stored, StringComparison.Ordinal);

        var afterFirst = TotpCodes.ConsumeBackupCode(stored, codes[2]);
        Assert.NotNull(afterFirst);
        Assert.Null(TotpCodes.ConsumeBackupCode(afterFirst, codes[2]));
        Assert.NotNull(TotpCodes.ConsumeBackupCode(afterFirst, codes[4].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Null(TotpCodes.ConsumeBackupCode(stored, "aaaa-aaaa"));
        Assert.Null(TotpCodes.ConsumeBackupCode(null, codes[0]));
    }

    [Fact]
    public void A_new_secret_is_20_bytes_and_the_uri_names_the_issuer_and_user()
    {
        var secret = TotpCodes.NewSecret();
        Assert.Equal(20, secret.Length);
        var uri = TotpCodes.OtpauthUri(secret, "alice", "Parley");
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains("alice", uri, StringComparison.Ordinal);
        Assert.Contains("secret=" + TotpCodes.ToBase32(secret).TrimEnd('='), uri, StringComparison.Ordinal);
    }
}
