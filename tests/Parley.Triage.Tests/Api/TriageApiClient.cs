using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Dashboard;

namespace Parley.Triage.Tests.Api;

/// <summary>Dashboard users and their sessions, made the way the web app makes them: over HTTP.</summary>
internal static class TriageApiClient
{
    public const string Username = "pilot";
    public const string Password = "dashboard-password-1";

    /// <summary>Creates a dashboard user directly and signs it in over HTTP; returns the session token.</summary>
    public static async Task<string> DashboardTokenAsync(this TestApp app, string username = Username, string password = Password)
    {
        await app.WithAsync<DashboardAccounts, DashboardUser?>(async a => (await a.CreateUserAsync(username, password)).User);
        using var response = await app.SendAsync(HttpMethod.Post, "/api/triage/dashboard/sign-in", body: new { username, password });
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"dashboard sign-in failed: {json}");
        return json.Str("token");
    }
}
