using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.Groups;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Security;

/// <summary>Who calls, relative to the community the world is built around.</summary>
public enum Who
{
    Outsider,
    Member,
    Moderator,
    Admin,
}

/// <summary>The people of a permission test: one account each, signed in once per app.</summary>
internal sealed record Cast(ChatUser Owner, ChatUser Admin, ChatUser Moderator, ChatUser Member, ChatUser Outsider, ChatUser Victim, ChatUser Bystander)
{
    public static async Task<Cast> CreateAsync(TestApp app) => new(
        await app.UserAsync("owner"), await app.UserAsync("chat-admin"), await app.UserAsync("moderator"),
        await app.UserAsync("member"), await app.UserAsync("outsider"), await app.UserAsync("victim"), await app.UserAsync("bystander"));

    public ChatUser For(Who who) => who switch
    {
        Who.Outsider => Outsider,
        Who.Member => Member,
        Who.Moderator => Moderator,
        _ => Admin,
    };
}

/// <summary>
/// A fresh community for one call, written straight to the database (fast enough to build one per
/// endpoint and caller, so a call that deletes or kicks cannot change what the next caller meets):
/// the owner, an admin, a moderator, a member and a victim (a plain member the others act on), one
/// group, a text channel all of them joined, a voice channel, and a message by the member and one by the victim.
/// With <c>privateChannels</c> both channels are private and only the owner, the member and the victim are in them;
/// the bystander is a plain community member outside them (in the public world the bystander is in nothing).
/// </summary>
internal sealed record PermissionWorld(Cast Cast, Guid Community, Guid Group, Guid Channel, Guid VoiceChannel, Guid MemberMessage, Guid VictimMessage)
{
    /// <summary>Ids and codes a rule's Arrange step made, by name.</summary>
    public Dictionary<string, string> Extra { get; } = new(StringComparer.Ordinal);

    public Guid Victim => Cast.Victim.Id;

    public static async Task<PermissionWorld> CreateAsync(TestApp app, Cast cast, bool privateChannels = false)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var community = new Community { Name = "World", OwnerId = cast.Owner.Id, CreatedAt = now, UpdatedAt = now };
        var group = new Group { Name = "General", CommunityId = community.Id, OwnerId = cast.Owner.Id, CreatedAt = now, UpdatedAt = now };
        var channel = new Channel { Name = "lobby", GroupId = group.Id, CreatedBy = cast.Owner.Id, CreatedAt = now, UpdatedAt = now, IsPrivate = privateChannels };
        var voice = new Channel
        {
            Name = "voice", ChannelType = ChannelTypes.Voice, GroupId = group.Id, CreatedBy = cast.Owner.Id, CreatedAt = now, UpdatedAt = now, IsPrivate = privateChannels,
        };
        db.Communities.Add(community);
        db.Groups.Add(group);
        db.Channels.AddRange(channel, voice);
        foreach (var (user, role) in new[]
        {
            (cast.Owner, CommunityRoles.Owner), (cast.Admin, CommunityRoles.Admin), (cast.Moderator, CommunityRoles.Moderator),
            (cast.Member, CommunityRoles.Member), (cast.Victim, CommunityRoles.Member),
        })
        {
            db.CommunityMembers.Add(new CommunityMember { CommunityId = community.Id, UserId = user.Id, Role = role, JoinedAt = now });
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = user.Id, Role = role == CommunityRoles.Owner ? GroupRoles.Owner : GroupRoles.Member, JoinedAt = now });
            if (privateChannels && user != cast.Owner && user != cast.Member && user != cast.Victim)
            {
                continue;
            }
            db.ChannelMembers.Add(new ChannelMember { ChannelId = channel.Id, UserId = user.Id, Role = role == CommunityRoles.Owner ? GroupRoles.Owner : GroupRoles.Member, JoinedAt = now });
            db.ChannelMembers.Add(new ChannelMember { ChannelId = voice.Id, UserId = user.Id, Role = GroupRoles.Member, JoinedAt = now });
        }
        if (privateChannels)
        {
            db.CommunityMembers.Add(new CommunityMember { CommunityId = community.Id, UserId = cast.Bystander.Id, Role = CommunityRoles.Member, JoinedAt = now });
        }
        var memberMessage = new Message { ChannelId = channel.Id, SenderId = cast.Member.Id, Plaintext = "by member", CreatedAt = now };
        var victimMessage = new Message { ChannelId = channel.Id, SenderId = cast.Victim.Id, Plaintext = "by victim", CreatedAt = now.AddTicks(10) };
        db.Messages.AddRange(memberMessage, victimMessage);
        await db.SaveChangesAsync();
        return new PermissionWorld(cast, community.Id, group.Id, channel.Id, voice.Id, memberMessage.Id, victimMessage.Id);
    }
}
