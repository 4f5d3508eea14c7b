using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Preferences;

public sealed class PreferencesApiTests
{
    [Theory, BothProviders]
    public async Task Preferences_start_empty_and_keep_every_key_a_client_stores(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = (await app.SignInAsync()).AccessToken;

        using var empty = await app.SendAsync(HttpMethod.Get, "/api/chat/preferences", token);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await empty.JsonAsync()).ValueKind);
        Assert.Empty((await empty.JsonAsync()).EnumerateObject());

        // Keys the server has never heard of, in the client's own casing, survive the round trip.
        const string stored = """{"theme":"dark","notificationSound":{"volume":0.4,"muted":false},"pinned":[1,2,3]}""";
        using (var put = await PutRawAsync(app, token, stored))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using var read = await app.SendAsync(HttpMethod.Get, "/api/chat/preferences", token);
        var json = await read.JsonAsync();
        Assert.Equal("dark", json.Str("theme"));
        Assert.Equal(0.4, json.GetProperty("notificationSound").GetProperty("volume").GetDouble());
        Assert.Equal(3, json.GetProperty("pinned").GetArrayLength());

        using (var replaced = await PutRawAsync(app, token, """{"theme":"light"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }
        using var after = await app.SendAsync(HttpMethod.Get, "/api/chat/preferences", token);
        Assert.Equal("""{"theme":"light"}""", await after.Content.ReadAsStringAsync());
    }

    [Theory, BothProviders]
    public async Task Preferences_must_be_an_object_of_at_most_64_KiB(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = (await app.SignInAsync()).AccessToken;

        using var array = await PutRawAsync(app, token, "[1,2]");
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal("validation_failed", await array.ProblemCodeAsync());

        using var large = await PutRawAsync(app, token, "{\"blob\":\"" + new string('x', 64 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("preferences_too_large", await large.ProblemCodeAsync());

        using var justFits = await PutRawAsync(app, token, "{\"blob\":\"" + new string('x', 64 * 1024 - 11) + "\"}");
        Assert.Equal(HttpStatusCode.OK, justFits.StatusCode);
    }

    private static async Task<HttpResponseMessage> PutRawAsync(TestApp app, string token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/chat/preferences", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await app.Client.SendAsync(request);
    }
}
