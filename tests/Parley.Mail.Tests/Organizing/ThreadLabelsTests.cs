using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Mail.Tests.Api.MailApiKit;

namespace Parley.Mail.Tests.Organizing;

/// <summary>A thread shows every label of its messages, not only its newest message's.</summary>
public sealed class ThreadLabelsTests
{
    [Theory, BothProviders]
    public async Task A_thread_lists_the_labels_of_all_its_messages_once_each(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = (await app.SignInAsync()).AccessToken;
        var (_, inbox) = await app.DomainWithInboxAsync(admin);
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        var first = await app.ReceiveAsync(Email("first@outside.test", "Contract", "the draft", date: start), inbox);
        var reply = await app.ReceiveAsync(Email("reply@outside.test", "Re: Contract", "signed", inReplyTo: "first@outside.test", date: start.AddMinutes(1)), inbox);
        foreach (var (message, label) in new[] { (first, "legal"), (first, "billing"), (reply, "legal") })
        {
            await app.SendAsync(HttpMethod.Put, $"/api/mail/messages/{Uri.EscapeDataString(message)}/labels/{label}", admin).OkJsonAsync();
        }

        var listed = Assert.Single((await app.SendAsync(HttpMethod.Get, $"/api/mail/inboxes/{inbox}/threads", admin).OkJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(2, listed.GetProperty("message_count").GetInt32());
        Assert.Equal(["billing", "legal"], Labels(listed));
        Assert.Equal(["legal"], Labels(listed.GetProperty("last_message")));
        var thread = await app.SendAsync(HttpMethod.Get, $"/api/mail/threads/{listed.Str("id")}", admin).OkJsonAsync();
        Assert.Equal(["billing", "legal"], Labels(thread));
    }

    private static List<string> Labels(JsonElement json) => json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
}
