namespace Parley.Triage.Classification.Llm;

/// <summary>
/// Cuts an email body to a provider's <c>max_body_tokens</c>. Tokens are estimated as 4 characters each (Mailpilot's
/// rule, and close to what GPT and Llama tokenizers give for English prose; denser scripts use more tokens per
/// character, so the estimate errs long for them): no tokenizer per model to ship or keep in step.
/// </summary>
public static class BodyTruncation
{
    public const int CharactersPerToken = 4;

    public static int EstimateTokens(string text) => (text.Length + CharactersPerToken - 1) / CharactersPerToken;

    /// <summary>The body within <paramref name="maxTokens"/>, cut at a word boundary when one is near, with a marker saying so.</summary>
    public static string Truncate(string body, int maxTokens)
    {
        var maxChars = (long)Math.Max(0, maxTokens) * CharactersPerToken;
        if (body.Length <= maxChars) return body;
        var cut = (int)maxChars;
        var lastSpace = body.LastIndexOfAny([' ', '\n', '\t'], Math.Max(0, cut - 1));
        if (lastSpace > cut * 0.8) cut = lastSpace;
        // Never split a surrogate pair: a lone half is invalid UTF-16 that some servers refuse.
        if (cut > 0 && char.IsHighSurrogate(body[cut - 1])) cut--;
        return body[..cut] + $"\n\n[body truncated: {cut} of {body.Length} characters]";
    }
}
