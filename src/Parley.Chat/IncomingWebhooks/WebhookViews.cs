namespace Parley.Chat.IncomingWebhooks;

/// <summary>An incoming webhook; <see cref="Token"/> is set only in the answer to its creation.</summary>
public sealed record WebhookView(Guid Id, Guid ChannelId, string Name, string? AvatarUrl, bool Active, Guid CreatedBy, DateTime CreatedAt, string? Token = null)
{
    internal static WebhookView From(ChatWebhook w, string? token = null) =>
        new(w.Id, w.ChannelId, w.Name, w.AvatarUrl, w.Active, w.CreatedBy, w.CreatedAt, token);
}

/// <summary>A new incoming webhook for a channel.</summary>
public sealed record CreateWebhookRequest(string? Name, string? AvatarUrl);

/// <summary>What an outside system posts to <c>/api/chat/webhooks/{token}</c>; <see cref="Username"/> overrides the shown name.</summary>
public sealed record WebhookPostRequest(string? Content, string? Username);

/// <summary>The <c>webhook.deleted</c> event.</summary>
public sealed record WebhookDeleted(Guid Id, Guid ChannelId);
