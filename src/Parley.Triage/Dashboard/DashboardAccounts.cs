using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Security;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.Dashboard;

/// <summary>
/// Mailpilot's dashboard accounts: users with bcrypt password hashes (as the seed says) and sessions lasting
/// <c>dashboard.session_ttl</c>. A session token is shown once; only its SHA-256 is stored (<c>dashboard_sessions.id</c>).
/// Its HTTP side is <c>Api/DashboardApi</c>; Parley's admins also reach the dashboard through Core's accounts.
/// </summary>
internal sealed class DashboardAccounts(TriageDbContext db, TimeProvider clock, IOptionsMonitor<TriageOptions> options)
{
    public const int MinPasswordLength = 8;

    /// <summary>bcrypt looks at the first 72 bytes only; a longer password would be silently cut.</summary>
    public const int MaxPasswordBytes = 72;

    public const int MaxUsernameLength = 128;

    // Verified against when the username is unknown, so a wrong name takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(SecretHashing.NewBase64UrlSecret(16)));

    /// <summary>Creates a user; a refusal names what is wrong (the username taken, a password too short or too long).</summary>
    public Task<(DashboardUser? User, Refusal? Refusal)> CreateUserAsync(string username, string password, CancellationToken cancellationToken = default) =>
        CreateAsync(username, password, firstOnly: false, cancellationToken);

    /// <summary>
    /// First-run setup: creates the user only while there is none. The check and the insert share one serializable
    /// transaction, so of two setups racing on an empty table exactly one succeeds (the other gets <c>setup_done</c>).
    /// </summary>
    public Task<(DashboardUser? User, Refusal? Refusal)> CreateFirstUserAsync(string username, string password, CancellationToken cancellationToken = default) =>
        CreateAsync(username, password, firstOnly: true, cancellationToken);

    public static Refusal SetupDone { get; } = Refusal.Conflict("setup_done", "A dashboard user exists; sign in, or ask one to create yours.");

    private async Task<(DashboardUser? User, Refusal? Refusal)> CreateAsync(string username, string password, bool firstOnly, CancellationToken cancellationToken)
    {
        username = username.Trim();
        if (username.Length is 0 or > MaxUsernameLength)
        {
            return (null, Refusal.Invalid("username", $"must be 1–{MaxUsernameLength} characters"));
        }
        if (password.Length < MinPasswordLength || System.Text.Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            return (null, Refusal.Invalid("password", $"must be at least {MinPasswordLength} characters and at most {MaxPasswordBytes} bytes"));
        }
        // Hashed before any transaction: bcrypt's deliberate slowness must not hold a lock.
        var user = new DashboardUser
        {
            Username = username,
            PasswordHash = BCrypt.Net.BCrypt.HashPassword(password),
            CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        var refused = firstOnly ? SetupDone : Refusal.Conflict("username_taken", $"a dashboard user named '{username}' exists");
        try
        {
            await using var transaction = firstOnly ? await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken) : null;
            if (firstOnly ? await db.DashboardUsers.AnyAsync(cancellationToken) : await db.DashboardUsers.AnyAsync(u => u.Username == username, cancellationToken))
            {
                return (null, refused);
            }
            db.DashboardUsers.Add(user);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException || ex is InvalidOperationException { InnerException: DbUpdateException or DbException })
        {
            // Created by someone else between the check and the insert: the unique index (or, for the first user, the
            // serializable transaction) decided. Npgsql's execution strategy wraps a serialization failure (40001) in an
            // InvalidOperationException ("likely due to a transient failure").
            db.ChangeTracker.Clear();
            return (null, refused);
        }
        return (user, null);
    }

    /// <summary>The user when the password is right; null otherwise, in about the same time whether or not the name exists.</summary>
    public async Task<DashboardUser?> VerifyPasswordAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var user = await db.DashboardUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Username == username.Trim(), cancellationToken);
        var ok = BCrypt.Net.BCrypt.Verify(password, user?.PasswordHash ?? DummyHash.Value);
        return ok && user is not null ? user : null;
    }

    /// <summary>Opens a session; the token is returned once and stored only as its SHA-256.</summary>
    public async Task<(string Token, DashboardSession Session)> OpenSessionAsync(long userId, CancellationToken cancellationToken = default)
    {
        // The prefix lets Core's bearer router send it to DashboardSessionAuthenticationHandler.
        var token = DashboardSessionAuthenticationHandler.TokenPrefix + SecretHashing.NewBase64UrlSecret();
        var now = clock.GetUtcNow();
        var session = new DashboardSession
        {
            Id = SecretHashing.Sha256Hex(token),
            UserId = userId,
            CreatedAt = now.ToUnixTimeSeconds(),
            ExpiresAt = (now + options.CurrentValue.Dashboard.SessionTtl.Value).ToUnixTimeSeconds(),
        };
        db.DashboardSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return (token, session);
    }

    /// <summary>The session (its id, user and end), or null when the token is unknown or its session has expired.</summary>
    public async Task<ActiveDashboardSession?> SessionOfAsync(string token, CancellationToken cancellationToken = default)
    {
        var id = SecretHashing.Sha256Hex(token);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var session = await db.DashboardSessions.AsNoTracking()
            .Where(s => s.Id == id && s.ExpiresAt > now)
            .Select(s => new { s.UserId, s.ExpiresAt }).SingleOrDefaultAsync(cancellationToken);
        if (session is null || await db.DashboardUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == session.UserId, cancellationToken) is not { } user)
        {
            return null;
        }
        return new ActiveDashboardSession(id, user, DateTimeOffset.FromUnixTimeSeconds(session.ExpiresAt));
    }

    /// <summary>The session's user, or null when the token is unknown or its session has expired.</summary>
    public async Task<DashboardUser?> UserOfSessionAsync(string token, CancellationToken cancellationToken = default) =>
        (await SessionOfAsync(token, cancellationToken))?.User;

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) => db.DashboardUsers.AnyAsync(cancellationToken);

    /// <summary>Signs out: the session is removed at once; its id is returned to close what it holds open.</summary>
    public async Task<string> CloseSessionAsync(string token, CancellationToken cancellationToken = default)
    {
        var id = SecretHashing.Sha256Hex(token);
        await db.DashboardSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        return id;
    }
}

/// <param name="Id">The session's id (the SHA-256 of its token, as stored).</param>
internal sealed record ActiveDashboardSession(string Id, DashboardUser User, DateTimeOffset ExpiresAt);
