using System.Net;
using System.Text.Json;
using Parley.Mail.Messages;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Mail.Tests.Api.MailApiKit;

namespace Parley.Mail.Tests.Organizing;

/// <summary>Message labels and thread states: set through the API, shown in Mail's JSON, filtered on, and announced by webhooks.</summary>
public sealed class LabelsAndThreadStatesTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Webhooks:AllowPrivateTargets"] = "true" };

    [Theory, BothProviders]
    public async Task Labels_are_put_shown_filtered_and_taken_off(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (_, inbox) = await app.DomainWithInboxAsync(admin);
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        var invoice = await app.ReceiveAsync(Email("invoice@outside.test", "Invoice 7", "hello invoice", date: start), inbox);
        var other = await app.ReceiveAsync(Email("other@outside.test", "Lunch", "hello lunch", date: start.AddMinutes(1)), inbox);
        var path = $"/api/mail/messages/{Uri.EscapeDataString(invoice)}/labels";

        var put = await app.SendAsync(HttpMethod.Put, path + "/Finance", admin).OkJsonAsync();
        Assert.Equal(["Finance"], Labels(put));
        // Idempotent, and several labels are kept in order.
        await app.SendAsync(HttpMethod.Put, path + "/Finance", admin).OkJsonAsync();
        Assert.Equal(["Finance", "to do"], Labels(await app.SendAsync(HttpMethod.Put, path + "/to%20do", admin).OkJsonAsync()));

        Assert.Equal(["Finance", "to do"], Labels(await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(invoice)}", admin).OkJsonAsync()));
        Assert.Empty(Labels(await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(other)}", admin).OkJsonAsync()));

        var threads = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?label=Finance", admin).OkJsonAsync();
        var only = Assert.Single(threads.GetProperty("items").EnumerateArray());
        Assert.Equal("Invoice 7", only.Str("subject"));
        Assert.Equal(["Finance", "to do"], Labels(only.GetProperty("last_message")));
        // Labels are compared as written.
        Assert.Empty((await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?label=finance", admin).OkJsonAsync()).GetProperty("items").EnumerateArray());
        var found = await app.SendAsync(HttpMethod.Get, "/api/mail/search?q=hello&label=Finance", admin).OkJsonAsync();
        Assert.Equal([invoice], found.GetProperty("items").EnumerateArray().Select(m => m.Str("message_id")));
        Assert.Equal(2, (await app.SendAsync(HttpMethod.Get, "/api/mail/search?q=hello", admin).OkJsonAsync()).GetProperty("items").GetArrayLength());

        Assert.Equal(["to do"], Labels(await app.SendAsync(HttpMethod.Delete, path + "/Finance", admin).OkJsonAsync()));
        await app.SendAsync(HttpMethod.Delete, path + "/Finance", admin).OkJsonAsync();
        Assert.Empty((await app.SendAsync(HttpMethod.Get, "/api/mail/search?q=hello&label=Finance", admin).OkJsonAsync()).GetProperty("items").EnumerateArray());

        Assert.Equal("label_invalid", await app.SendAsync(HttpMethod.Put, path + "/" + new string('x', MessageLabels.MaxLength + 1), admin).RefusedAsync(HttpStatusCode.BadRequest));
        Assert.Equal("label_invalid", await app.SendAsync(HttpMethod.Put, path + "/%20", admin).RefusedAsync(HttpStatusCode.BadRequest));
        Assert.Equal("message_not_found", await app.SendAsync(HttpMethod.Put, "/api/mail/messages/nobody%40x.test/labels/a", admin).RefusedAsync(HttpStatusCode.NotFound));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?label=%01", admin).RefusedAsync(HttpStatusCode.BadRequest));
        await app.SendAsync(HttpMethod.Put, path + "/x").RefusedAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, BothProviders]
    public async Task Thread_states_are_set_shown_filtered_and_webhooks_announce_both_changes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = (await app.SignInAsync()).AccessToken;
        var (_, inbox) = await app.DomainWithInboxAsync(admin);
        await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin,
            new { url = receiver.Url.ToString(), events = new[] { "message.labeled", "thread.state_changed" }, inbox_ids = new[] { inbox } }).OkJsonAsync(HttpStatusCode.Created);
        var message = await app.ReceiveAsync(Email("spam@outside.test", "Win a prize", "click"), inbox);
        await app.ReceiveAsync(Email("fine@outside.test", "Meeting", "tomorrow"), inbox);
        var thread = (await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(message)}", admin).OkJsonAsync()).Str("thread_id");

        var listed = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads", admin).OkJsonAsync();
        Assert.All(listed.GetProperty("items").EnumerateArray(), t => Assert.Equal("open", t.Str("state")));

        var set = await app.SendAsync(HttpMethod.Put, $"/api/mail/threads/{thread}/state", admin, new { state = "spam" }).OkJsonAsync();
        Assert.Equal(("spam", "open"), (set.Str("state"), set.Str("previous_state")));
        // The same state again changes nothing and announces nothing.
        await app.SendAsync(HttpMethod.Put, $"/api/mail/threads/{thread}/state", admin, new { state = "spam" }).OkJsonAsync();
        Assert.Equal("spam", (await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{thread}", admin).OkJsonAsync()).Str("state"));
        var spam = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?state=spam", admin).OkJsonAsync();
        Assert.Equal(["Win a prize"], spam.GetProperty("items").EnumerateArray().Select(t => t.Str("subject")));
        var open = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?state=open", admin).OkJsonAsync();
        Assert.Equal(["Meeting"], open.GetProperty("items").EnumerateArray().Select(t => t.Str("subject")));

        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Put, $"/api/mail/threads/{thread}/state", admin, new { state = "deleted" }).RefusedAsync(HttpStatusCode.BadRequest));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?state=gone", admin).RefusedAsync(HttpStatusCode.BadRequest));
        Assert.Equal("thread_not_found", await app.SendAsync(HttpMethod.Put, $"/api/mail/threads/{Guid.NewGuid()}/state", admin, new { state = "open" }).RefusedAsync(HttpStatusCode.NotFound));

        await app.SendAsync(HttpMethod.Put, $"/api/mail/messages/{Uri.EscapeDataString(message)}/labels/junk", admin).OkJsonAsync();
        await app.SendAsync(HttpMethod.Delete, $"/api/mail/messages/{Uri.EscapeDataString(message)}/labels/junk", admin).OkJsonAsync();

        await Eventually.Until(() => receiver.Received.Count(r => r.Event is "thread.state_changed" or "message.labeled") == 3, TimeSpan.FromSeconds(15), "three events");
        var events = receiver.Received.Where(r => r.Event != "webhook.verification").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var changed = Assert.Single(events, e => e.Str("type") == "thread.state_changed").GetProperty("data");
        Assert.Equal((thread, "open", "spam", inbox.ToString()), (changed.Str("thread_id"), changed.Str("previous_state"), changed.Str("state"), changed.Str("inbox_id")));
        // Deliveries run as independent jobs and may arrive in either order; the envelope's created_at is the order of events.
        var labeled = events.Where(e => e.Str("type") == "message.labeled")
            .OrderBy(e => e.GetProperty("created_at").GetDateTime()).Select(e => e.GetProperty("data")).ToList();
        Assert.Equal([true, false], labeled.Select(d => d.GetProperty("labeled").GetBoolean()));
        Assert.All(labeled, d => Assert.Equal((message, "junk"), (d.Str("message_id"), d.Str("label"))));
    }

    private static List<string> Labels(JsonElement json) => json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
}
