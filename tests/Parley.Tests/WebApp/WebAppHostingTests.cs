using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.WebApp;

/// <summary>
/// How the host serves the built web app, over a web root the test writes (the real build's
/// file names are hashed and may not exist when these run).
/// </summary>
public sealed class WebAppHostingTests : IDisposable
{
    private const string IndexMarker = "<!-- parley web app test page -->";
    private readonly DirectoryInfo _webRoot = Directory.CreateTempSubdirectory("parley-webroot-");

    public void Dispose() => _webRoot.Delete(recursive: true);

    private void WriteBuiltApp()
    {
        File.WriteAllText(Path.Combine(_webRoot.FullName, "index.html"), "<!doctype html><title>Parley</title>" + IndexMarker);
        Directory.CreateDirectory(Path.Combine(_webRoot.FullName, "assets"));
        File.WriteAllText(Path.Combine(_webRoot.FullName, "assets", "index-Abc123.js"), "console.log('parley');");
        File.WriteAllText(Path.Combine(_webRoot.FullName, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    }

    private Task<TestApp> StartAsync() => TestApp.StartAsync(TestDatabase.Sqlite, customize: builder =>
    {
        builder.Environment.WebRootPath = _webRoot.FullName;
        builder.Environment.WebRootFileProvider = new PhysicalFileProvider(_webRoot.FullName);
    });

    private static Task<HttpResponseMessage> GetAsync(TestApp app, string path) =>
        app.Client.GetAsync(new Uri(path, UriKind.Relative));

    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    [InlineData("/admin/audit")]
    [InlineData("/chat/some/deep/link")]
    public async Task Client_routes_answer_the_app_page_with_security_headers(string path)
    {
        WriteBuiltApp();
        await using var app = await StartAsync();

        using var response = await GetAsync(app, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(IndexMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html is revalidated so a new release shows at once");
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_other_files_revalidated()
    {
        WriteBuiltApp();
        await using var app = await StartAsync();

        using var asset = await GetAsync(app, "/assets/index-Abc123.js");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(asset.Headers.GetValues("X-Content-Type-Options")));

        using var icon = await GetAsync(app, "/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.True(icon.Headers.CacheControl?.NoCache);
        Assert.False(icon.Headers.Contains("Content-Security-Policy"), "the page's policy belongs on HTML");
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api")]
    [InlineData("/API/Nope")]
    [InlineData("/hubs/nope")]
    [InlineData("/openapi/nope")]
    [InlineData("/metrics/nope")]
    [InlineData("/healthz/nope")]
    [InlineData("/readyz/nope")]
    [InlineData("/assets/missing.js")]
    public async Task Unknown_server_paths_keep_their_problem_json_404(string path)
    {
        WriteBuiltApp();
        await using var app = await StartAsync();

        using var response = await GetAsync(app, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "/healthz", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/nope", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/nope/1", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/hubs/nope", HttpStatusCode.NotFound)]
    [InlineData("POST", "/account", HttpStatusCode.NotFound)]
    public async Task Other_methods_get_what_routing_would_answer_without_the_app(string method, string path, HttpStatusCode expected)
    {
        WriteBuiltApp();
        await using var app = await StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_HEAD_request_for_a_client_route_answers_like_GET()
    {
        WriteBuiltApp();
        await using var app = await StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/tickets", UriKind.Relative));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    public async Task Without_a_built_web_app_the_server_says_so_in_plain_text(string path)
    {
        await using var app = await StartAsync();

        using var response = await GetAsync(app, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("web app was not built", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = await GetAsync(app, "/api/nope");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }
}
