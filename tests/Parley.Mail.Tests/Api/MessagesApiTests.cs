using System.Net;
using System.Net.Http.Headers;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Mail.Tests.Api.MailApiKit;

namespace Parley.Mail.Tests.Api;

/// <summary>Inboxes, threads, messages, raw MIME, attachments, search and suppressions through the HTTP API, on both providers.</summary>
public sealed class MessagesApiTests
{
    [Theory, BothProviders]
    public async Task Inboxes_refuse_duplicates_and_a_second_catchall(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (domain, inbox) = await app.DomainWithInboxAsync(admin);

        var shown = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}", admin).OkJsonAsync();
        Assert.Equal("support@example.test", shown.Str("address"));
        Assert.Equal("inbox_exists", await app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, local_part = "Support", name = "x" }).RefusedAsync(HttpStatusCode.Conflict));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, local_part = "a..b", name = "x" }).RefusedAsync(HttpStatusCode.BadRequest));
        var catchall = await app.CreateInboxAsync(admin, domain, "", catchall: true);
        Assert.Equal("*@example.test", (await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{catchall}", admin).OkJsonAsync()).Str("address"));
        Assert.Equal("catchall_exists", await app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, name = "x", is_catchall = true }).RefusedAsync(HttpStatusCode.Conflict));

        var renamed = await app.SendAsync(HttpMethod.Patch, $"/api/mail/inboxes/{inbox}", admin, new { name = "Help desk" }).OkJsonAsync();
        Assert.Equal("Help desk", renamed.Str("name"));
        var listed = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes?domain_id={domain}", admin).OkJsonAsync();
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, $"/api/mail/inboxes/{inbox}", admin)).StatusCode);
        // Deleted: the local part is free again.
        await app.CreateInboxAsync(admin, domain, "support");
    }

    [Theory, BothProviders]
    public async Task Threads_messages_raw_and_attachments_read_back_and_a_deleted_thread_is_gone(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (_, inbox) = await app.DomainWithInboxAsync(admin);
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        var first = await app.ReceiveAsync(WithAttachment(Email("one@outside.test", "Order 17", "Where is my order?", date: start), "note.html", "text/html", "<script>alert(1)</script>"), inbox);
        for (var i = 0; i < 3; i++)
        {
            await app.ReceiveAsync(Email($"other{i}@outside.test", $"Other {i}", "hello", date: start.AddMinutes(1 + i)), inbox);
        }

        // Newest activity first, paged by cursor.
        var page1 = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?limit=2", admin).OkJsonAsync();
        var items = page1.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Other 2", "Other 1"], items.Select(t => t.Str("subject")));
        var page2 = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?limit=2&cursor={Uri.EscapeDataString(page1.Str("next_cursor"))}", admin).OkJsonAsync();
        var rest = page2.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Other 0", "Order 17"], rest.Select(t => t.Str("subject")));
        var summary = rest[1];
        Assert.Equal(1, summary.GetProperty("message_count").GetInt32());
        Assert.Equal(["ana@outside.test", "support@example.test"], summary.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.True(summary.GetProperty("last_message").GetProperty("has_attachments").GetBoolean());
        Assert.Equal("Where is my order?", summary.GetProperty("last_message").Str("snippet"));

        var threadId = summary.GetProperty("id").GetGuid();
        var thread = await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{threadId}", admin).OkJsonAsync();
        var message = Assert.Single(thread.GetProperty("messages").EnumerateArray());
        Assert.Equal("one@outside.test", message.Str("message_id"));
        Assert.Equal("pass", message.GetProperty("authentication").Str("spf"));
        Assert.Equal("support@example.test", Assert.Single(message.GetProperty("to").EnumerateArray()).Str("address"));
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());

        // By Message-ID, percent-encoded.
        var byId = await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(first)}", admin).OkJsonAsync();
        Assert.Equal("Order 17", byId.Str("subject"));
        using (var raw = await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(first)}/raw", admin))
        {
            Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
            Assert.Equal("message/rfc822", raw.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Message-Id: <one@outside.test>", await raw.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using (var download = await app.SendAsync(HttpMethod.Get, $"/api/mail/attachments/{attachment.Str("id")}", admin))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("<script>alert(1)</script>", await download.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, $"/api/mail/threads/{threadId}", admin)).StatusCode);
        Assert.Equal("thread_not_found", await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{threadId}", admin).RefusedAsync(HttpStatusCode.NotFound));
        Assert.Equal("message_not_found", await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(first)}", admin).RefusedAsync(HttpStatusCode.NotFound));
        Assert.Equal("message_not_found", await app.SendAsync(HttpMethod.Get, $"/api/mail/messages/{Uri.EscapeDataString(first)}/raw", admin).RefusedAsync(HttpStatusCode.NotFound));
        Assert.Equal("attachment_not_found", await app.SendAsync(HttpMethod.Get, $"/api/mail/attachments/{attachment.Str("id")}", admin).RefusedAsync(HttpStatusCode.NotFound));
        var after = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads", admin).OkJsonAsync();
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == threadId);
    }

    [Theory, BothProviders]
    public async Task Search_finds_words_in_subject_addresses_and_body_and_nothing_else(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (domain, inbox) = await app.DomainWithInboxAsync(admin);
        var other = await app.CreateInboxAsync(admin, domain, "sales");
        var now = TimeProvider.System.GetUtcNow();
        await app.ReceiveAsync(Email("a@x.test", "Invoice overdue", "Please pay the amount.", from: "billing@vendor.test", date: now.AddMinutes(-3)), inbox);
        await app.ReceiveAsync(Email("b@x.test", "Hello", "The café invoice is attached.", from: "zoe@friends.test", date: now.AddMinutes(-2)), inbox);
        await app.ReceiveAsync(Email("c@x.test", "Lunch", "Nothing to see", from: "bob@friends.test", to: "sales@example.test", date: now.AddMinutes(-1)), other);

        async Task<List<string>> SearchAsync(string query, Guid? inboxId = null) =>
            (await app.SendAsync(HttpMethod.Get, $"/api/mail/search?q={Uri.EscapeDataString(query)}" + (inboxId is { } i ? $"&inbox_id={i}" : ""), admin).OkJsonAsync())
                .GetProperty("items").EnumerateArray().Select(m => m.Str("message_id")).ToList();

        Assert.Equal(["b@x.test", "a@x.test"], await SearchAsync("invoice"));             // subject and body, newest first
        Assert.Equal(["a@x.test"], await SearchAsync("invoice billing"));                  // every word
        Assert.Equal(["a@x.test"], await SearchAsync("billing@vendor.test"));              // a whole address
        Assert.Equal(["c@x.test", "b@x.test"], await SearchAsync("friends"));              // part of an address
        Assert.Equal(["c@x.test"], await SearchAsync("sales@example.test"));               // a recipient
        Assert.Equal(["b@x.test"], await SearchAsync("café"));
        Assert.Equal(["b@x.test"], await SearchAsync("friends", inbox));
        Assert.Empty(await SearchAsync("\"unbalanced OR NEAR( *"));                        // user text is never FTS syntax
        Assert.Empty(await SearchAsync("missing"));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Get, "/api/mail/search?q=", admin).RefusedAsync(HttpStatusCode.BadRequest));

        var threads = await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads?q=pay", admin).OkJsonAsync();
        Assert.Equal("Invoice overdue", Assert.Single(threads.GetProperty("items").EnumerateArray()).Str("subject"));
    }

    [Theory, BothProviders]
    public async Task Suppressions_are_added_listed_and_removed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var added = await app.SendAsync(HttpMethod.Post, "/api/mail/suppressions", admin, new { address = "Gone@Example.test", reason = "manual" }).OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("gone@example.test", added.Str("address"));
        Assert.Equal("suppression_exists", await app.SendAsync(HttpMethod.Post, "/api/mail/suppressions", admin, new { address = "gone@example.test" }).RefusedAsync(HttpStatusCode.Conflict));
        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/suppressions", admin, new { address = "gone@example.test", reason = "bounce" }).RefusedAsync(HttpStatusCode.BadRequest));
        var list = await app.SendAsync(HttpMethod.Get, "/api/mail/suppressions", admin).OkJsonAsync();
        Assert.Equal("manual", Assert.Single(list.GetProperty("items").EnumerateArray()).Str("reason"));
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, "/api/mail/suppressions/gone%40example.test", admin)).StatusCode);
        Assert.Equal("suppression_not_found", await app.SendAsync(HttpMethod.Delete, "/api/mail/suppressions/gone%40example.test", admin).RefusedAsync(HttpStatusCode.NotFound));
    }
}
