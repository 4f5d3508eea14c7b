using System.Globalization;
using Microsoft.Extensions.Options;

namespace Parley.Chat.Messages;

/// <summary>
/// What a message may carry: plaintext (readable by the server, up to <see cref="ChatOptions.MaxPlaintextLength"/>
/// characters) or ciphertext with its nonce (at most 64 KiB), never both and never neither.
/// </summary>
public sealed class MessageContentRules(IOptions<ChatOptions> options)
{
    private readonly int _maxPlaintextLength = options.Value.MaxPlaintextLength;

    /// <summary>The problems with this content, by field (snake_case, as the API names them); empty when it is acceptable.</summary>
    public Dictionary<string, string[]> Check(string? plaintext, byte[]? ciphertext, byte[]? nonce)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (plaintext is not null)
        {
            if (ciphertext is not null || nonce is not null)
            {
                errors["plaintext"] = ["A message carries plaintext or ciphertext, not both."];
            }
            else if (string.IsNullOrWhiteSpace(plaintext))
            {
                errors["plaintext"] = ["Must not be empty."];
            }
            else if (CharacterCount(plaintext) > _maxPlaintextLength)
            {
                errors["plaintext"] = [string.Create(CultureInfo.InvariantCulture, $"At most {_maxPlaintextLength} characters.")];
            }
            return errors;
        }

        if (ciphertext is null && nonce is null)
        {
            errors["plaintext"] = ["A message needs plaintext, or ciphertext and nonce."];
            return errors;
        }
        if (ciphertext is null || ciphertext.Length == 0)
        {
            errors["ciphertext"] = ["Required with a nonce, and not empty."];
        }
        else if (ciphertext.Length > Message.MaxCiphertextBytes)
        {
            errors["ciphertext"] = [string.Create(CultureInfo.InvariantCulture, $"At most {Message.MaxCiphertextBytes} bytes.")];
        }
        if (nonce is null || nonce.Length == 0)
        {
            errors["nonce"] = ["Required with ciphertext, and not empty."];
        }
        return errors;
    }

    // Characters as people count them: an emoji outside the BMP is one, not two UTF-16 units.
    private static int CharacterCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }
}
