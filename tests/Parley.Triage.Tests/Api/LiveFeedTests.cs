using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Actions;
using Parley.Triage.Api;
using Parley.Triage.Audit;

namespace Parley.Triage.Tests.Api;

/// <summary>
/// The live feed over SignalR. On the real clock, not Triage's test clock: SignalR closes a connection whose
/// authentication has expired by the wall clock (CloseOnAuthenticationExpiration), and a session issued on a test clock
/// fixed in the past would expire, by that clock, while the test runs.
/// </summary>
public sealed class LiveFeedTests
{
    [Theory, BothProviders]
    public async Task A_recorded_decision_reaches_a_signed_in_dashboard_and_a_plain_user_cannot_connect(string provider)
    {
        var app = await TestApp.StartAsync(provider);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        await using var feed = await HubClient.ConnectAsync(app, token, path: TriageFeedHub.Path, events: TriageFeedHub.EventName);

        var entry = await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision(
            "<live@x>", "work", [new TriageAction(TriageActionKind.Move, Folder: "Work")], "secret subject", "openai", "m", 0.9, "work mail", DryRun: true)));

        var pushed = await feed.NextAsync(TriageFeedHub.EventName);
        Assert.True(pushed.GetProperty("dry_run").GetBoolean());
        var decision = pushed.GetProperty("decision");
        Assert.Equal((entry.Id, "<live@x>", "work", "move"),
            (decision.GetProperty("id").GetInt64(), decision.Str("message_id"), decision.Str("account"), decision.GetProperty("actions")[0].Str("type")));
        // audit_subjects is off: the feed shows what the audit row holds.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, decision.GetProperty("subject").ValueKind);

        var admin = await app.SignInAsync();
        await app.CreateUserAsync(admin.AccessToken, "plain", "plain-user-password-1");
        var plain = await app.SignInAsync("plain", "plain-user-password-1");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(app, plain.AccessToken, path: TriageFeedHub.Path));
        Assert.Contains("403", refused.ToString(), StringComparison.Ordinal);
    
    }

    [Theory, BothProviders]
    public async Task Signing_out_closes_the_sessions_open_feed_and_leaves_another_sessions_open(string provider)
    {
        var app = await TestApp.StartAsync(provider);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        var other = await app.DashboardTokenAsync();
        await using var feed = await HubClient.ConnectAsync(app, token, path: TriageFeedHub.Path, events: TriageFeedHub.EventName);
        await using var stays = await HubClient.ConnectAsync(app, other, path: TriageFeedHub.Path, events: TriageFeedHub.EventName);

        using (var signOut = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-out", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        await Eventually.Until(() => feed.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Disconnected,
            TimeSpan.FromSeconds(10), "the signed-out session's feed is closed");
        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<after@x>", "work", [new TriageAction(TriageActionKind.None)])));
        Assert.Equal("<after@x>", (await stays.NextAsync(TriageFeedHub.EventName)).GetProperty("decision").Str("message_id"));
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, stays.Connection.State);
    }

    [Theory, BothProviders]
    public async Task A_browser_style_connection_with_the_token_in_the_query_string_is_admitted(string provider)
    {
        var app = await TestApp.StartAsync(provider);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        var server = app.Server;
        // As a browser: no Authorization header on the WebSocket, the token in the URL as SignalR's JS client puts it
        // (with a custom WebSocketFactory the .NET client leaves that to the factory).
        await using var feed = await HubClient.ConnectAsync(new Uri(server.BaseAddress, TriageFeedHub.Path), token, HubProtocol.Json, options =>
        {
            options.HttpMessageHandlerFactory = _ => server.CreateHandler();
            options.SkipNegotiation = true;
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            options.WebSocketFactory = (context, cancellationToken) =>
            {
                var separator = string.IsNullOrEmpty(context.Uri.Query) ? "?" : "&";
                var uri = new Uri(context.Uri + separator + "access_token=" + Uri.EscapeDataString(token));
                return new ValueTask<System.Net.WebSockets.WebSocket>(server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken));
            };
        }, TriageFeedHub.EventName);

        await app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(new TriageDecision("<q@x>", "work", [new TriageAction(TriageActionKind.None)])));
        Assert.Equal("<q@x>", (await feed.NextAsync(TriageFeedHub.EventName)).GetProperty("decision").Str("message_id"));
    }
}
