using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Audit;

/// <summary>
/// Records who did what, from where. The actor, IP and user agent come from the current request
/// unless given. Metadata is for ids and reasons, never secrets.
/// </summary>
public sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>Records an entry on its own, committed at once.</summary>
    public async Task RecordAsync(string action, object? metadata = null, Guid? userId = null, long? apiKeyId = null, CancellationToken cancellationToken = default)
    {
        var entry = Create(action, metadata, userId, apiKeyId);
        // A scope of its own: the caller's context may hold a failed change that must not ride along.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds an entry to <paramref name="db"/> unsaved, so it commits with the change it describes.</summary>
    public void Add(CoreDbContext db, string action, object? metadata = null, Guid? userId = null, long? apiKeyId = null) =>
        db.AuditLog.Add(Create(action, metadata, userId, apiKeyId));

    private AuditEntry Create(string action, object? metadata, Guid? userId, long? apiKeyId)
    {
        var context = http.HttpContext;
        if (userId is null && apiKeyId is null && context is not null)
        {
            userId = context.User.UserId();
            apiKeyId = context.User.ApiKeyId();
        }
        return new AuditEntry
        {
            Action = action,
            UserId = userId,
            ApiKeyId = apiKeyId,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(context?.Request.Headers.UserAgent.ToString(), 512),
            Metadata = metadata is null ? "{}" : JsonSerializer.Serialize(metadata, Json),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        HttpRegistration.ConfigureJson(options);
        return options;
    }
}
