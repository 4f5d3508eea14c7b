using System.Net;
using System.Text;
using Parley.Chat.Messages;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>
/// Files relayed as files over Chat, both ways: a member's file reaches the ticket channel as a Chat file staff download
/// (the same bytes), a staff reply's file reaches the member's DM as one they download — and nobody outside each
/// channel gets either.
/// </summary>
public sealed class FileRelayTests
{
    [Theory, BothProviders]
    public async Task A_members_file_reaches_staff_and_a_replys_file_reaches_the_member_only_they_download_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var room = await SupportRoom.CreateAsync(app);
        var erin = await app.UserAsync("erin");
        await app.JoinAsync(room.Community, room.Alice, erin);
        var dm = await room.BobsDmAsync();
        await using var bob = await app.HubAsync(room.Bob, HubProtocol.Json, "message.created");
        await using var carol = await app.HubAsync(room.Carol, HubProtocol.Json, "channel.created", "message.created");
        await bob.InvokeAsync("Subscribe", dm);

        // Bob uploads a file to his DM with the bot and sends it over SignalR.
        var photo = Encoding.UTF8.GetBytes("crab x-ray, left claw\n");
        var upload = await ChatFiles.UploadAsync(app, room.Bob, dm, "xray.txt", photo);
        await bob.InvokeJsonAsync("SendDirectMessage", room.BotId, new SendMessageRequest(Plaintext: "See the x-ray", FileId: upload));
        var channel = Guid.Parse((await carol.NextAsync("channel.created")).Str("id"));
        await Eventually.Until(async () => (await ChatFiles.InChannelAsync(app, channel, room.Carol)).Count > 0);
        var relayed = Assert.Single(await ChatFiles.InChannelAsync(app, channel, room.Carol));
        Assert.Equal(("xray.txt", "**bob**\nSee the x-ray\n📎 xray.txt"), (relayed.Name, relayed.Text));
        Assert.NotEqual(upload, relayed.FileId);
        await ChatFiles.AssertDownloadsAsync(app, room.Carol, relayed.FileId, photo);
        Assert.NotEqual(HttpStatusCode.OK, (await ChatFiles.DownloadAsync(app, room.Bob, relayed.FileId)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await ChatFiles.DownloadAsync(app, erin, relayed.FileId)).Status);

        // Carol replies with a file: the bot's DM message carries it; bob downloads the same bytes.
        await carol.InvokeAsync("Subscribe", channel);
        var answer = Encoding.UTF8.GetBytes("Diet: more algae.\n");
        var attachment = await ChatFiles.UploadAsync(app, room.Carol, channel, "diet.txt", answer);
        await carol.InvokeJsonAsync("SendMessage", channel, new SendMessageRequest(Plaintext: "!reply Here is the plan", FileId: attachment));
        var received = await room.NextFromBotAsync(bob, "message.created");
        while (received.Str("plaintext").StartsWith("Thanks for your message", StringComparison.Ordinal))
        {
            received = await room.NextFromBotAsync(bob, "message.created");
        }
        Assert.Equal("**carol** (Moderator)\nHere is the plan\n📎 diet.txt\n— #1", received.Str("plaintext"));
        var memberFile = Guid.Parse(received.GetProperty("file").Str("id"));
        Assert.Equal("diet.txt", received.GetProperty("file").Str("name"));
        await ChatFiles.AssertDownloadsAsync(app, room.Bob, memberFile, answer);
        Assert.NotEqual(HttpStatusCode.OK, (await ChatFiles.DownloadAsync(app, room.Carol, memberFile)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await ChatFiles.DownloadAsync(app, erin, memberFile)).Status);
        // The staff copy in the ticket channel keeps the file too.
        await Eventually.Until(async () => (await ChatFiles.InChannelAsync(app, channel, room.Carol)).Any(f => f.Text is not null && f.Text.StartsWith("**carol** (Moderator) → member", StringComparison.Ordinal)));
    }
}
