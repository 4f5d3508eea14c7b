namespace Parley.Core.Blobs;

/// <summary>
/// The one shape a blob key may have: 64 lower-case hex characters. Checked before a key
/// touches a path or an object name, so no key can climb out of the store.
/// </summary>
public static class BlobKey
{
    public const int Length = 64;

    public static bool IsValid(string? key)
    {
        if (key is null || key.Length != Length)
        {
            return false;
        }
        foreach (var c in key)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    public static string Validate(string key) =>
        IsValid(key) ? key : throw new ArgumentException("A blob key is 64 lower-case hex characters (a SHA-256).", nameof(key));
}
