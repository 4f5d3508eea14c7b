using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages;

/// <summary>
/// <c>PUT</c> / <c>DELETE /api/mail/messages/{messageId}/labels/{label}</c>: put a label on a message or take it off
/// (both idempotent; the answer is the message's labels). Organizing mail needs <c>threads:delete</c>, the scope that
/// already lets a caller change what a conversation is; a JWT bound to inboxes labels only their messages.
/// </summary>
internal static class MessageLabelsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var labels = endpoints.MapGroup("/api/mail/messages/{messageId}/labels").WithTags("Mail");
        labels.MapPut("/{label}", AddAsync).RequirePermission(Permissions.MailThreadsDelete);
        labels.MapDelete("/{label}", RemoveAsync).RequirePermission(Permissions.MailThreadsDelete);
    }

    private static Task<Results<Ok<MessageLabelsView>, ProblemHttpResult>> AddAsync(
        string messageId, string label, ClaimsPrincipal user, MailDbContext db, MessageLabels labels, CancellationToken cancellationToken) =>
        ChangeAsync(messageId, label, add: true, user, db, labels, cancellationToken);

    private static Task<Results<Ok<MessageLabelsView>, ProblemHttpResult>> RemoveAsync(
        string messageId, string label, ClaimsPrincipal user, MailDbContext db, MessageLabels labels, CancellationToken cancellationToken) =>
        ChangeAsync(messageId, label, add: false, user, db, labels, cancellationToken);

    private static async Task<Results<Ok<MessageLabelsView>, ProblemHttpResult>> ChangeAsync(
        string messageId, string label, bool add, ClaimsPrincipal user, MailDbContext db, MessageLabels labels, CancellationToken cancellationToken)
    {
        var message = await MessagesApi.FindAsync(db, user, messageId, cancellationToken);
        if (message is null)
        {
            return ApiProblem.NotFound("message_not_found", "No message has this Message-ID.");
        }
        var change = add
            ? await labels.AddAsync(message.MessageId, label, cancellationToken)
            : await labels.RemoveAsync(message.MessageId, label, cancellationToken);
        return change switch
        {
            LabelChange.InvalidLabel => ApiProblem.BadRequest("label_invalid", $"A label is 1–{MessageLabels.MaxLength} characters without control characters."),
            LabelChange.MessageNotFound => ApiProblem.NotFound("message_not_found", "No message has this Message-ID."),
            _ => TypedResults.Ok(new MessageLabelsView(message.MessageId, await labels.OfAsync(message.MessageId, cancellationToken))),
        };
    }
}

internal sealed record MessageLabelsView(string MessageId, IReadOnlyList<string> Labels);
