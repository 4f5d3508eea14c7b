using System.Globalization;
using System.Text;
using Parley.Modmail.Desks;

namespace Parley.Modmail.Tickets;

/// <summary>
/// The list a member chooses a ticket category from (a desk's enabled categories by <c>position</c>, numbered from 1,
/// with "0. No category"), and how their answer is read: the number, the name or the emoji (case-insensitive), or
/// <c>0</c>/<c>none</c>/<c>no category</c>.
/// </summary>
internal static class CategoryMenu
{
    /// <summary>What the member's answer chose.</summary>
    /// <param name="Matched">False: the answer names nothing (the list is shown again).</param>
    /// <param name="Category">The chosen category; null with <paramref name="Matched"/>: "no category".</param>
    public sealed record Answer(bool Matched, TicketCategory? Category);

    public static Answer Read(string text, IReadOnlyList<TicketCategory> categories)
    {
        var answer = text.Trim().TrimStart('#').TrimEnd('.', '!').Trim();
        if (answer.Length == 0)
        {
            return new Answer(false, null);
        }
        if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number == 0 ? new Answer(true, null)
                : number <= categories.Count ? new Answer(true, categories[number - 1])
                : new Answer(false, null);
        }
        if (answer.Equals("none", StringComparison.OrdinalIgnoreCase) || answer.Equals("no category", StringComparison.OrdinalIgnoreCase))
        {
            return new Answer(true, null);
        }
        var named = categories.FirstOrDefault(c => string.Equals(c.Name, answer, StringComparison.OrdinalIgnoreCase))
            ?? categories.FirstOrDefault(c => c.Emoji is { Length: > 0 } emoji && string.Equals(emoji, answer, StringComparison.Ordinal));
        return new Answer(named is not null, named);
    }

    /// <summary>The list with how to answer; <paramref name="unmatched"/>: the answer that named nothing, said first.</summary>
    public static string Text(IReadOnlyList<TicketCategory> categories, int timeoutMinutes, string? unmatched = null)
    {
        var text = new StringBuilder();
        if (unmatched is not null)
        {
            var shown = unmatched.Trim();
            text.Append("⚠ \"").Append(shown.Length > 40 ? shown[..40] + "…" : shown).Append("\" is not one of the categories.\n");
        }
        else
        {
            text.Append("Before your message reaches staff: what is it about?\n");
        }
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. ");
            if (!string.IsNullOrWhiteSpace(c.Emoji))
            {
                text.Append(c.Emoji).Append(' ');
            }
            text.Append("**").Append(c.Name).Append("**");
            if (!string.IsNullOrWhiteSpace(c.Description))
            {
                text.Append(" — ").Append(c.Description);
            }
            text.Append('\n');
        }
        text.Append("0. No category\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Reply with the number or the name. What you write meanwhile is kept; without an answer within {timeoutMinutes} minutes your ticket opens without a category.");
        return text.ToString();
    }
}
