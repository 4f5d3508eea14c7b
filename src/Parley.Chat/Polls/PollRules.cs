using System.Globalization;

namespace Parley.Chat.Polls;

/// <summary>What makes a poll and a vote acceptable: 2–10 distinct options, an expiry in the future, votes naming real options.</summary>
public static class PollRules
{
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const int MaxOptionLength = 200;
    public const int MaxQuestionLength = 500;

    /// <summary>The problems with a new poll, by field; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> Check(string? question, IReadOnlyList<string>? options, DateTime? expiresAt, DateTime now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(question) || question.Length > MaxQuestionLength)
        {
            errors["question"] = [string.Create(CultureInfo.InvariantCulture, $"Required, at most {MaxQuestionLength} characters.")];
        }
        if (options is null || options.Count < MinOptions || options.Count > MaxOptions)
        {
            errors["options"] = [string.Create(CultureInfo.InvariantCulture, $"Between {MinOptions} and {MaxOptions} options.")];
        }
        else if (options.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > MaxOptionLength))
        {
            errors["options"] = [string.Create(CultureInfo.InvariantCulture, $"Each option is required, at most {MaxOptionLength} characters.")];
        }
        else if (options.Select(o => o.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
        {
            errors["options"] = ["Options must differ."];
        }
        if (expiresAt is not null && expiresAt.Value <= now)
        {
            errors["expires_at"] = ["Must be in the future."];
        }
        return errors;
    }

    /// <summary>A poll takes votes until it is closed or expires.</summary>
    public static bool IsOpen(Poll poll, DateTime now) =>
        !poll.Closed && (poll.ExpiresAt is null || now < poll.ExpiresAt.Value);

    /// <summary>A vote names existing options, no option twice, and exactly one unless the poll is multi-select.</summary>
    public static bool IsValidVote(int optionCount, bool multiSelect, IReadOnlyCollection<int> optionIndexes) =>
        optionIndexes.Count > 0
        && (multiSelect || optionIndexes.Count == 1)
        && optionIndexes.All(i => i >= 0 && i < optionCount)
        && optionIndexes.Distinct().Count() == optionIndexes.Count;
}
