using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Security;
using Parley.Modmail.ApiKeys;
using Parley.Modmail.Blocks;
using Parley.Modmail.Closing;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Reminders;
using Parley.Modmail.Snippets;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Panel;

/// <summary>
/// A desk arranged directly in Modmail's database (its staff community made through Chat's API) with one of each thing the
/// panel lists: an open ticket with a transcript, a category, a snippet, a block, a reminder, a scheduled close, a grant,
/// an API key. Fresh per call where a call deletes, so one caller's call cannot change what the next meets.
/// </summary>
internal sealed record PanelWorld(
    string Tag, Guid Desk, Guid Ticket, Guid Category, string Snippet, string Blocked, long Grant, long ApiKey, string ApiKeySecret)
{
    public static async Task<PanelWorld> CreateAsync(TestApp app, Guid staffCommunity, Guid? memberCommunity = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        var desk = new SupportDesk { CommunityId = memberCommunity, StaffCommunityId = staffCommunity, BotUserId = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now };
        var category = new TicketCategory { DeskId = desk.Id, Name = "Billing " + tag, CreatedAt = now };
        var ticket = new Ticket
        {
            DeskId = desk.Id, UserId = "member-" + tag + "@example.test", UserName = "Member " + tag, Transport = TransportNames.Email,
            CreatedAt = now.AddMinutes(-30), UpdatedAt = now, AwaitingStaff = true,
        };
        db.Desks.Add(desk);
        db.Categories.Add(category);
        db.SupportInboxes.Add(new SupportInbox { InboxId = Guid.CreateVersion7(), DeskId = desk.Id, CreatedAt = now });
        db.Tickets.Add(ticket);
        db.TicketMessages.Add(new TicketMessage
        {
            ThreadId = ticket.Id, UserId = ticket.UserId, UserName = ticket.UserName, Content = "Hello, I need help", Kind = TicketMessageKinds.Member, CreatedAt = now.AddMinutes(-30),
        });
        db.Snippets.Add(new Snippet { Key = "s-" + tag, Content = "Snippet " + tag, CreatedBy = "test", CreatedAt = now, UpdatedAt = now });
        db.BlockedUsers.Add(new BlockedUser { UserId = "blocked-" + tag + "@example.test", UserName = "Blocked", BlockedBy = "test", BlockedAt = now });
        db.Reminders.Add(new Reminder { ThreadId = ticket.Id, UserId = "test", ChannelId = "c", GuildId = "g", ReminderContent = "later", TriggerTime = 4_000_000_000, CreatedAt = 1 });
        db.ScheduledClosures.Add(new ScheduledClosure { ThreadId = ticket.Id, ScheduledTime = 4_000_000_000, CreatedBy = "test" });
        var grant = new PanelPermission { SubjectType = "role", SubjectId = "owner", Permission = "custom-" + tag, GrantedBy = "test", GrantedAt = 1 };
        db.PanelPermissions.Add(grant);
        var secret = ModmailApiKeys.NewSecret();
        var key = new ModmailApiKey { KeyHash = SecretHashing.Sha256Hex(secret), Name = "world", Permissions = "[\"tickets.create\"]", CreatedAt = 1, DeskId = desk.Id };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return new PanelWorld(tag, desk.Id, ticket.Id, category.Id, "s-" + tag, "blocked-" + tag + "@example.test", grant.Id, key.Id, secret);
    }
}

/// <summary>Calls with Modmail's <c>X-API-Key</c>.</summary>
internal static class ExternalCalls
{
    public static async Task<HttpResponseMessage> CreateTicketAsync(this TestApp app, string? apiKey, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ExternalApi.Path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add(ModmailApiKeyAuthenticationHandler.HeaderName, apiKey);
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return await app.Client.SendAsync(request);
    }
}

/// <summary>
/// Records errors the server logs, so a test can tell that a request reached an engine seam that is still a stub
/// (<see cref="NotImplementedException"/> "ENGINE") in this branch.
/// </summary>
internal sealed class LoggedErrors : ILoggerProvider
{
    public ConcurrentQueue<Exception> Exceptions { get; } = new();

    public bool SawEngineStub(string method) =>
        Exceptions.Any(e => e is NotImplementedException { Message: "ENGINE" } && (e.StackTrace ?? "").Contains(method, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LoggedErrors owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                owner.Exceptions.Enqueue(exception);
            }
        }
    }
}
