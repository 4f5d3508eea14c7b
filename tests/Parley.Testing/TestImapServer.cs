using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A real IMAP server for a test class or a test: Debian's Dovecot started by <c>scripts/dovecot.sh</c> on free
/// loopback ports (IMAP with STARTTLS on <see cref="Port"/>, IMAPS on <see cref="TlsPort"/>, a self-signed certificate
/// whose SHA-256 is <see cref="CertificateSha256"/>), with special-use Trash, Junk, Archive and Sent. Users are added
/// with <see cref="AddUserAsync"/>; the MailKit helpers arrange and assert (append, folders, flags and keywords).
/// <paramref name="capabilities"/> replaces what Dovecot advertises after login (e.g. without IDLE or MOVE).
/// scripts/test.sh installs <c>dovecot-imapd</c>.
/// </summary>
public sealed class TestImapServer : IAsyncDisposable
{
    private readonly string _script;
    private readonly string? _capabilities;
    private readonly string? _oauth2IntrospectionUrl;

    private TestImapServer(string script, string directory, int port, int tlsPort, string? capabilities, string? oauth2IntrospectionUrl = null)
    {
        _oauth2IntrospectionUrl = oauth2IntrospectionUrl;
        _script = script;
        Directory = directory;
        Port = port;
        TlsPort = tlsPort;
        _capabilities = capabilities;
    }

    public string Directory { get; }
    public int Port { get; }
    public int TlsPort { get; }
    public string CertificateSha256 => File.ReadAllText(Path.Combine(Directory, "cert.sha256")).Trim();

    /// <param name="oauth2IntrospectionUrl">When set, XOAUTH2 is offered: a token is valid when this URL says so (see scripts/dovecot.sh).</param>
    public static async Task<TestImapServer> StartAsync(string? capabilities = null, string? oauth2IntrospectionUrl = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
        var server = new TestImapServer(Script(), directory, FreePort(), FreePort(), capabilities, oauth2IntrospectionUrl);
        await server.RunScriptAsync("start", directory, server.Port.ToString(), server.TlsPort.ToString());
        return server;
    }

    /// <summary>Stops Dovecot (every connection drops) and starts it again on the same ports with the same mail.</summary>
    public async Task RestartAsync()
    {
        await KillAsync(sessionsToo: false);
        await StartAgainAsync();
    }

    /// <summary>
    /// An outage: stops Dovecot with the processes serving open sessions (they outlive their master otherwise), so every
    /// connection drops and reconnects are refused until <see cref="StartAgainAsync"/> — where <see cref="RestartAsync"/>
    /// is a blip.
    /// </summary>
    public Task StopAsync() => KillAsync(sessionsToo: true);

    /// <summary>Starts the stopped server again on the same ports with the same mail (and the same capabilities).</summary>
    public Task StartAgainAsync() => RunScriptAsync("start", Directory, Port.ToString(), TlsPort.ToString());

    public Task AddUserAsync(string name, string password) => RunScriptAsync("user", Directory, name, password);

    /// <summary>A logged-in MailKit client over STARTTLS (the certificate is the server's own: accepted).</summary>
    public async Task<ImapClient> ConnectAsync(string user, string password)
    {
        var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(user, password);
        return client;
    }

    /// <summary>Appends a message and returns its UID (Dovecot has UIDPLUS).</summary>
    public async Task<uint> AppendAsync(string user, string password, string folder, MimeMessage message, MessageFlags flags = MessageFlags.None)
    {
        using var client = await ConnectAsync(user, password);
        var target = await client.GetFolderAsync(folder);
        var uid = await target.AppendAsync(message, flags) ?? throw new InvalidOperationException("no APPENDUID");
        await client.DisconnectAsync(true);
        return uid.Id;
    }

    public static MimeMessage Message(string subject, string body = "Hello", string from = "sender@example.com", string to = "alice@example.com")
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.com");
        return message;
    }

    public async Task<IReadOnlyList<string>> FoldersAsync(string user, string password)
    {
        using var client = await ConnectAsync(user, password);
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        return folders.Select(f => f.FullName).ToList();
    }

    /// <summary>Every message of a folder: UID, subject, flags and keywords (read-only: nothing changes).</summary>
    public async Task<IReadOnlyList<StoredImapMessage>> MessagesAsync(string user, string password, string folder)
    {
        using var client = await ConnectAsync(user, password);
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        if (target.Count == 0)
        {
            return [];
        }
        var summaries = await target.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope);
        return summaries.Select(s => new StoredImapMessage(s.UniqueId.Id, s.Envelope?.Subject, s.Flags ?? MessageFlags.None, s.Keywords?.ToList() ?? [])).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync("stop", Directory);
    }

    private async Task KillAsync(bool sessionsToo)
    {
        var pidFile = Path.Combine(Directory, "run", "master.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }
        using var master = Process.GetProcessById(int.Parse((await File.ReadAllTextAsync(pidFile)).Trim()));
        var sessions = sessionsToo ? ChildrenOf(master.Id) : [];
        master.Kill();
        await master.WaitForExitAsync();
        foreach (var child in sessions)
        {
            try
            {
                using var process = Process.GetProcessById(child);
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Gone with the master already.
            }
        }
        // The listening sockets close with the master; wait until the port is free again.
        await Eventually.Until(() => !Listening(Port), TimeSpan.FromSeconds(10), "Dovecot's port to close");
    }

    /// <summary>The ids of the processes whose parent is <paramref name="parent"/> (from /proc).</summary>
    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in System.IO.Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }
        return children;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(_script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (_capabilities is not null)
        {
            start.Environment["DOVECOT_IMAP_CAPABILITY"] = _capabilities;
        }
        if (_oauth2IntrospectionUrl is not null)
        {
            start.Environment["DOVECOT_OAUTH2_INTROSPECTION_URL"] = _oauth2IntrospectionUrl;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/dovecot.sh {arguments[0]} failed: {await error}");
        }
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return Path.Combine(dir.FullName, "scripts", "dovecot.sh");
            }
        }
        throw new DirectoryNotFoundException($"No Parley.slnx above {AppContext.BaseDirectory}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A message as <see cref="TestImapServer.MessagesAsync"/> reads it.</summary>
public sealed record StoredImapMessage(uint Uid, string? Subject, MessageFlags Flags, IReadOnlyList<string> Keywords);
