using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Panel;

/// <summary>Desk settings applied live, ticket visibility and lists, transcript exports, panel permissions and sessions.</summary>
public sealed class PanelApiTests
{
    private static async Task Grant(TestApp app, ChatUser user, params string[] permissions)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        db.PanelPermissions.AddRange(permissions.Select(p => new PanelPermission { SubjectType = "user", SubjectId = user.Id.ToString("D"), Permission = p, GrantedBy = "test" }));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Puts the user in the desk's staff community (a moderator unless said otherwise): the panel shows a ticket only to
    /// those who may act on it (<see cref="Parley.Modmail.Staff.TicketAudience"/>), which needs the staff community.
    /// </summary>
    private static async Task InStaffCommunity(TestApp app, Guid community, ChatUser owner, ChatUser user, string role = "moderator")
    {
        await app.JoinAsync(community, owner, user);
        if (role != "member")
        {
            await app.SetRoleAsync(community, owner, user, role);
        }
    }

    [Theory, BothProviders]
    public async Task Settings_changes_are_read_back_from_the_row_at_once_and_bad_ones_change_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.UserAsync("owner1");
        var world = await PanelWorld.CreateAsync(app, await app.CommunityAsync(owner));
        var editor = await app.UserAsync("editor");
        await Grant(app, editor, PanelPermissions.ViewConfig, PanelPermissions.EditConfig);
        var desk = $"/api/modmail/desks/{world.Desk}";

        var changed = await app.OkJsonAsync(HttpMethod.Patch, desk, editor, new
        {
            prefix = "?", welcome_message = "Hi there", closing_message = "Bye", status_text = "DM for help", anonymous_name = "Team",
            staff_role = "admin", category_selection = true, features = new { confirmations = false }, enabled = false,
        });
        Assert.Equal("?", changed.Str("prefix"));

        // What the engine does on its next message: read the row in a new scope.
        await using (var scope = app.CreateScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<ModmailDbContext>().Desks.AsNoTracking().SingleAsync(d => d.Id == world.Desk);
            Assert.Equal(("?", "Hi there", "Bye", "DM for help", "Team", "admin", true, false),
                (row.Prefix, row.WelcomeMessage, row.ClosingMessage, row.StatusText, row.AnonymousName, row.StaffRole, row.CategorySelection, row.Enabled));
            using var features = System.Text.Json.JsonDocument.Parse(row.Features);
            Assert.False(features.RootElement.GetProperty("confirmations").GetBoolean());
        }
        var read = await app.OkJsonAsync(HttpMethod.Get, desk, editor);
        Assert.False(read.GetProperty("features").GetProperty("confirmations").GetBoolean());

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, desk, editor, new { prefix = "! ", welcome_message = "Changed" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, desk, editor, new { staff_role = "member" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, desk, editor, new { features = new[] { 1 } });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, desk, editor, new { welcome_message = new string('a', 4001) });
        read = await app.OkJsonAsync(HttpMethod.Get, desk, editor);
        Assert.Equal(("?", "Hi there", "admin"), (read.Str("prefix"), read.Str("welcome_message"), read.Str("staff_role")));

        await app.OkJsonAsync(HttpMethod.Patch, desk, editor, new { status_text = "" });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await app.OkJsonAsync(HttpMethod.Get, desk, editor)).GetProperty("status_text").ValueKind);
    }

    [Theory, BothProviders]
    public async Task Transcript_exports_escape_everything_and_keep_deleted_messages_without_content(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.UserAsync("owner1");
        var community = await app.CommunityAsync(owner);
        var world = await PanelWorld.CreateAsync(app, community);
        var viewer = await app.UserAsync("viewer");
        await InStaffCommunity(app, community, owner, viewer);
        await Grant(app, viewer, PanelPermissions.ViewTickets);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.TicketMessages.AddRange(
                new TicketMessage { ThreadId = world.Ticket, UserId = "x", UserName = "<b>Mallory</b>", Kind = TicketMessageKinds.Member, CreatedAt = now, Content = "<script>alert('x')</script> & <img src=x onerror=alert(1)>", Attachments = "[{\"blob_key\":\"k\",\"file_name\":\"<evil>.png\",\"content_type\":\"image/png\",\"size\":3}]" },
                new TicketMessage { ThreadId = world.Ticket, UserId = "s", UserName = "Staff", AuthorRole = "moderator", Kind = TicketMessageKinds.Staff, MessageNumber = 1, CreatedAt = now.AddSeconds(1), Content = "secret withdrawn text", DeletedAt = now.AddSeconds(2) });
            await db.SaveChangesAsync();
        }
        var ticket = $"/api/modmail/desks/{world.Desk}/tickets/{world.Ticket}";

        using var html = await app.SendAsync(HttpMethod.Get, ticket + "/export.html", viewer.Token);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Mallory&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;evil&gt;.png", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("secret withdrawn text", page, StringComparison.Ordinal);
        Assert.Contains("(deleted)", page, StringComparison.Ordinal);

        using var json = await app.SendAsync(HttpMethod.Get, ticket + "/export.json", viewer.Token);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var transcript = await json.JsonAsync();
        var messages = transcript.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(3, messages.Count);
        Assert.Equal("<script>alert('x')</script> & <img src=x onerror=alert(1)>", messages[1].Str("content"));
        Assert.Equal("<evil>.png", messages[1].GetProperty("attachments")[0].Str("file_name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, messages[2].GetProperty("content").ValueKind);
        Assert.Equal(world.Ticket, transcript.GetProperty("ticket").GetProperty("id").GetGuid());
    }

    [Theory, BothProviders]
    public async Task Tickets_of_a_category_are_seen_only_with_its_permissions_or_when_added_and_lists_page_and_filter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.UserAsync("owner1");
        var community = await app.CommunityAsync(owner);
        var world = await PanelWorld.CreateAsync(app, community);
        var plain = await app.UserAsync("plain");
        var billing = await app.UserAsync("billing");
        var added = await app.UserAsync("added");
        await InStaffCommunity(app, community, owner, plain);
        await InStaffCommunity(app, community, owner, billing);
        // Not staff of the desk: sees what they were added to.
        await InStaffCommunity(app, community, owner, added, "member");
        await Grant(app, plain, PanelPermissions.ViewTickets);
        await Grant(app, billing, PanelPermissions.ViewTickets, "billing");
        await Grant(app, added, PanelPermissions.ViewTickets);
        Guid restricted;
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var ticket = new Ticket
            {
                DeskId = world.Desk, UserId = "rich@example.test", UserName = "Rich 100%_Member", Transport = TransportNames.Chat, CreatedAt = now, UpdatedAt = now,
                CategoryId = world.Category.ToString("D"), CategoryName = "Billing", RequiredPermissions = "[\"billing\"]", AssignedTo = billing.Id.ToString("D"),
            };
            db.Tickets.Add(ticket);
            db.TicketStaff.Add(new TicketStaff { ThreadId = ticket.Id, UserId = added.Id.ToString("D"), AddedBy = "test", AddedAt = now });
            for (var i = 0; i < 5; i++)
            {
                db.Tickets.Add(new Ticket { DeskId = world.Desk, UserId = $"m{i}@example.test", UserName = $"Member {i}", Transport = TransportNames.Email, CreatedAt = now.AddMinutes(-i), UpdatedAt = now, Status = TicketStatus.Closed, ClosedAt = now });
            }
            await db.SaveChangesAsync();
            restricted = ticket.Id;
        }
        var tickets = $"/api/modmail/desks/{world.Desk}/tickets";

        async Task<List<Guid>> Ids(ChatUser user, string query) =>
            (await app.OkJsonAsync(HttpMethod.Get, tickets + query, user)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();

        Assert.DoesNotContain(restricted, await Ids(plain, ""));
        await app.RefusedAsync(HttpStatusCode.NotFound, "ticket_not_found", HttpMethod.Get, $"{tickets}/{restricted}", plain);
        Assert.Contains(restricted, await Ids(billing, ""));
        Assert.Contains(restricted, await Ids(added, ""));
        await app.OkJsonAsync(HttpMethod.Get, $"{tickets}/{restricted}", added);

        Assert.Equal([restricted], await Ids(billing, $"?category_id={world.Category}"));
        Assert.Equal([restricted], await Ids(billing, "?assignee=me"));
        Assert.Equal([world.Ticket], await Ids(billing, "?assignee=none"));
        Assert.Equal([restricted], await Ids(billing, "?transport=chat"));
        Assert.Equal([world.Ticket], await Ids(billing, "?awaiting_staff=true"));
        Assert.Equal([restricted], await Ids(billing, "?q=100%25_m"));
        Assert.Equal([restricted], await Ids(billing, "?q=rich@example.test"));
        Assert.Empty(await Ids(billing, "?q=mem_er"));
        Assert.Equal([world.Ticket], await Ids(billing, "?q=MEMBER%20" + world.Tag.ToUpperInvariant()));

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await app.OkJsonAsync(HttpMethod.Get, tickets + "?status=closed&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), plain);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(5, seen.Distinct().Count());
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, tickets + "?cursor=nonsense", plain);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, tickets + "?status=maybe", plain);
    }

    [Theory, BothProviders]
    public async Task Grants_shape_what_a_user_may_do_and_super_admins_see_and_revoke_panel_sessions(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Modmail:SuperAdmins:0"] = "root" });
        var owner = await app.UserAsync("owner1");
        var community = await app.CommunityAsync(owner);
        var world = await PanelWorld.CreateAsync(app, community);
        var root = await app.UserAsync("root");
        var staff = await app.UserAsync("staffer");
        await app.JoinAsync(community, owner, staff);
        await app.SetRoleAsync(community, owner, staff, "moderator");
        var desk = $"/api/modmail/desks/{world.Desk}";

        var me = await app.OkJsonAsync(HttpMethod.Get, desk + "/me", staff);
        Assert.Empty(me.GetProperty("permissions").EnumerateArray());
        await app.RefusedAsync(HttpStatusCode.Forbidden, "panel_permission_required", HttpMethod.Get, desk + "/tickets", staff);

        // A role grant holds for that role and the ones above it in the desk's staff community.
        var grant = await app.OkJsonAsync(HttpMethod.Post, desk + "/permissions", root, new { subject_type = "role", subject_id = "moderator", permission = "view_tickets" });
        await app.RefusedAsync(HttpStatusCode.Conflict, "permission_exists", HttpMethod.Post, desk + "/permissions", root, new { subject_type = "role", subject_id = "moderator", permission = "view_tickets" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, desk + "/permissions", root, new { subject_type = "user", subject_id = Guid.CreateVersion7(), permission = "view_tickets" });
        me = await app.OkJsonAsync(HttpMethod.Get, desk + "/me", staff);
        Assert.Equal(["view_tickets"], me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        await app.OkJsonAsync(HttpMethod.Get, desk + "/tickets", staff);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "panel_permission_required", HttpMethod.Get, desk + "/permissions", staff);
        var rootMe = await app.OkJsonAsync(HttpMethod.Get, desk + "/me", root);
        Assert.True(rootMe.GetProperty("super_admin").GetBoolean());
        Assert.Equal(PanelPermissions.All.Order(StringComparer.Ordinal), rootMe.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!));

        await app.OkAsync(HttpMethod.Delete, $"{desk}/permissions/{grant.GetProperty("id").GetInt64()}", root);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "panel_permission_required", HttpMethod.Get, desk + "/tickets", staff);

        // The staff member's panel use recorded their session, by hash; revoking it signs them out.
        var sessions = await app.OkJsonAsync(HttpMethod.Get, "/api/modmail/panel-sessions", root);
        var mine = sessions.EnumerateArray().Single(s => s.Str("user_id") == staff.Id.ToString("D"));
        Assert.Equal("staffer", mine.Str("username"));
        Assert.Equal(64, mine.Str("session_id").Length);
        await using (var scope = app.CreateScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<ModmailDbContext>().PanelSessions.AsNoTracking().SingleAsync(s => s.UserId == staff.Id.ToString("D"));
            Assert.Equal(mine.Str("session_id"), row.SessionId);
        }
        await app.RefusedAsync(HttpStatusCode.Forbidden, "super_admin_required", HttpMethod.Get, "/api/modmail/panel-sessions", staff);
        await app.OkAsync(HttpMethod.Delete, "/api/modmail/panel-sessions/" + mine.Str("session_id"), root);
        using var after = await app.SendAsync(HttpMethod.Get, desk + "/me", staff.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain((await app.OkJsonAsync(HttpMethod.Get, "/api/modmail/panel-sessions", root)).EnumerateArray(), s => s.Str("user_id") == staff.Id.ToString("D"));
    }
}
