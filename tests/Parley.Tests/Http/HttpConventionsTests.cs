using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Tests.Http;

public sealed class HttpConventionsTests
{
    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_with_a_code()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);

        var response = await app.Client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await ProblemOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_refused_with_413_before_it_is_read()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = "2048" });

        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await app.Client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await ProblemOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Health_metrics_and_the_openapi_document_are_served()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);

        var health = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Make one request so the HTTP server metrics have something to show.
        var metrics = await app.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("service_name=\"parley\"", metrics, StringComparison.Ordinal);

        var openApi = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        Assert.StartsWith("3.", openApi.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_per_ip_budget_get_429_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Http:AuthRequestsPerMinute"] = "3" });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await app.Client.PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "wrong-password-123" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("rate_limited", (await ProblemOf(last!)).GetProperty("code").GetString());
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the client when to come back");
    }

    [Fact]
    public async Task Api_requests_beyond_the_per_caller_budget_get_429()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Http:RequestsPerMinute"] = "5" });
        var token = (await app.SignInAsync()).AccessToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await app.SendAsync(HttpMethod.Get, "/api/account", token);
            statuses.Add(response.StatusCode);
        }

        // The sign-in counted against the anonymous (per-IP) budget; these six against the user's own.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_api_reference_is_browsable_without_leaving_the_server()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);

        var page = await app.Client.GetStringAsync(new Uri("/api-docs/", UriKind.Relative));

        Assert.Contains("scalar.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", page, StringComparison.Ordinal);
        var script = await app.Client.GetAsync(new Uri("/api-docs/scalar.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
