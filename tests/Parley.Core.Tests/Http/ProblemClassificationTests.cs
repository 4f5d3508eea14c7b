using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Parley.Core.Http;

namespace Parley.Core.Tests.Http;

public sealed class ProblemClassificationTests
{
    private sealed record Login(string Username, int Attempts);

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        HttpRegistration.ConfigureJson(options);
        return options;
    }

    private static (int Status, string Code, string? Path) ClassifyBody(string body)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Login>(body, Json));
        var wrapped = new BadHttpRequestException("Failed to read parameter", StatusCodes.Status400BadRequest, error);
        var (status, code, _, path) = ProblemExceptionHandler.Classify(wrapped);
        return (status, code, path);
    }

    [Fact]
    public void Malformed_json_is_invalid_json() =>
        Assert.Equal((400, "invalid_json"), Pick(ClassifyBody("{\"username\": ")));

    [Fact]
    public void An_unknown_field_is_named_by_its_path()
    {
        var (status, code, path) = ClassifyBody("{\"username\":\"a\",\"attempts\":1,\"admin\":true}");
        Assert.Equal((400, "unknown_field"), (status, code));
        Assert.Equal("$.admin", path);
    }

    [Fact]
    public void A_wrong_type_is_invalid_type()
    {
        var (status, code, path) = ClassifyBody("{\"username\":\"a\",\"attempts\":\"many\"}");
        Assert.Equal((400, "invalid_type"), (status, code));
        Assert.Equal("$.attempts", path);
    }

    [Fact]
    public void Numbers_in_strings_are_not_silently_accepted() =>
        Assert.Equal((400, "invalid_type"), Pick(ClassifyBody("{\"username\":\"a\",\"attempts\":\"3\"}")));

    [Fact]
    public void An_oversize_body_is_413()
    {
        var (status, code, _, _) = ProblemExceptionHandler.Classify(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        Assert.Equal((413, "payload_too_large"), (status, code));
    }

    [Fact]
    public void Anything_unexpected_is_a_500_without_details()
    {
        var (status, code, detail, _) = ProblemExceptionHandler.Classify(new InvalidOperationException("secret connection string"));
        Assert.Equal((500, "internal_error"), (status, code));
        Assert.DoesNotContain("secret", detail, StringComparison.Ordinal);
    }

    private static (int, string) Pick((int Status, string Code, string? Path) result) => (result.Status, result.Code);
}
