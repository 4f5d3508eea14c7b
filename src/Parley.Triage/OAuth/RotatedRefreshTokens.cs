using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Triage.Storage;

namespace Parley.Triage.OAuth;

/// <summary>
/// Where <see cref="OAuthAccessTokens"/> keeps rotated refresh tokens across restarts (and for every node): the Triage
/// database, sealed with the instance keyring so a copy of the database alone does not reveal them. A grant's row is
/// replaced on each rotation and removed when the endpoint refuses it.
/// </summary>
internal sealed class RotatedRefreshTokens(IServiceScopeFactory scopes, InstanceKeyring keyring, TimeProvider clock)
{
    private const string Purpose = "triage-oauth-refresh-token";

    public async Task<string?> FindAsync(string grantKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var row = await db.RotatedRefreshTokens.AsNoTracking().SingleOrDefaultAsync(r => r.GrantKey == grantKey, cancellationToken);
        if (row is null)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(keyring.Decrypt(Purpose, row.Ciphertext));
        }
        catch (CryptographicException)
        {
            return null; // sealed under another instance's keys (a database copied without Core's): start from the configured one
        }
    }

    public async Task SaveAsync(string grantKey, string accountName, string refreshToken, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var sealedToken = keyring.Encrypt(Purpose, Encoding.UTF8.GetBytes(refreshToken));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var row = await db.RotatedRefreshTokens.SingleOrDefaultAsync(r => r.GrantKey == grantKey, cancellationToken);
        if (row is null)
        {
            db.RotatedRefreshTokens.Add(new RotatedRefreshToken { GrantKey = grantKey, AccountName = accountName, Ciphertext = sealedToken, UpdatedAt = now });
        }
        else
        {
            row.Ciphertext = sealedToken;
            row.AccountName = accountName;
            row.UpdatedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node inserted the same grant's row first: its token is as new as ours; the next rotation replaces it.
        }
    }

    public async Task ForgetAsync(string grantKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        await db.RotatedRefreshTokens.Where(r => r.GrantKey == grantKey).ExecuteDeleteAsync(cancellationToken);
    }
}
