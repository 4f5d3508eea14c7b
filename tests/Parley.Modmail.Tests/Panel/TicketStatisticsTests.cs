using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Desks;
using Parley.Modmail.Statistics;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Panel;

/// <summary>The dashboard's figures from arranged rows and a given "now" (Thursday 2026-03-12 15:00 UTC; the week began Monday the 9th).</summary>
public sealed class TicketStatisticsTests
{
    private static readonly DateTime Now = new(2026, 3, 12, 15, 0, 0, DateTimeKind.Utc);

    private static DateTime At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory, BothProviders]
    public async Task Counts_averages_series_categories_and_leaderboard_come_from_the_rows(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.UserAsync("owner1");
        var community = await app.CommunityAsync(owner);
        var s1 = await app.UserAsync("alice");
        var s2 = await app.UserAsync("bob");
        var (desk, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            db.Desks.AddRange(
                new SupportDesk { Id = desk, StaffCommunityId = community, CreatedAt = Now, UpdatedAt = Now },
                new SupportDesk { Id = other, StaffCommunityId = community, CreatedAt = Now, UpdatedAt = Now });
            var t1 = Ticket(desk, "m1", At(3, 12, 10), firstResponse: At(3, 12, 10, 10), category: "Billing");
            var t2 = Ticket(desk, "m2", At(3, 10, 8), firstResponse: At(3, 10, 8, 20), closed: At(3, 12, 9), closedBy: s1.Id.ToString("D"), category: "Billing");
            var t3 = Ticket(desk, "m3", At(3, 5, 12), closed: At(3, 9, 12), closedBy: "system");
            var t4 = Ticket(desk, "m4", At(2, 1, 0), closed: At(2, 2, 0), closedBy: s2.Id.ToString("D"));
            var elsewhere = Ticket(other, "m5", At(3, 12, 11), firstResponse: At(3, 12, 11, 1), closed: At(3, 12, 12), closedBy: s2.Id.ToString("D"));
            db.Tickets.AddRange(t1, t2, t3, t4, elsewhere);
            db.TicketMessages.AddRange(
                Message(t2, s1.Id, TicketMessageKinds.Staff, At(3, 10, 8, 20), 1),
                Message(t2, s1.Id, TicketMessageKinds.Staff, At(3, 11, 9), 2),
                Message(t1, s2.Id, TicketMessageKinds.Staff, At(3, 12, 10, 10), 1),
                Message(t1, s2.Id, TicketMessageKinds.Note, At(3, 12, 10, 11), null),
                Message(t4, s2.Id, TicketMessageKinds.Staff, At(2, 1, 1), 1),
                Message(elsewhere, s1.Id, TicketMessageKinds.Staff, At(3, 12, 11, 1), 1));
            await db.SaveChangesAsync();
        }

        await using var read = app.CreateScope();
        var statistics = read.ServiceProvider.GetRequiredService<TicketStatistics>();
        var week = await statistics.ComputeAsync(desk, 7, Now, CancellationToken.None);

        Assert.Equal(1, week.OpenTickets);
        Assert.Equal(1, week.ClosedToday);
        Assert.Equal(2, week.ClosedThisWeek);
        Assert.Equal(3, week.ClosedTotal);
        Assert.Equal(900, week.AverageFirstResponseSeconds);
        Assert.Equal((176_400 + 345_600 + 86_400) / 3.0, week.AverageResolutionSeconds);
        Assert.Equal(
            ["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"],
            week.Daily.Select(d => d.Date));
        Assert.Equal([0, 0, 0, 0, 1, 0, 1], week.Daily.Select(d => d.Created));
        Assert.Equal([0, 0, 0, 1, 0, 0, 1], week.Daily.Select(d => d.Closed));
        var category = Assert.Single(week.ByCategory);
        Assert.Equal(("Billing", 2), (category.CategoryName, category.Tickets));
        Assert.Equal(2, week.Leaderboard.Count);
        Assert.Equal(new StaffPerformance(s1.Id.ToString("D"), "alice", 2, 1), week.Leaderboard[0]);
        Assert.Equal(new StaffPerformance(s2.Id.ToString("D"), "bob", 1, 0), week.Leaderboard[1]);

        var quarter = await statistics.ComputeAsync(desk, 90, Now, CancellationToken.None);
        Assert.Equal(90, quarter.Daily.Count);
        Assert.Equal("2025-12-13", quarter.Daily[0].Date);
        Assert.Equal(4, quarter.Daily.Sum(d => d.Created));
        Assert.Equal(3, quarter.Daily.Sum(d => d.Closed));
        Assert.Equal(1, quarter.Daily.Single(d => d.Date == "2026-02-02").Closed);
        Assert.Equal(new StaffPerformance(s2.Id.ToString("D"), "bob", 2, 1), quarter.Leaderboard.Single(p => p.UserId == s2.Id.ToString("D")));
        Assert.Equal(2, quarter.ByCategory.Count);

        var empty = await statistics.ComputeAsync(Guid.CreateVersion7(), 30, Now, CancellationToken.None);
        Assert.Equal((0, 0, 30), (empty.OpenTickets, empty.ClosedTotal, empty.Daily.Count));
        Assert.Null(empty.AverageFirstResponseSeconds);
        Assert.All(empty.Daily, d => Assert.Equal((0, 0), (d.Created, d.Closed)));
    }

    private static Ticket Ticket(Guid desk, string member, DateTime created, DateTime? firstResponse = null, DateTime? closed = null, string? closedBy = null, string? category = null) => new()
    {
        DeskId = desk, UserId = member, UserName = member, Transport = TransportNames.Chat, CreatedAt = created, UpdatedAt = created,
        FirstResponseAt = firstResponse, ClosedAt = closed, ClosedBy = closedBy, Status = closed is null ? TicketStatus.Open : TicketStatus.Closed,
        CategoryId = category is null ? null : "cat-" + category, CategoryName = category,
    };

    private static TicketMessage Message(Ticket ticket, Guid staff, string kind, DateTime at, int? number) => new()
    {
        ThreadId = ticket.Id, UserId = staff.ToString("D"), UserName = "staff", Kind = kind, CreatedAt = at, Content = "text", MessageNumber = number,
    };
}
