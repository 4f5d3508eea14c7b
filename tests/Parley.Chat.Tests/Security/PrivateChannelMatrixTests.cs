using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Security;

/// <summary>
/// The permission matrix again, in a world whose channels are private (<see cref="PermissionWorld"/> with
/// <c>privateChannels</c>): every endpoint and hub method that acts on one of its channels or their messages,
/// files, polls, webhooks or reports is called by an outsider, a community member, a moderator and an admin who
/// are not in the channel, and by a member who is. The channel member gets what a member gets in the public
/// matrix; everyone else gets what an outsider gets there, and where that is a refusal it is 404 (the channel
/// does not exist for them) — staff rank opens nothing.
/// </summary>
public sealed class PrivateChannelMatrixTests
{
    private static IReadOnlyList<(string Name, Func<Cast, ChatUser> User, bool InChannel)> Callers { get; } =
    [
        ("outsider", c => c.Outsider, false),
        ("community member", c => c.Bystander, false),
        ("moderator not in the channel", c => c.Moderator, false),
        ("admin not in the channel", c => c.Admin, false),
        ("channel member", c => c.Member, true),
    ];

    /// <summary>Refusals that admit the channel exists (a hidden channel answers as an unknown one: channel_not_found, or not_in_voice for a signal).</summary>
    private static readonly string[] Revealing = ["not_a_channel_member", "not_a_member", "forbidden_role", "channel_banned", "channel_archived", "channel_read_only"];

    /// <summary>What rules' Arrange steps make inside the channel (emojis and invites belong to the community).</summary>
    private static readonly string[] ChannelThings = ["file", "poll", "webhook", "token", "report"];

    /// <summary>Whether the call names something of the world's channels (in its path or body).</summary>
    private static bool TouchesChannels(PermissionWorld w, string path, object? body)
    {
        var text = path + (body is null ? "" : JsonSerializer.Serialize(body));
        var ids = new[] { w.Channel, w.VoiceChannel, w.MemberMessage, w.VictimMessage }.Select(id => id.ToString())
            .Concat(w.Extra.Where(e => ChannelThings.Contains(e.Key)).Select(e => e.Value));
        return ids.Any(id => text.Contains(id, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, BothProviders]
    public async Task Private_channels_admit_their_members_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var cast = await Cast.CreateAsync(app);
        var failures = new List<string>();
        var checkedRules = 0;
        foreach (var rule in PermissionMatrix.Endpoints)
        {
            var touched = false;
            foreach (var (name, user, inChannel) in Callers)
            {
                var world = await PermissionWorld.CreateAsync(app, cast, privateChannels: true);
                var caller = user(cast);
                if (rule.Arrange is not null)
                {
                    await rule.Arrange(app, world, caller);
                }
                var body = rule.Body?.Invoke(world);
                if (!TouchesChannels(world, rule.Path(world), body))
                {
                    break;
                }
                touched = true;
                using var response = rule.Send is not null
                    ? await rule.Send(app, world, caller)
                    : await app.SendAsync(rule.Method, rule.Path(world), caller.Token, body);
                var status = (int)response.StatusCode;
                var allowed = rule.Allowed.Contains(inChannel ? Who.Member : Who.Outsider);
                var denied = inChannel ? rule.Denied : [HttpStatusCode.NotFound];
                var ok = allowed
                    ? (rule.AnyAnswerButForbidden ? status is not (401 or 403 or 404) : status is >= 200 and < 300)
                    : denied.Contains(response.StatusCode);
                if (!ok)
                {
                    var text = await response.Content.ReadAsStringAsync();
                    failures.Add($"{rule.Endpoint} as {name}: {status} {text[..Math.Min(200, text.Length)]} (expected {(allowed ? "success" : string.Join(" or ", denied.Select(d => (int)d)))})");
                }
            }
            checkedRules += touched ? 1 : 0;
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Most of the matrix is about channels; a classification gone wrong must not pass by checking nothing.
        Assert.True(checkedRules >= 40, $"only {checkedRules} endpoints touched the private channels");
    }

    [Theory, BothProviders]
    public async Task Private_channels_admit_their_members_only_on_the_hub(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var cast = await Cast.CreateAsync(app);
        var failures = new List<string>();
        var hubs = new List<HubClient>();
        try
        {
            var clients = new Dictionary<string, HubClient>();
            foreach (var (name, user, _) in Callers)
            {
                clients[name] = await HubClient.ConnectAsync(app, user(cast).Token);
                hubs.Add(clients[name]);
            }
            var ownerHub = await HubClient.ConnectAsync(app, cast.Owner.Token);
            hubs.Add(ownerHub);
            var checkedMethods = 0;
            foreach (var rule in PermissionMatrix.HubMethods)
            {
                var probe = await PermissionWorld.CreateAsync(app, cast, privateChannels: true);
                if (!TouchesChannels(probe, "", rule.Arguments(probe)))
                {
                    continue;
                }
                checkedMethods++;
                foreach (var (name, _, inChannel) in Callers)
                {
                    var world = await PermissionWorld.CreateAsync(app, cast, privateChannels: true);
                    var allowed = rule.Allowed.Contains(inChannel ? Who.Member : Who.Outsider);
                    if (rule.Prepare is not null)
                    {
                        await rule.Prepare(ownerHub, clients[name], world);
                    }
                    try
                    {
                        await clients[name].Connection.InvokeCoreAsync(rule.Method, typeof(object), rule.Arguments(world));
                        if (!allowed)
                        {
                            failures.Add($"{rule.Method} as {name}: completed, expected a refusal");
                        }
                    }
                    catch (HubException refused)
                    {
                        if (allowed)
                        {
                            failures.Add($"{rule.Method} as {name}: refused ({refused.Message}), expected success");
                        }
                        else if (!inChannel && Revealing.FirstOrDefault(code => refused.Message.Contains(code + ":", StringComparison.Ordinal)) is { } code)
                        {
                            failures.Add($"{rule.Method} as {name}: refused with {code}, which tells the channel exists");
                        }
                    }
                }
            }
            Assert.True(checkedMethods >= 6, $"only {checkedMethods} hub methods touched the private channels");
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
