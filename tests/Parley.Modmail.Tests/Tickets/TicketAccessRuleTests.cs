using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Panel;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>
/// One rule for who may act on a ticket (<see cref="TicketAudience"/>): a category's required permission hides its
/// tickets from staff without it in the channel, in every panel ticket endpoint and list, and in the staff services the
/// commands call — answered 404, as if the ticket did not exist — and a user or a role grant of it opens them all.
/// </summary>
public sealed class TicketAccessRuleTests
{
    [Theory, BothProviders]
    public async Task Staff_without_the_categorys_permission_get_404_everywhere_and_a_user_or_role_grant_opens_everything(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("about my invoice");
        var ticket = (await room.TicketAsync())!;
        // Moderators hold the panel's ticket permissions (a role grant); the ticket is put in a category needing "billing".
        await room.WithModmailAsync(async db =>
        {
            db.PanelPermissions.Add(new PanelPermission { SubjectType = "user", SubjectId = room.Alice.Id.ToString("D"), Permission = PanelPermissions.EditConfig, GrantedBy = "test" });
            foreach (var permission in new[] { PanelPermissions.ViewTickets, PanelPermissions.ManageTickets })
            {
                db.PanelPermissions.Add(new PanelPermission { SubjectType = "role", SubjectId = "moderator", Permission = permission, GrantedBy = "test" });
            }
            var tracked = await db.Tickets.SingleAsync(t => t.Id == ticket.Id);
            tracked.CategoryName = "Billing";
            tracked.RequiredPermissions = "[\"billing\"]";
            return await db.SaveChangesAsync();
        });
        var desk = $"/api/modmail/desks/{room.DeskId}";
        var path = $"{desk}/tickets/{ticket.Id}";

        // Neither moderator holds "billing": the ticket does not exist for them.
        foreach (var staff in new[] { room.Carol, room.Dave })
        {
            await HiddenAsync(app, room, staff, desk, path, ticket.Id);
        }

        // A user grant to carol opens everything to her, and to her only.
        await GrantAsync(room, "user", room.Carol.Id.ToString("D"));
        await MayActAsync(app, room, room.Carol, desk, path, ticket.Id);
        await HiddenAsync(app, room, room.Dave, desk, path, ticket.Id);

        // A role grant to moderators opens it to dave too: he takes it over, replies and closes it.
        await GrantAsync(room, "role", "moderator");
        await MayActAsync(app, room, room.Dave, desk, path, ticket.Id);
        await app.OkAsync(HttpMethod.Post, path + "/close", room.Dave, new { });
        Assert.Equal(TicketStatus.Closed, (await room.TicketAsync())!.Status);
    }

    private static async Task HiddenAsync(TestApp app, SupportRoom room, ChatUser staff, string desk, string path, Guid ticketId)
    {
        var list = await app.OkJsonAsync(HttpMethod.Get, desk + "/tickets?status=all", staff);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), t => t.Str("id") == ticketId.ToString());
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Get, path, staff);
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Get, path + "/export.json", staff);
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Get, path + "/export.html", staff);
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Post, path + "/reply", staff, new { content = "hi" });
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Post, path + "/close", staff, new { });
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Post, path + "/take", staff);
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Post, path + "/release", staff);
        // The services behind the commands answer the same.
        await using var scope = app.CreateScope();
        var actor = new StaffActor(staff.Id, "staff", "Moderator");
        Assert.Equal("ticket_not_found", (await scope.ServiceProvider.GetRequiredService<TicketAssignment>().TakeAsync(ticketId, actor, false, CancellationToken.None)).Refusal!.Code);
        Assert.Equal("ticket_not_found", (await scope.ServiceProvider.GetRequiredService<TicketMoves>().MoveAsync(ticketId, actor, "Other", CancellationToken.None)).Refusal!.Code);
        Assert.Equal("ticket_not_found", (await scope.ServiceProvider.GetRequiredService<StaffReplies>().ReplyAsync(ticketId, actor, "hi", false, [], CancellationToken.None)).Refusal!.Code);
        Assert.NotEqual(staff.Id.ToString("D"), (await room.TicketAsync())!.AssignedTo);
        Assert.Equal(TicketStatus.Open, (await room.TicketAsync())!.Status);
    }

    private static async Task MayActAsync(TestApp app, SupportRoom room, ChatUser staff, string desk, string path, Guid ticketId)
    {
        var list = await app.OkJsonAsync(HttpMethod.Get, desk + "/tickets?status=all", staff);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.Str("id") == ticketId.ToString());
        Assert.Equal(ticketId.ToString(), (await app.OkJsonAsync(HttpMethod.Get, path, staff)).GetProperty("ticket").Str("id"));
        await app.OkAsync(HttpMethod.Get, path + "/export.json", staff);
        await app.OkAsync(HttpMethod.Get, path + "/export.html", staff);
        Assert.Equal(staff.Id.ToString("D"), (await app.OkJsonAsync(HttpMethod.Post, path + "/take", staff)).Str("assigned_to"));
        await app.OkJsonAsync(HttpMethod.Post, path + "/reply", staff, new { content = "on it" });
        // The ticket channel follows the same rule (re-synced when the grant was made).
        await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{(await room.TicketAsync())!.ChannelId}/messages", staff);
    }

    /// <summary>Alice (holding <c>edit_config</c>) grants "billing" through the panel: the open ticket's channel follows.</summary>
    private static Task GrantAsync(SupportRoom room, string subjectType, string subject) =>
        room.App.OkJsonAsync(HttpMethod.Post, $"/api/modmail/desks/{room.DeskId}/permissions", room.Alice,
            new { subject_type = subjectType, subject_id = subject, permission = "billing" });
}
