using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;

namespace Parley.Chat.IncomingWebhooks;

/// <summary>
/// An incoming webhook that posts into a channel (<c>webhooks</c>); named apart from Core's
/// outgoing webhooks, which are a different thing.
/// </summary>
internal sealed class ChatWebhook
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ChannelId { get; set; }
    public required string Name { get; set; }
    public required string Token { get; set; }
    public Guid CreatedBy { get; set; }
    public string? AvatarUrl { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var webhook = modelBuilder.Entity<ChatWebhook>();
        webhook.ToTable("webhooks");
        webhook.HasKey(w => w.Id);
        webhook.Property(w => w.Name).HasMaxLength(64);
        webhook.Property(w => w.Token).HasMaxLength(128);
        webhook.HasIndex(w => w.Token).IsUnique();
        webhook.HasOne<Channel>().WithMany().HasForeignKey(w => w.ChannelId).OnDelete(DeleteBehavior.Cascade);
        webhook.HasIndex(w => w.ChannelId);
    }
}
