using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Api;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>Options read per use follow a settings change without a restart (the live configuration contract).</summary>
public sealed class LiveOptionsTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Theory, BothProviders]
    public async Task Turning_audit_subjects_on_through_the_settings_api_keeps_the_next_decisions_subject(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, s => s["Triage:state:audit_subjects"] = "false");

        await h.AppendAsync("Invoice before");
        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the first decision is audited");

        var token = await h.App.DashboardTokenAsync();
        var settings = (await (await h.App.SendAsync(HttpMethod.Get, "/api/triage/settings", token)).JsonAsync()).GetProperty("settings");
        var node = JsonNode.Parse(settings.GetRawText())!;
        node["state"] ??= new JsonObject();
        node["state"]!["audit_subjects"] = true;
        using (var put = await h.App.SendAsync(HttpMethod.Put, "/api/triage/settings", token, node))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        await h.AppendAsync("Invoice after");
        await Eventually.Until(async () => await h.AuditCountAsync() == 2, Seconds15, "the second decision is audited");
        var subjects = await h.App.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.AccountName == h.User).OrderBy(a => a.Id).Select(a => a.Subject).ToListAsync());
        Assert.Equal([null, "Invoice after"], subjects);
    }
}
