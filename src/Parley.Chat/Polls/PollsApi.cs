using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Jobs;
using Parley.Core.Security;

namespace Parley.Chat.Polls;

/// <summary>
/// Polls in a channel: whoever may post creates one, whoever reads sees it, channel members vote
/// (a vote replaces the caller's earlier one), the creator or channel staff close it. An expired poll
/// counts as closed at once; <see cref="PollExpiryJob"/> records it and tells the channel.
/// </summary>
internal static class PollsApi
{
    public static void MapPolls(this IEndpointRouteBuilder endpoints)
    {
        var inChannel = endpoints.MapGroup("/api/chat/channels/{channelId:guid}/polls").WithTags("Chat: polls").RequirePermission(Permissions.Account);
        var poll = endpoints.MapGroup("/api/chat/polls/{pollId:guid}").WithTags("Chat: polls").RequirePermission(Permissions.Account);

        inChannel.MapPost("", async Task<Results<Created<PollView>, ProblemHttpResult>> (
            Guid channelId, CreatePollRequest body, HttpContext context, ChatDbContext db, ChatEvents events, JobQueue jobs,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var errors = PollRules.Check(body.Question, body.Options, body.ExpiresAt?.ToUniversalTime(), now);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Write, now, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            var created = new Poll
            {
                ChannelId = channelId,
                CreatedBy = userId,
                Question = body.Question!.Trim(),
                Options = JsonSerializer.Serialize(body.Options!.Select(o => o.Trim()).ToList()),
                MultiSelect = body.MultiSelect ?? false,
                Anonymous = body.Anonymous ?? false,
                ExpiresAt = body.ExpiresAt?.ToUniversalTime(),
                CreatedAt = now,
            };
            db.Polls.Add(created);
            if (created.ExpiresAt is { } expiresAt)
            {
                jobs.Enqueue(db, PollExpiryJob.JobKind, new PollExpiryJob.Payload(created.Id), expiresAt);
            }
            await db.SaveChangesAsync(cancellationToken);
            await events.ToChannelAsync(channelId, ChatEventNames.PollCreated, PollView.From(created, [], null, now), cancellationToken);
            return TypedResults.Created($"/api/chat/polls/{created.Id}", PollView.From(created, [], userId, now));
        });

        inChannel.MapGet("", async Task<Results<Ok<List<PollView>>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, now, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            var polls = await db.Polls.AsNoTracking().Where(p => p.ChannelId == channelId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
            var ids = polls.Select(p => p.Id).ToList();
            var votes = await db.PollVotes.AsNoTracking().Where(v => ids.Contains(v.PollId)).ToListAsync(cancellationToken);
            var byPoll = votes.ToLookup(v => v.PollId);
            return TypedResults.Ok(polls.Select(p => PollView.From(p, byPoll[p.Id].ToList(), userId, now)).ToList());
        });

        poll.MapGet("", async Task<Results<Ok<PollView>, ProblemHttpResult>> (
            Guid pollId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (found, _, problem) = await ResolveAsync(db, pollId, userId, now, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            var votes = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).ToListAsync(cancellationToken);
            return TypedResults.Ok(PollView.From(found, votes, userId, now));
        });

        poll.MapPut("/vote", async Task<Results<Ok<PollView>, ProblemHttpResult>> (
            Guid pollId, VoteRequest body, HttpContext context, ChatDbContext db, ChatEvents events, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (found, access, problem) = await ResolveAsync(db, pollId, userId, now, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            if (!access!.IsMember)
            {
                return ApiProblem.Forbidden("not_a_channel_member", "Join the channel to vote.");
            }
            if (!PollRules.IsOpen(found, now))
            {
                return ApiProblem.Conflict("poll_closed", "The poll is closed.");
            }
            var indexes = body.OptionIndexes ?? [];
            if (!PollRules.IsValidVote(PollView.ReadOptions(found).Count, found.MultiSelect, indexes))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]>
                {
                    ["option_indexes"] = [found.MultiSelect ? "One or more distinct indexes of existing options." : "Exactly one index of an existing option."],
                });
            }
            // Replace the caller's vote in one transaction: readers see the old vote or the new one, never a mix.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await db.PollVotes.Where(v => v.PollId == pollId && v.UserId == userId).ExecuteDeleteAsync(cancellationToken);
                db.PollVotes.AddRange(indexes.Select(i => new PollVote { PollId = pollId, UserId = userId, OptionIndex = i, CreatedAt = now }));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            var votes = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).ToListAsync(cancellationToken);
            await events.ToChannelAsync(found.ChannelId, ChatEventNames.PollUpdated, PollView.From(found, votes, null, now), cancellationToken);
            return TypedResults.Ok(PollView.From(found, votes, userId, now));
        });

        poll.MapPost("/close", async Task<Results<Ok<PollView>, ProblemHttpResult>> (
            Guid pollId, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (found, access, problem) = await ResolveAsync(db, pollId, userId, now, cancellationToken);
            if (found is null)
            {
                return problem!;
            }
            var byModerator = found.CreatedBy != userId;
            if (byModerator && !access!.IsChannelStaff)
            {
                return ApiProblem.Forbidden("not_poll_creator", "Only the poll's creator or channel staff close it.");
            }
            var votes = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).ToListAsync(cancellationToken);
            if (!found.Closed)
            {
                found.Closed = true;
                await db.SaveChangesAsync(cancellationToken);
                if (byModerator)
                {
                    await audit.RecordAsync("chat.poll.closed", new { poll_id = found.Id, channel_id = found.ChannelId }, cancellationToken: cancellationToken);
                }
                await events.ToChannelAsync(found.ChannelId, ChatEventNames.PollClosed, PollView.From(found, votes, null, now), cancellationToken);
            }
            return TypedResults.Ok(PollView.From(found, votes, userId, now));
        });
    }

    /// <summary>The poll (tracked) and the caller's read access to its channel, or why not.</summary>
    private static async Task<(Poll? Poll, ChannelAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ChatDbContext db, Guid pollId, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var found = await db.Polls.FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
        if (found is null)
        {
            return (null, null, ApiProblem.NotFound("poll_not_found", "No such poll."));
        }
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, found.ChannelId, userId, ChannelNeed.Read, now, cancellationToken);
        return access is null ? (null, null, refusal!.ToProblem()) : (found, access, null);
    }
}
