namespace Parley.Mail.Inbound;

/// <summary>The result words of SPF (RFC 7208 §2.6), DKIM and DMARC as Authentication-Results writes them (RFC 8601).</summary>
public static class AuthResult
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string SoftFail = "softfail";
    public const string Neutral = "neutral";
    public const string None = "none";
    public const string TempError = "temperror";
    public const string PermError = "permerror";
}
