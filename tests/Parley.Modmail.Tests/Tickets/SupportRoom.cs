using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>
/// A community with Modmail, arranged through the API: alice owns "Crabs", carol and dave are moderators (staff),
/// bob is a member; the desk is in single mode with its bot.
/// </summary>
internal sealed record SupportRoom(TestApp App, ChatUser Alice, ChatUser Bob, ChatUser Carol, ChatUser Dave, Guid Community, Guid DeskId, Guid BotId)
{
    public static async Task<SupportRoom> CreateAsync(TestApp app)
    {
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var dave = await app.UserAsync("dave");
        var community = await app.CommunityAsync(alice);
        foreach (var user in new[] { bob, carol, dave })
        {
            await app.JoinAsync(community, alice, user);
        }
        await app.SetRoleAsync(community, alice, carol, "moderator");
        await app.SetRoleAsync(community, alice, dave, "moderator");
        var desk = await app.OkJsonAsync(HttpMethod.Post, "/api/modmail/desks", alice, new { community_id = community, mode = "single" });
        return new SupportRoom(app, alice, bob, carol, dave, community, Guid.Parse(desk.Str("id")), Guid.Parse(desk.Str("bot_user_id")));
    }

    /// <summary>Bob presses "Contact staff": his DM with the bot.</summary>
    public async Task<Guid> BobsDmAsync() =>
        Guid.Parse((await App.OkJsonAsync(HttpMethod.Post, $"/api/modmail/desks/{DeskId}/contact", Bob)).Str("channel_id"));

    public Task<JsonElement> BobWritesAsync(string text) =>
        App.OkJsonAsync(HttpMethod.Post, $"/api/chat/dms/{BotId}/messages", Bob, new { plaintext = text });

    /// <summary>The next <paramref name="name"/> event the bot sent (a member's hub hears their own messages too).</summary>
    public async Task<JsonElement> NextFromBotAsync(HubClient hub, string name)
    {
        while (true)
        {
            var next = await hub.NextAsync(name);
            if (next.Str("sender_id") == BotId.ToString())
            {
                return next;
            }
        }
    }

    /// <summary>The desk's open ticket, else its latest.</summary>
    public async Task<Ticket?> TicketAsync()
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        return await db.Tickets.AsNoTracking().Where(t => t.DeskId == DeskId).OrderByDescending(t => t.Status).ThenByDescending(t => t.CreatedAt).FirstOrDefaultAsync();
    }

    public async Task<List<TicketMessage>> MessagesAsync(Guid ticketId)
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        return await db.TicketMessages.AsNoTracking().Where(m => m.ThreadId == ticketId).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<T> WithModmailAsync<T>(Func<ModmailDbContext, Task<T>> work)
    {
        await using var scope = App.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ModmailDbContext>());
    }

    /// <summary>The plaintexts of a channel, oldest first, as <paramref name="reader"/> reads them.</summary>
    public async Task<List<string?>> ChannelTextsAsync(Guid channelId, ChatUser reader)
    {
        var page = await App.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channelId}/messages", reader);
        return page.GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("plaintext").ValueKind == JsonValueKind.String ? m.GetProperty("plaintext").GetString() : null).ToList();
    }
}
