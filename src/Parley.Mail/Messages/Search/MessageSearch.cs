using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages.Search;

/// <summary>
/// Full-text search over subject, addresses (from, to, cc, bcc, with names) and text body: SQLite FTS5
/// (<c>message_search</c>) or a PostgreSQL <c>tsvector</c> with a GIN index, both kept current by database
/// triggers that <see cref="SqliteMessageSearchMigration"/> and <see cref="PostgresMessageSearchMigration"/>
/// create. Terms are ANDed; an address term matches whole (<c>ana@example.com</c>) or by its parts.
/// </summary>
internal static class MessageSearch
{
    public const int MaxQueryLength = 500;

    /// <summary>The ids of messages matching <paramref name="query"/>, composable into a LINQ query; null when the query has no words.</summary>
    public static IQueryable<string>? MatchingIds(MailDbContext db, string query)
    {
        if (db.IsPostgres)
        {
            return string.IsNullOrWhiteSpace(query)
                ? null
                : db.Database.SqlQuery<string>(
                    $"""SELECT message_id AS "Value" FROM mail.message_search WHERE document @@ plainto_tsquery('simple', {query})""");
        }
        var fts = ToFts5(query);
        return fts is null
            ? null
            : db.Database.SqlQuery<string>(
                $"""SELECT r.message_id AS "Value" FROM message_search s JOIN message_search_rows r ON r.id = s.rowid WHERE message_search MATCH {fts}""");
    }

    /// <summary>
    /// The user's words as an FTS5 query that cannot be read as syntax: each whitespace-separated term
    /// becomes a quoted phrase of its letters-and-digits tokens (what the unicode61 tokenizer indexes).
    /// </summary>
    internal static string? ToFts5(string query)
    {
        var phrases = new List<string>();
        foreach (var term in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = new List<string>();
            var token = new StringBuilder();
            foreach (var c in term)
            {
                if (char.IsLetterOrDigit(c))
                {
                    token.Append(c);
                }
                else if (token.Length > 0)
                {
                    tokens.Add(token.ToString());
                    token.Clear();
                }
            }
            if (token.Length > 0)
            {
                tokens.Add(token.ToString());
            }
            if (tokens.Count > 0)
            {
                phrases.Add("\"" + string.Join(' ', tokens) + "\"");
            }
        }
        return phrases.Count == 0 ? null : string.Join(' ', phrases);
    }
}
