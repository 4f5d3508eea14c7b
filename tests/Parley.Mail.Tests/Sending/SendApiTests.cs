using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Mail.Delivery;
using Parley.Mail.Suppression;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Sending;

/// <summary><c>POST /api/mail/send</c>: checks, idempotency, suppression, replies. Jobs are off: delivery is DeliveryTests' business.</summary>
public sealed class SendApiTests
{
    private static Dictionary<string, string?> NoDelivery(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    [Theory, BothProviders]
    public async Task Bad_requests_are_refused_and_store_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery(("Mail:Outbound:MaxRecipients", "3"), ("Mail:Outbound:MaxMessageBytes", "4096")));
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var inbox = sender.InboxId;

        async Task Invalid(object body, string field)
        {
            using var response = await client.SendMailAsync(body);
            var problem = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {problem}");
            Assert.Equal("validation_failed", problem.Str("code"));
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not among {problem}");
        }

        await Invalid(new { to = new[] { "a@example.test" }, subject = "s", text = "t" }, "inbox_id");
        await Invalid(new { inbox_id = inbox, subject = "s", text = "t" }, "to");
        await Invalid(new { inbox_id = inbox, to = new[] { "not an address" }, subject = "s", text = "t" }, "to");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, cc = new[] { "b@" }, subject = "s", text = "t" }, "cc");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test", "b@example.test" }, cc = new[] { "c@example.test" }, bcc = new[] { "d@example.test" }, subject = "s", text = "t" }, "to");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, text = "t" }, "subject");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "line\r\nBcc: x@evil.test", text = "t" }, "subject");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "s" }, "text");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "s", text = "t", attachments = new[] { new { filename = "a.bin", content_type = "application/octet-stream", content_base64 = "***" } } }, "attachments[0].content_base64");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "s", text = "t", attachments = new[] { new { filename = "../etc/passwd", content_type = "text/plain", content_base64 = "YQ==" } } }, "attachments[0].filename");
        await Invalid(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "s", text = "t", in_reply_to = "nobody-knows@example.test" }, "in_reply_to");

        using (var tooLarge = await client.SendMailAsync(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "s", text = "t", attachments = new[] { new { filename = "big.bin", content_type = "application/octet-stream", content_base64 = Convert.ToBase64String(new byte[5000]) } } }))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Equal("message_too_large", await tooLarge.ProblemCodeAsync());
        }
        // Under the attachment limit, but the base64-encoded, signed message passes it.
        using (var tooLargeBuilt = await client.SendMailAsync(new { inbox_id = inbox, to = new[] { "a@example.test" }, subject = "s", text = "t", attachments = new[] { new { filename = "big.bin", content_type = "application/octet-stream", content_base64 = Convert.ToBase64String(new byte[3500]) } } }))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeBuilt.StatusCode);
            Assert.Equal("message_too_large", await tooLargeBuilt.ProblemCodeAsync());
        }
        using (var unknown = await client.SendMailAsync(new { inbox_id = Guid.CreateVersion7(), to = new[] { "a@example.test" }, subject = "s", text = "t" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("inbox_not_found", await unknown.ProblemCodeAsync());
        }
        Assert.Equal(0, await app.MailDbAsync(db => db.Messages.CountAsync()));
        Assert.Equal(0, await app.MailDbAsync(db => db.Jobs.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task Deleted_inboxes_and_domains_send_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery());
        var deletedInbox = await app.AddSenderAsync(local: "gone");
        var liveInbox = await app.AddSenderAsync(local: "here");
        var otherDomain = await app.AddSenderAsync(domain: "old.test");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await app.MailDbAsync(async db =>
        {
            await db.Inboxes.Where(i => i.Id == deletedInbox.InboxId).ExecuteUpdateAsync(s => s.SetProperty(i => i.DeletedAt, now));
            return await db.Domains.Where(d => d.Id == otherDomain.DomainId).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, now));
        });
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);

        using var gone = await client.SendMailAsync(new { inbox_id = deletedInbox.InboxId, to = new[] { "a@example.test" }, subject = "s", text = "t" });
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var deletedDomain = await client.SendMailAsync(new { inbox_id = otherDomain.InboxId, to = new[] { "a@example.test" }, subject = "s", text = "t" });
        Assert.Equal((HttpStatusCode)422, deletedDomain.StatusCode);
        Assert.Equal("domain_deleted", await deletedDomain.ProblemCodeAsync());
        using var live = await client.SendMailAsync(new { inbox_id = liveInbox.InboxId, to = new[] { "a@example.test" }, subject = "s", text = "t" });
        Assert.Equal(HttpStatusCode.Accepted, live.StatusCode);
        Assert.Equal(1, await app.MailDbAsync(db => db.Messages.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task Sending_needs_the_send_permission(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery());
        var sender = await app.AddSenderAsync();
        var body = new { inbox_id = sender.InboxId, to = new[] { "a@example.test" }, subject = "s", text = "t" };

        using var anonymous = await app.Client.PostAsJsonAsync("/api/mail/send", body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var reader = await app.ClientWithAsync(Permissions.MailMessagesRead, Permissions.MailThreadsRead);
        using var forbidden = await reader.SendMailAsync(body);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, await app.MailDbAsync(db => db.Messages.CountAsync()));

        // An owner holds every Mail permission.
        var owner = await app.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail/send") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", owner.AccessToken);
        using var sent = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_caller_bound_to_inboxes_sends_only_from_those(string provider)
    {
        var bound = new System.Runtime.CompilerServices.StrongBox<Guid>();
        // The claims an organization JWT with an `inboxes` claim carries (the API part's MailCaller reads the same).
        await using var app = await TestApp.StartAsync(provider, NoDelivery(), builder =>
            builder.Services.AddSingleton<IClaimsTransformation>(new InboxBinding(bound)));
        var mine = await app.AddSenderAsync(local: "mine");
        var other = await app.AddSenderAsync(local: "other");
        bound.Value = mine.InboxId;
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);

        using var refused = await client.SendMailAsync(new { inbox_id = other.InboxId, to = new[] { "a@example.test" }, subject = "s", text = "t" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("inbox_not_found", await refused.ProblemCodeAsync());
        using var allowed = await client.SendMailAsync(new { inbox_id = mine.InboxId, to = new[] { "a@example.test" }, subject = "s", text = "t" });
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
    }

    private sealed class InboxBinding(System.Runtime.CompilerServices.StrongBox<Guid> inbox) : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (principal.Identity?.IsAuthenticated == true && !principal.HasClaim(c => c.Type == "mail_inbox_bound"))
            {
                principal.AddIdentity(new ClaimsIdentity([new Claim("mail_inbox_bound", "true"), new Claim("mail_inbox", inbox.Value.ToString())]));
            }
            return Task.FromResult(principal);
        }
    }

    [Theory, BothProviders]
    public async Task A_retried_request_with_the_same_idempotency_key_answers_with_the_first_message(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery());
        var first = await app.AddSenderAsync(local: "one");
        var second = await app.AddSenderAsync(local: "two");
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var body = new { inbox_id = first.InboxId, to = new[] { "a@example.test", "b@other.test" }, subject = "Once", text = "only once" };

        using var accepted = await client.SendMailAsync(body, idempotencyKey: "order-42");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var original = await accepted.JsonAsync();
        using var retried = await client.SendMailAsync(body, idempotencyKey: "order-42");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var again = await retried.JsonAsync();
        Assert.Equal(original.Str("message_id"), again.Str("message_id"));
        Assert.Equal(original.Str("thread_id"), again.Str("thread_id"));
        Assert.Equal("pending", again.Str("status"));
        // The key in the body is the same key.
        using var inBody = await client.SendMailAsync(new { body.inbox_id, body.to, body.subject, body.text, idempotency_key = "order-42" });
        Assert.Equal(HttpStatusCode.OK, inBody.StatusCode);
        Assert.Equal(original.Str("message_id"), (await inBody.JsonAsync()).Str("message_id"));
        using var conflicting = await client.SendMailAsync(new { body.inbox_id, body.to, body.subject, body.text, idempotency_key = "order-43" }, idempotencyKey: "order-42");
        Assert.Equal(HttpStatusCode.BadRequest, conflicting.StatusCode);

        // Keys are per inbox; another key is another message.
        using var otherInbox = await client.SendMailAsync(new { inbox_id = second.InboxId, body.to, body.subject, body.text }, idempotencyKey: "order-42");
        Assert.Equal(HttpStatusCode.Accepted, otherInbox.StatusCode);
        using var otherKey = await client.SendMailAsync(body, idempotencyKey: "order-43");
        Assert.Equal(HttpStatusCode.Accepted, otherKey.StatusCode);

        Assert.Equal(3, await app.MailDbAsync(db => db.Messages.CountAsync()));
        // One delivery job per recipient domain of each message.
        Assert.Equal(6, await app.MailDbAsync(db => db.Jobs.CountAsync(j => j.Kind == DeliveryJob.JobKind)));
        Assert.Equal(3, await app.MailDbAsync(db => db.DeliveryEvents.CountAsync(e => e.Status == DeliveryStatuses.Pending)));
    }

    [Theory, BothProviders]
    public async Task Concurrent_requests_with_one_key_make_one_message(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery());
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var body = new { inbox_id = sender.InboxId, to = new[] { "a@example.test" }, subject = "Race", text = "t" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendMailAsync(body, idempotencyKey: "race-1")));
        var ids = new List<string>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            ids.Add((await response.JsonAsync()).Str("message_id"));
            response.Dispose();
        }
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.MailDbAsync(db => db.Messages.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task Suppressed_recipients_refuse_the_message_by_name(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery());
        var sender = await app.AddSenderAsync();
        await app.MailDbAsync(async db =>
        {
            db.SuppressedAddresses.Add(new SuppressedAddress { Address = "blocked@example.test", Reason = SuppressionReasons.Manual, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime });
            db.SuppressedAddresses.Add(new SuppressedAddress { Address = "also@example.test", Reason = SuppressionReasons.Complaint, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);

        using var refused = await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "fine@example.test", "Blocked@Example.test" }, cc = new[] { "also@example.test" }, subject = "s", text = "t" });
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("address_suppressed", problem.Str("code"));
        Assert.Equal(["also@example.test", "blocked@example.test"], problem.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(0, await app.MailDbAsync(db => db.Messages.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_reply_names_its_parent_in_In_Reply_To_and_References(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, NoDelivery());
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var first = (await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "a@example.test" }, subject = "Topic", text = "1" })).JsonAsync()).Str("message_id");
        var second = (await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "a@example.test" }, subject = "Re: Topic", text = "2", in_reply_to = first })).JsonAsync()).Str("message_id");
        using var thirdResponse = await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "a@example.test" }, subject = "Re: Topic", text = "3", in_reply_to = $"<{second}>" });
        Assert.Equal(HttpStatusCode.Accepted, thirdResponse.StatusCode);
        var third = (await thirdResponse.JsonAsync()).Str("message_id");

        var stored = await app.MailDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.MessageId == third));
        Assert.Equal(second, stored.InReplyTo);
        var references = await app.MailDbAsync(db => db.MessageReferences.AsNoTracking().Where(r => r.MessageId == third).OrderBy(r => r.Position).Select(r => r.ReferencedId).ToListAsync());
        Assert.Equal([first, second], references);
    }
}
