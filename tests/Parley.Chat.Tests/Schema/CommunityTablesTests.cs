using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.Emojis;
using Parley.Tests.Infrastructure;
using static Parley.Chat.Tests.Schema.ChatRows;

namespace Parley.Chat.Tests.Schema;

public sealed class CommunityTablesTests
{
    private static Community NewCommunity() => new()
    {
        Name = "Rustaceans",
        Description = "A place",
        IconUrl = "https://example.test/icon.png",
        BannerUrl = "https://example.test/banner.png",
        AccentColor = "#ff8800",
        OwnerId = Guid.CreateVersion7(),
        Discoverable = true,
        CommunityTheme = """{"primary":"#112233"}""",
        WelcomeMessage = "Hello",
        WhoCanCreateGroups = CommunityRoles.Moderator,
        WhoCanCreateInvites = CommunityRoles.Member,
        WarnEscalation = """{"3":"timeout"}""",
        CreatedAt = At,
        UpdatedAt = At.AddMinutes(1),
    };

    [Theory, BothProviders]
    public async Task Every_community_column_reads_back_as_written(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var community = NewCommunity();
        var member = new CommunityMember { CommunityId = community.Id, UserId = Guid.CreateVersion7(), Role = CommunityRoles.Admin, Nickname = "Ferris", JoinedAt = At };
        var invite = new CommunityInvite { CommunityId = community.Id, Code = "abcDEF123", CreatedBy = member.UserId, MaxUses = 5, UsedCount = 2, ExpiresAt = At.AddDays(1), CreatedAt = At };
        var ban = new CommunityBan { CommunityId = community.Id, UserId = Guid.CreateVersion7(), BannedBy = member.UserId, Reason = "spam", CreatedAt = At };
        var emoji = new CustomEmoji { CommunityId = community.Id, UploadedBy = member.UserId, Shortcode = "crab", FilePath = "emojis/crab.png", ContentType = "image/png", CreatedAt = At };

        await app.SaveAsync(community, member, invite, ban, emoji);

        AssertSameColumns(community, await app.ReadAsync(db => db.Communities.SingleOrDefaultAsync()));
        AssertSameColumns(member, await app.ReadAsync(db => db.CommunityMembers.SingleOrDefaultAsync()));
        AssertSameColumns(invite, await app.ReadAsync(db => db.CommunityInvites.SingleOrDefaultAsync()));
        AssertSameColumns(ban, await app.ReadAsync(db => db.CommunityBans.SingleOrDefaultAsync()));
        AssertSameColumns(emoji, await app.ReadAsync(db => db.CustomEmojis.SingleOrDefaultAsync()));
    }

    [Theory, BothProviders]
    public async Task Unset_roles_default_to_the_seeds_values(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var community = NewCommunity();
        await app.SaveAsync(community);
        // Raw SQL leaves the role column out, so the database's own default is what is tested.
        await app.ExecuteAsync(db =>
        {
            // Only literals this test makes go into the text.
            var sql = "INSERT INTO " + db.TableOf<CommunityMember>() + " (community_id, user_id, joined_at) VALUES ("
                + SqlLiteral(community.Id) + ", " + SqlLiteral(Guid.CreateVersion7()) + ", '2026-03-04 05:06:07')";
            return db.Database.ExecuteSqlRawAsync(sql);
        });

        var member = await app.ReadAsync(db => db.CommunityMembers.SingleAsync());
        Assert.Equal(CommunityRoles.Member, member.Role);
        Assert.Null(member.Nickname);
    }

    [Theory, BothProviders]
    public async Task A_user_is_a_member_once_and_an_invite_code_exists_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var community = NewCommunity();
        var userId = Guid.CreateVersion7();
        await app.SaveAsync(community,
            new CommunityMember { CommunityId = community.Id, UserId = userId, JoinedAt = At },
            new CommunityInvite { CommunityId = community.Id, Code = "same", CreatedBy = userId, CreatedAt = At },
            new CommunityBan { CommunityId = community.Id, UserId = userId, BannedBy = userId, CreatedAt = At },
            new CustomEmoji { CommunityId = community.Id, UploadedBy = userId, Shortcode = "wave", FilePath = "a", ContentType = "image/png", CreatedAt = At });

        await app.SaveFailsAsync(new CommunityMember { CommunityId = community.Id, UserId = userId, JoinedAt = At });
        await app.SaveFailsAsync(new CommunityInvite { CommunityId = community.Id, Code = "same", CreatedBy = userId, CreatedAt = At });
        await app.SaveFailsAsync(new CommunityBan { CommunityId = community.Id, UserId = userId, BannedBy = userId, CreatedAt = At });
        await app.SaveFailsAsync(new CustomEmoji { CommunityId = community.Id, UploadedBy = userId, Shortcode = "wave", FilePath = "b", ContentType = "image/png", CreatedAt = At });

        // The same shortcode in another community is fine.
        var other = NewCommunity();
        await app.SaveAsync(other, new CustomEmoji { CommunityId = other.Id, UploadedBy = userId, Shortcode = "wave", FilePath = "c", ContentType = "image/png", CreatedAt = At });
    }

    [Theory, BothProviders]
    public async Task Rows_need_their_community_and_go_when_it_is_deleted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var userId = Guid.CreateVersion7();
        await app.SaveFailsAsync(new CommunityMember { CommunityId = Guid.CreateVersion7(), UserId = userId, JoinedAt = At });

        var community = NewCommunity();
        await app.SaveAsync(community,
            new CommunityMember { CommunityId = community.Id, UserId = userId, JoinedAt = At },
            new CommunityInvite { CommunityId = community.Id, Code = "gone", CreatedBy = userId, CreatedAt = At },
            new CommunityBan { CommunityId = community.Id, UserId = Guid.CreateVersion7(), BannedBy = userId, CreatedAt = At },
            new CustomEmoji { CommunityId = community.Id, UploadedBy = userId, Shortcode = "x", FilePath = "x", ContentType = "image/png", CreatedAt = At });

        await app.ExecuteAsync(db => db.Communities.Where(c => c.Id == community.Id).ExecuteDeleteAsync());

        Assert.Equal(0, await app.ReadAsync(db => db.CommunityMembers.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.CommunityInvites.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.CommunityBans.CountAsync()));
        Assert.Equal(0, await app.ReadAsync(db => db.CustomEmojis.CountAsync()));
    }
}
