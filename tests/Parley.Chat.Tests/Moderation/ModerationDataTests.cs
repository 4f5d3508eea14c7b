using Microsoft.EntityFrameworkCore;
using Parley.Chat.Moderation;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Moderation;

public sealed class ModerationDataTests
{
    [Theory, BothProviders]
    public async Task A_timeout_and_a_warning_with_every_column_set_read_back_equal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var timeout = new UserTimeout
        {
            UserId = Guid.CreateVersion7(),
            ChannelId = ChatData.Channel,
            IssuedBy = Guid.CreateVersion7(),
            Reason = "spam",
            ExpiresAt = ChatData.T0.AddMinutes(10),
            CreatedAt = ChatData.T0,
        };
        var warning = new Warning
        {
            UserId = timeout.UserId,
            ChannelId = timeout.ChannelId,
            IssuedBy = timeout.IssuedBy,
            Reason = "be kind",
            CreatedAt = ChatData.T0,
        };
        await app.AddAsync(timeout);
        await app.AddAsync(warning);

        Assert.Equivalent(timeout, await app.WithDbAsync(db => db.UserTimeouts.SingleAsync()), strict: true);
        Assert.Equivalent(warning, await app.WithDbAsync(db => db.Warnings.SingleAsync()), strict: true);
    }

    [Theory, BothProviders]
    public async Task A_report_with_every_column_set_reads_back_equal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var report = new Report
        {
            ReporterId = Guid.CreateVersion7(),
            ReportType = "message",
            TargetId = Guid.CreateVersion7(),
            Reason = "abuse",
            Status = ReportStatuses.Resolved,
            ReviewedBy = Guid.CreateVersion7(),
            ReviewedAt = ChatData.T0.AddHours(1),
            AdminNotes = "removed",
            CreatedAt = ChatData.T0,
        };
        await app.AddAsync(report);

        Assert.Equivalent(report, await app.WithDbAsync(db => db.Reports.SingleAsync()), strict: true);
    }

    [Theory, BothProviders]
    public async Task A_report_starts_pending_and_takes_only_the_known_statuses(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var report = new Report { ReporterId = Guid.CreateVersion7(), ReportType = "user", TargetId = Guid.CreateVersion7(), Reason = "spam", CreatedAt = ChatData.T0 };
        await app.AddAsync(report);

        Assert.Equal(ReportStatuses.Pending, (await app.WithDbAsync(db => db.Reports.SingleAsync())).Status);
        await app.AssertRejectedAsync(new Report { ReporterId = Guid.CreateVersion7(), ReportType = "user", TargetId = Guid.CreateVersion7(), Reason = "spam", Status = "ignored", CreatedAt = ChatData.T0 });
    }
}
