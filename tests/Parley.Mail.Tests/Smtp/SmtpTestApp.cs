using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Blobs;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Smtp;
using Parley.Mail.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Smtp;

/// <summary>
/// The whole Parley application with its SMTP server on a free port, and a domain <see cref="Domain"/>
/// with the inbox <c>hello@example.test</c>, created straight in the Mail database.
/// </summary>
internal sealed class SmtpTestApp : IAsyncDisposable
{
    public const string Domain = "example.test";
    public const string InboxAddress = "hello@" + Domain;

    private SmtpTestApp(TestApp app) => App = app;

    public TestApp App { get; }
    public Guid DomainId { get; private set; }
    public Guid InboxId { get; private set; }
    public int Port => App.Services.GetRequiredService<SmtpListener>().Endpoint!.Port;
    public string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<SmtpTestApp> StartAsync(string provider, IDictionary<string, string?>? settings = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? customize = null)
    {
        var all = new Dictionary<string, string?> { ["Mail:Hostname"] = "mx.parley.test" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = new SmtpTestApp(await TestApp.StartAsync(provider, all, customize));
        app.DomainId = await app.AddDomainAsync(Domain);
        app.InboxId = await app.AddInboxAsync("hello");
        return app;
    }

    public async Task<Guid> AddDomainAsync(string name, bool deleted = false)
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var domain = new MailDomain { Name = name, CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch, DeletedAt = deleted ? DateTime.UnixEpoch : null };
        db.Domains.Add(domain);
        await db.SaveChangesAsync();
        return domain.Id;
    }

    public async Task<Guid> AddInboxAsync(string localPart, bool catchAll = false, Guid? domainId = null)
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var inbox = new Inbox { DomainId = domainId ?? DomainId, LocalPart = localPart, Name = localPart, IsCatchall = catchAll, CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        return inbox.Id;
    }

    public async Task<List<MailMessage>> MessagesAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailDbContext>().Messages.AsNoTracking().ToListAsync();
    }

    public async Task<List<MailAttachment>> AttachmentsAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailDbContext>().Attachments.AsNoTracking().OrderBy(a => a.Filename).ToListAsync();
    }

    public async Task<List<MessageInbox>> InboxLinksAsync()
    {
        await using var scope = App.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailDbContext>().MessageInboxes.AsNoTracking().ToListAsync();
    }

    /// <summary>The message's metadata JSON (PostgreSQL's jsonb reorders keys, so tests read it as JSON).</summary>
    public static System.Text.Json.JsonElement Metadata(MailMessage message) => System.Text.Json.JsonDocument.Parse(message.Metadata).RootElement;

    public async Task WithDbAsync(Func<MailDbContext, Task> action)
    {
        await using var scope = App.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<MailDbContext>());
    }

    /// <summary>The stored raw MIME of <paramref name="message"/>, as text.</summary>
    public async Task<string> RawAsync(MailMessage message)
    {
        var blobs = App.Services.GetRequiredService<IBlobStore>();
        await using var stream = await blobs.OpenReadAsync(message.RawStorageKey) ?? throw new InvalidOperationException("raw blob missing");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>How many blobs the filesystem store holds (its <c>tmp</c> spool excluded).</summary>
    public int BlobCount()
    {
        var root = Path.Combine(App.Database.DataDirectory, "blobs");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count(f => !Path.GetRelativePath(root, f).StartsWith("tmp", StringComparison.Ordinal))
            : 0;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
