using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Modmail.Commands;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary>A notice the commands' services asked for: in a ticket channel (TicketId) or another staff channel (ChannelId).</summary>
internal sealed record RecordedNotice(Guid? TicketId, Guid? ChannelId, string Text, IReadOnlyList<Guid> Mention);

/// <summary>
/// Stands in for the engine's ticket channels (stubs in this branch): records notices and member syncs, so the
/// commands' services are checked by the rows they write and the answers they give.
/// </summary>
internal sealed class RecordingChannels() : ChannelUpdates(null!)
{
    public ConcurrentQueue<RecordedNotice> Notices { get; } = new();
    public ConcurrentQueue<Guid> Syncs { get; } = new();

    public override Task NoticeAsync(Ticket ticket, string content, IReadOnlyList<Guid> mention, CancellationToken cancellationToken)
    {
        Notices.Enqueue(new RecordedNotice(ticket.Id, null, content, mention));
        return Task.CompletedTask;
    }

    public override Task NoticeAsync(Guid deskId, Guid channelId, string content, CancellationToken cancellationToken)
    {
        Notices.Enqueue(new RecordedNotice(null, channelId, content, []));
        return Task.CompletedTask;
    }

    public override Task SyncMembersAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        Syncs.Enqueue(ticket.Id);
        return Task.CompletedTask;
    }

    /// <summary>The answer to the command run last, with whom it mentioned.</summary>
    public RecordedNotice? LastNotice { get; private set; }

    /// <summary>The last notice, taken off (the answer to the command just run).</summary>
    public string Last()
    {
        var all = Notices.ToArray();
        Assert.NotEmpty(all);
        Notices.Clear();
        LastNotice = all[^1];
        return all[^1].Text;
    }
}

/// <summary>
/// A desk whose staff community has an owner, two moderators (staff) and a plain member (the ticket's member), with one
/// open Chat ticket; the app runs on a test clock with <see cref="RecordingChannels"/>.
/// </summary>
internal sealed class StaffDesk : IAsyncDisposable
{
    private StaffDesk(TestApp app, FakeTimeProvider clock, RecordingChannels channels)
    {
        App = app;
        Clock = clock;
        Channels = channels;
    }

    public TestApp App { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingChannels Channels { get; }
    public ChatUser Owner { get; private set; } = null!;
    public ChatUser Mod { get; private set; } = null!;
    public ChatUser Mod2 { get; private set; } = null!;
    public ChatUser Member { get; private set; } = null!;
    public ChatUser Outsider { get; private set; } = null!;

    /// <summary>A plain member of the staff community (not staff), who may be given one ticket with add_staff.</summary>
    public ChatUser Helper { get; private set; } = null!;
    public Guid CommunityId { get; private set; }
    public Guid DeskId { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid TicketChannelId { get; } = Guid.NewGuid();

    public StaffActor ModActor => new(Mod.Id, "mod", "moderator");
    public StaffActor Mod2Actor => new(Mod2.Id, "mod2", "moderator");
    public StaffActor MemberActor => new(Member.Id, "member", null);
    public StaffActor HelperActor => new(Helper.Id, "helper", null);

    public static async Task<StaffDesk> StartAsync(string provider, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? customize = null)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var channels = new RecordingChannels();
        var app = await TestApp.StartAsync(provider, customize: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Services.AddSingleton<ChannelUpdates>(channels);
            customize?.Invoke(b);
        });
        var desk = new StaffDesk(app, clock, channels);
        await desk.ArrangeAsync();
        return desk;
    }

    private async Task ArrangeAsync()
    {
        Owner = await App.UserAsync("owner");
        Mod = await App.UserAsync("mod");
        Mod2 = await App.UserAsync("mod2");
        Member = await App.UserAsync("member");
        Outsider = await App.UserAsync("outsider");
        Helper = await App.UserAsync("helper");
        CommunityId = await App.CommunityAsync(Owner);
        foreach (var user in new[] { Mod, Mod2, Member, Helper })
        {
            await App.JoinAsync(CommunityId, Owner, user);
        }
        await App.SetRoleAsync(CommunityId, Owner, Mod, "moderator");
        await App.SetRoleAsync(CommunityId, Owner, Mod2, "moderator");
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        var desk = new SupportDesk { CommunityId = CommunityId, StaffCommunityId = CommunityId, BotUserId = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now };
        db.Desks.Add(desk);
        await db.SaveChangesAsync();
        DeskId = desk.Id;
        TicketId = await TicketAsync(db, Member.Id.ToString(), "member", TicketStatus.Open, now);
    }

    public async Task<Guid> TicketAsync(ModmailDbContext db, string memberId, string memberName, int status, DateTime createdAt, string transport = TransportNames.Chat)
    {
        var ticket = new Ticket
        {
            UserId = memberId,
            UserName = memberName,
            Transport = transport,
            DeskId = DeskId,
            ChannelId = status == TicketStatus.Open && memberId == Member.Id.ToString() && transport == TransportNames.Chat ? TicketChannelId.ToString() : Guid.NewGuid().ToString(),
            Status = status,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            ClosedAt = status == TicketStatus.Closed ? createdAt.AddHours(1) : null,
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Id;
    }

    /// <summary>Runs a command as <paramref name="staff"/> in the ticket channel (or, with <paramref name="inTicket"/> false, in another staff channel) and returns its answer.</summary>
    public async Task<string> RunAsync(StaffActor staff, string name, string arguments = "", bool inTicket = true)
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        var desk = await db.Desks.AsNoTracking().SingleAsync(d => d.Id == DeskId);
        var ticket = inTicket ? await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == TicketId) : null;
        var command = scope.ServiceProvider.GetRequiredService<TicketCommands>().Find(name);
        Assert.NotNull(command);
        Channels.Notices.Clear();
        await command.RunAsync(new CommandContext(desk, ticket, staff, name, arguments, [], inTicket ? TicketChannelId : Guid.NewGuid(), Guid.NewGuid()), CancellationToken.None);
        return Channels.Last();
    }

    public async Task<T> DbAsync<T>(Func<ModmailDbContext, Task<T>> query)
    {
        await using var scope = App.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ModmailDbContext>());
    }

    public async Task DbAsync(Func<ModmailDbContext, Task> action)
    {
        await using var scope = App.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<ModmailDbContext>());
    }

    public Task<Ticket> TicketAsync() => DbAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == TicketId));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
