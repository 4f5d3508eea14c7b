using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Voice;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Voice;

public sealed class VoiceStorageTests
{
    private static readonly DateTime Started = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory, BothProviders]
    public async Task A_voice_session_and_its_participants_round_trip_and_go_with_the_session(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.EnsureChannelsAsync();
        var session = new VoiceSession { ChannelId = ChatData.Channel, StartedBy = Guid.CreateVersion7(), StartedAt = Started, EndedAt = Started.AddMinutes(30) };
        var participant = new VoiceSessionParticipant { SessionId = session.Id, UserId = session.StartedBy, JoinedAt = Started, LeftAt = Started.AddMinutes(29) };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.VoiceSessions.Add(session);
            db.VoiceSessionParticipants.Add(participant);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var read = await db.VoiceSessions.SingleAsync(s => s.Id == session.Id);
            Assert.Equal(session.ChannelId, read.ChannelId);
            Assert.Equal(session.StartedBy, read.StartedBy);
            Assert.Equal(Started, read.StartedAt);
            Assert.Equal(session.EndedAt, read.EndedAt);
            var readParticipant = await db.VoiceSessionParticipants.SingleAsync(p => p.SessionId == session.Id);
            Assert.Equal(participant.UserId, readParticipant.UserId);
            Assert.Equal(Started, readParticipant.JoinedAt);
            Assert.Equal(participant.LeftAt, readParticipant.LeftAt);
        }
        await using (var scope = app.CreateScope())
        {
            // (session, user) is the key: the same person cannot be in one session twice.
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.VoiceSessionParticipants.Add(new VoiceSessionParticipant { SessionId = session.Id, UserId = session.StartedBy, JoinedAt = Started });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            db.VoiceSessionParticipants.Add(new VoiceSessionParticipant { SessionId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), JoinedAt = Started });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            await db.VoiceSessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync();
            Assert.False(await db.VoiceSessionParticipants.AnyAsync(p => p.SessionId == session.Id));
        }
    }
}
