using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Configuration;

namespace Parley.Triage.Tests.Api;

public sealed class SettingsApiTests
{
    private const string EnvName = "TRIAGE_API_TEST_LLM_KEY";

    /// <summary>The configuration every test starts from; its LLM key is a <c>${ENV}</c> reference, set here so no test depends on another's.</summary>
    private static Dictionary<string, string?> Configured()
    {
        Environment.SetEnvironmentVariable(EnvName, "sk-live-value");
        return new()
        {
            ["Triage:accounts:0:name"] = "work",
            ["Triage:accounts:0:imap:host"] = "imap.example.com",
            ["Triage:accounts:0:imap:username"] = "me",
            ["Triage:accounts:0:imap:password"] = "imap-secret-password",
            ["Triage:accounts:1:name"] = "home",
            ["Triage:accounts:1:imap:host"] = "imap.home.example",
            ["Triage:accounts:1:imap:username"] = "me2",
            ["Triage:accounts:1:imap:password"] = "home-secret-password",
            ["Triage:llm_providers:0:name"] = "openai",
            ["Triage:llm_providers:0:api_url"] = "https://api.example.com/v1",
            ["Triage:llm_providers:0:api_key"] = "${" + EnvName + "}",
            ["Triage:llm_providers:0:default_model"] = "m",
            ["Triage:dashboard:session_ttl"] = "7d",
        };
    }

    private static TriageOptions Current(TestApp app) => app.Services.GetRequiredService<IOptionsMonitor<TriageOptions>>().CurrentValue;

    private static async Task<HttpResponseMessage> PutYamlAsync(TestApp app, string token, string yaml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/triage/settings/yaml") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.Client.SendAsync(request);
    }

    [Theory, BothProviders]
    public async Task A_valid_change_is_in_force_at_once_survives_a_restart_and_secrets_are_never_returned(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider, Configured());
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        var changes = 0;
        using var subscription = app.Services.GetRequiredService<IOptionsMonitor<TriageOptions>>().OnChange(_ => Interlocked.Increment(ref changes));

        using var get = await app.SendAsync(HttpMethod.Get, "/api/triage/settings", token);
        var text = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-password", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-value", text, StringComparison.Ordinal);
        var json = await get.JsonAsync();
        Assert.Equal("parley.yaml", json.Str("source"));
        Assert.Equal("********", json.GetProperty("settings").GetProperty("accounts")[0].GetProperty("imap").Str("password"));
        Assert.Equal("${" + EnvName + "}", json.GetProperty("settings").GetProperty("llm_providers")[0].Str("api_key"));

        using var yaml = await app.SendAsync(HttpMethod.Get, "/api/triage/settings/yaml", token);
        var yamlText = await yaml.Content.ReadAsStringAsync();
        Assert.StartsWith("triage:", yamlText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", yamlText, StringComparison.Ordinal);

        // Edit the YAML as the page would: drop the first account, keep "home"'s masked password, change a value.
        var edited = yamlText.Replace("imap.home.example", "imap2.home.example", StringComparison.Ordinal);
        using (var put = await PutYamlAsync(app, token, edited.Replace("session_ttl: 7d", "session_ttl: 8d", StringComparison.Ordinal)))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }
        Assert.Equal("imap2.home.example", Current(app).Accounts[1].Imap.Host);
        Assert.Equal("home-secret-password", Current(app).Accounts[1].Imap.Password);
        Assert.Equal("sk-live-value", Current(app).LlmProviders[0].ApiKey);
        Assert.Equal(TimeSpan.FromDays(8), Current(app).Dashboard.SessionTtl.Value);
        Assert.True(changes > 0);

        // JSON form: remove the first account; "home" keeps its password by name, not by position.
        var settings = (await (await app.SendAsync(HttpMethod.Get, "/api/triage/settings", token)).JsonAsync()).GetProperty("settings");
        var node = System.Text.Json.Nodes.JsonNode.Parse(settings.GetRawText())!;
        node["accounts"]!.AsArray().RemoveAt(0);
        using (var put = await app.SendAsync(HttpMethod.Put, "/api/triage/settings", token, node))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            Assert.DoesNotContain("secret-password", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(("home", "home-secret-password"), (Current(app).Accounts.Single().Name, Current(app).Accounts[0].Imap.Password));

        using (var dryRun = await app.SendAsync(HttpMethod.Put, "/api/triage/settings/dry-run", token, new { enabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        }
        Assert.True(Current(app).DryRun);

        await app.RestartAsync();
        Assert.True(Current(app).DryRun);
        Assert.Equal(("home", "imap2.home.example", "home-secret-password"), (Current(app).Accounts.Single().Name, Current(app).Accounts[0].Imap.Host, Current(app).Accounts[0].Imap.Password));
        Assert.Equal("sk-live-value", Current(app).LlmProviders[0].ApiKey);
    }

    [Theory, BothProviders]
    public async Task An_invalid_change_is_refused_with_every_error_by_key_and_changes_nothing(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider, Configured());
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        var before = Current(app);

        using var put = await PutYamlAsync(app, token, """
            triage:
              concurrency_limit: 0
              colour: blue
              accounts:
                - name: new
                  imap: { host: h, username: u, port: 0, password: "********" }
            """);
        Assert.Equal("validation_failed", await put.ProblemCodeAsync());
        var errors = (await put.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Triage:colour", out var unused1), errors.ToString());
        // Binding stops at a key check failure; the validator's own errors are reported once keys are right.
        using var second = await PutYamlAsync(app, token, """
            triage:
              concurrency_limit: 0
              accounts:
                - name: new
                  imap: { host: h, username: u, port: 0, password: "********" }
            """);
        var errors2 = (await second.JsonAsync()).GetProperty("errors");
        Assert.True(errors2.TryGetProperty("Triage:concurrency_limit", out var unused2), errors2.ToString());
        Assert.True(errors2.TryGetProperty("Triage:accounts:0:imap:port", out var unused3), errors2.ToString());
        Assert.True(errors2.TryGetProperty("Triage:accounts:0:imap:password", out var unused4), errors2.ToString());

        using var broken = await PutYamlAsync(app, token, "triage: [unclosed");
        Assert.Equal("validation_failed", await broken.ProblemCodeAsync());

        Assert.Same(before, Current(app));
        using var get = await app.SendAsync(HttpMethod.Get, "/api/triage/settings", token);
        Assert.Equal("parley.yaml", (await get.JsonAsync()).Str("source"));

        using var anonymous = await app.SendAsync(HttpMethod.Get, "/api/triage/settings");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_webhook_secret_is_masked_and_follows_its_webhook_when_an_earlier_one_is_removed(string provider)
    {
        var configured = Configured();
        configured["Triage:accounts:0:webhooks:0:url"] = "https://first.example/hook";
        configured["Triage:accounts:0:webhooks:0:events:0"] = "error";
        configured["Triage:accounts:0:webhooks:0:secret"] = "first-signing-secret";
        configured["Triage:accounts:0:webhooks:1:url"] = "https://second.example/hook";
        configured["Triage:accounts:0:webhooks:1:events:0"] = "dead_letter";
        configured["Triage:accounts:0:webhooks:1:secret"] = "second-signing-secret";
        var (app, _) = await TriageTestApp.StartAsync(provider, configured);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();

        using var get = await app.SendAsync(HttpMethod.Get, "/api/triage/settings", token);
        var text = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain("signing-secret", text, StringComparison.Ordinal);
        using var yaml = await app.SendAsync(HttpMethod.Get, "/api/triage/settings/yaml", token);
        Assert.DoesNotContain("signing-secret", await yaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The settings form removes the first webhook and sends the second's secret back masked.
        var node = System.Text.Json.Nodes.JsonNode.Parse((await get.JsonAsync()).GetProperty("settings").GetRawText())!;
        var hooks = node["accounts"]![0]!["webhooks"]!.AsArray();
        Assert.Equal("********", (string?)hooks[1]!["secret"]);
        hooks.RemoveAt(0);
        using (var put = await app.SendAsync(HttpMethod.Put, "/api/triage/settings", token, node))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }
        var hook = Current(app).Accounts[0].Webhooks.Single();
        Assert.Equal(("https://second.example/hook", "second-signing-secret"), (hook.Url, hook.Secret));
    }
}
