using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Channels;
using Parley.Chat.Groups;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.PrivateChannels;

/// <summary>
/// Arranges private channels as the server makes them (the API offers no way to): written through
/// <see cref="ChatDbContext"/>, members added and removed the way a server-side service does — the row, then
/// <see cref="ChatConnections.GrantChannelAsync"/> / <see cref="ChatConnections.RevokeChannelAsync"/>.
/// </summary>
internal static class PrivateChannelRows
{
    /// <summary>Turns an existing channel private; its members stay its members.</summary>
    public static async Task MakePrivateAsync(this TestApp app, Guid channelId)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsPrivate, true));
    }

    public static async Task AddPrivateMemberAsync(this TestApp app, Guid channelId, Guid userId)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.ChannelMembers.Add(new ChannelMember { ChannelId = channelId, UserId = userId, Role = GroupRoles.Member, JoinedAt = now });
        await db.SaveChangesAsync();
        await app.Services.GetRequiredService<ChatConnections>().GrantChannelAsync(userId, channelId);
    }

    public static async Task RemovePrivateMemberAsync(this TestApp app, Guid channelId, Guid userId)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        await db.ChannelMembers.Where(m => m.ChannelId == channelId && m.UserId == userId).ExecuteDeleteAsync();
        await app.Services.GetRequiredService<ChatConnections>().RevokeChannelAsync(userId, channelId);
    }
}
