namespace Parley.Chat.Moderation;

public sealed record TimeoutRequest(Guid? UserId = null, int? DurationSeconds = null, string? Reason = null);

/// <summary>A timeout; also the <c>moderation.timed_out</c> event's payload.</summary>
public sealed record TimeoutView(Guid Id, Guid ChannelId, Guid UserId, Guid IssuedBy, string? Reason, DateTime ExpiresAt, DateTime CreatedAt)
{
    internal static TimeoutView From(UserTimeout t) => new(t.Id, t.ChannelId, t.UserId, t.IssuedBy, t.Reason, t.ExpiresAt, t.CreatedAt);
}

/// <summary>The <c>moderation.timeout_lifted</c> and <c>moderation.unbanned</c> events.</summary>
public sealed record ModerationLifted(Guid ChannelId, Guid UserId);

public sealed record WarningRequest(Guid? UserId = null, string? Reason = null);

/// <summary>A warning; also the <c>moderation.warned</c> event's payload.</summary>
public sealed record WarningView(Guid Id, Guid ChannelId, Guid UserId, Guid IssuedBy, string Reason, DateTime CreatedAt)
{
    internal static WarningView From(Warning w) => new(w.Id, w.ChannelId, w.UserId, w.IssuedBy, w.Reason, w.CreatedAt);
}

public sealed record ChannelBanRequest(Guid? UserId = null, string? Reason = null);

/// <summary>A channel ban; also the <c>moderation.banned</c> event's payload.</summary>
public sealed record ChannelBanView(Guid ChannelId, Guid UserId, Guid BannedBy, string? Reason, DateTime BannedAt);

public sealed record PurgeRequest(int? Count = null, Guid? UserId = null, Guid? Before = null);

public sealed record PurgeResult(int Deleted);

public sealed record ReportRequest(string? ReportType = null, Guid? TargetId = null, string? Reason = null);

public sealed record ReportUpdateRequest(string? Status = null, string? AdminNotes = null);

/// <summary>A report; also the <c>moderation.report_updated</c> event's payload (to the reporter).</summary>
public sealed record ReportView(
    Guid Id, Guid ReporterId, string ReportType, Guid TargetId, string Reason, string Status,
    Guid? ReviewedBy, DateTime? ReviewedAt, string? AdminNotes, DateTime CreatedAt)
{
    internal static ReportView From(Report r) =>
        new(r.Id, r.ReporterId, r.ReportType, r.TargetId, r.Reason, r.Status, r.ReviewedBy, r.ReviewedAt, r.AdminNotes, r.CreatedAt);
}

/// <summary>Longest reason or note a moderator or reporter may write.</summary>
internal static class ModerationLimits
{
    public const int MaxReasonLength = 1000;

    public static bool IsValidReason(string? reason, bool required) =>
        reason is null ? !required : reason.Length <= MaxReasonLength && (!required || !string.IsNullOrWhiteSpace(reason));
}
