using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Http;

/// <summary>
/// Bad input must be answered with problem+json 400/413 and a code, never a 500. These tests
/// walk every <c>/api</c> endpoint that takes a JSON body, so endpoints added later are covered too.
/// </summary>
public sealed class BadInputTests
{
    private sealed record BodyEndpoint(string Method, string Path, Type RequestType);

    private static IReadOnlyList<BodyEndpoint> JsonBodyEndpoints(IServiceProvider services)
    {
        var found = new List<BodyEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText is null || !pattern.RawText.StartsWith("/api", StringComparison.Ordinal))
            {
                continue;
            }
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            if (accepts?.RequestType is null || !accepts.ContentTypes.Contains("application/json"))
            {
                continue;
            }
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            var path = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => SampleValue(handler, parameter.Name),
                _ => "",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                found.Add(new BodyEndpoint(method, path, accepts.RequestType));
            }
        }
        return found;
    }

    private static string SampleValue(MethodInfo? handler, string name)
    {
        var type = handler?.GetParameters().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterType;
        return type == typeof(Guid) || type == typeof(Guid?) ? Guid.Empty.ToString() : "1";
    }

    private static async Task<HttpClient> OwnerClientAsync(TestApp app)
    {
        var login = await app.Client.PostAsJsonAsync("/api/auth/login", new { username = TestApp.AdminUsername, password = TestApp.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        var client = app.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(HttpStatusCode Status, string? Code, string Body)> SendAsync(HttpClient client, BodyEndpoint endpoint, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            code = JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        return (response.StatusCode, code, body);
    }

    /// <summary>Endpoints that take any JSON document (e.g. user preferences) have no fields to be unknown or mistyped.</summary>
    private static bool TakesRawJson(Type requestType) =>
        requestType == typeof(JsonElement) || requestType == typeof(JsonDocument) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(requestType);

    /// <summary>A JSON value of the wrong kind for the body type's first property.</summary>
    private static string WrongTypeBody(Type requestType)
    {
        var property = requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance).First(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null || requestType.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))));
        var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var wrong = type == typeof(string) || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "12345" : "\"not-a-number-or-list\"";
        return $"{{\"{name}\": {wrong}}}";
    }

    [Theory, BothProviders]
    public async Task Every_json_endpoint_answers_malformed_json_unknown_fields_and_wrong_types_with_400_and_a_code(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = await OwnerClientAsync(app);
        var endpoints = JsonBodyEndpoints(app.Services);
        Assert.NotEmpty(endpoints);

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var cases = TakesRawJson(endpoint.RequestType)
                ? new[] { ("malformed", "{,}", "invalid_json") }
                : new[]
                {
                    ("malformed", "{,}", "invalid_json"),
                    ("unknown field", "{\"zz_not_a_field\": 1}", "unknown_field"),
                    ("wrong type", WrongTypeBody(endpoint.RequestType), "invalid_type"),
                };
            foreach (var (kind, json, expected) in cases)
            {
                var (status, code, body) = await SendAsync(client, endpoint, json);
                if (status != HttpStatusCode.BadRequest || code != expected)
                {
                    failures.Add($"{endpoint.Method} {endpoint.Path} {kind}: {(int)status} {code} {body}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_is_refused_with_413()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = "2048" });
        var json = "{\"username\":\"" + new string('a', 10_000) + "\",\"password\":\"x\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("payload_too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
