using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Mail.Tests.Api.MailApiKit;

namespace Parley.Mail.Tests.Api;

/// <summary>Receiving, answering through the send API, and reading the thread back: the parts of Mail meeting.</summary>
public sealed class ReplyThreadTests
{
    [Theory, BothProviders]
    public async Task A_reply_sent_through_the_api_joins_the_received_thread_with_its_delivery_status(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (_, inbox) = await app.DomainWithInboxAsync(admin);
        var received = await app.ReceiveAsync(Email("first@outside.test", "Broken box", "The box was crushed.", from: "carol@outside.test"), inbox);

        var accepted = await app.SendAsync(HttpMethod.Post, "/api/mail/send", admin, new
        {
            inbox_id = inbox,
            to = new[] { "carol@outside.test" },
            subject = "Re: Broken box",
            text = "A new one is on its way.",
            in_reply_to = received,
        }).OkJsonAsync(HttpStatusCode.Accepted);

        var thread = await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{accepted.GetProperty("thread_id").GetGuid()}", admin).OkJsonAsync();
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([received, accepted.Str("message_id")], messages.Select(m => m.Str("message_id")));
        Assert.Equal("outbound", messages[1].Str("direction"));
        Assert.Equal(received, messages[1].Str("in_reply_to"));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, messages[1].GetProperty("delivery").ValueKind);
    }
}
