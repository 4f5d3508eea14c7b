using System.Globalization;

namespace Parley.Mail.Domains;

/// <summary>Domain names as Mail stores them: lower-case ASCII (IDNA/punycode), no trailing dot, valid labels.</summary>
internal static class DomainNames
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The normalized form of <paramref name="input"/>, or null with why it is not a domain name.</summary>
    public static string? Normalize(string? input, out string? error)
    {
        error = null;
        var trimmed = input?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "is required";
            return null;
        }
        string ascii;
        try
        {
            // IDNA maps case only through the caller: lower-case first, so BÜCHER and bücher are one domain.
            ascii = Idn.GetAscii(trimmed.Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = "is not a valid domain name";
            return null;
        }
        var labels = ascii.Split('.');
        if (ascii.Length > 253 || labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' || !l.All(IsLabelChar))
            || labels[^1].All(char.IsAsciiDigit))
        {
            error = "must be a domain name such as example.com";
            return null;
        }
        return ascii;
    }

    private static bool IsLabelChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
}
