namespace Parley.Triage.Antivirus;

/// <summary>What clamd said about one stream: clean, a signature found, or why there is no answer.</summary>
/// <param name="Virus">The signature's name (<c>Eicar-Signature</c>) when clamd found one.</param>
/// <param name="Error">clamd's error (<c>INSTREAM size limit exceeded</c>), a timeout or a connection failure; null when it answered.</param>
public sealed record ClamdVerdict(string? Virus, string? Error)
{
    public static readonly ClamdVerdict Clean = new(null, null);
    public static ClamdVerdict Found(string virus) => new(virus, null);
    public static ClamdVerdict Failed(string error) => new(null, error);

    public bool Infected => Virus is not null;

    /// <summary>
    /// clamd's reply to zINSTREAM: <c>stream: OK</c>, <c>stream: &lt;Signature&gt; FOUND</c> or <c>&lt;text&gt; ERROR</c>
    /// (NUL-terminated; the terminator and surrounding space are ignored).
    /// </summary>
    public static ClamdVerdict Parse(string reply)
    {
        var text = reply.Replace("\0", "").Trim();
        if (text.StartsWith("stream:", StringComparison.Ordinal))
        {
            var answer = text["stream:".Length..].Trim();
            if (answer == "OK")
            {
                return Clean;
            }
            if (answer.EndsWith(" FOUND", StringComparison.Ordinal) && answer.Length > " FOUND".Length)
            {
                return Found(answer[..^" FOUND".Length].Trim());
            }
        }
        if (text.EndsWith(" ERROR", StringComparison.Ordinal))
        {
            return Failed(text[..^" ERROR".Length].Trim());
        }
        return Failed(text.Length == 0 ? "clamd closed the connection without an answer" : $"unexpected clamd reply: {Shorten(text)}");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
