using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Preferences;

/// <summary>A user's client settings (<c>user_preferences</c>): one JSON object the server stores without interpreting.</summary>
internal sealed class UserPreferences
{
    public Guid UserId { get; set; }
    public string Preferences { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var preferences = modelBuilder.Entity<UserPreferences>();
        preferences.ToTable("user_preferences");
        preferences.HasKey(p => p.UserId);
        preferences.Property(p => p.UserId).ValueGeneratedNever();
        preferences.Property(p => p.Preferences).HasDefaultValue("{}");
    }
}
