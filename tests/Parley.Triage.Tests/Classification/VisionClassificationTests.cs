using System.Text.Json;
using Parley.Triage.Classification;
using Parley.Triage.Emails;
using Parley.Triage.Tests.Attachments;

namespace Parley.Triage.Tests.Classification;

/// <summary>
/// Images reaching the LLM through Microsoft.Extensions.AI's <c>DataContent</c>, as each provider's wire format has
/// them (OpenAI: <c>image_url</c> parts with a data URI; Anthropic: <c>image</c> blocks with a base64 source), seen in
/// the request bodies the scripted endpoint received — and never for a provider without vision or a private sender.
/// </summary>
public sealed class VisionClassificationTests
{
    private static readonly byte[] Jpeg = VisionImagesTests.Jpeg;

    private static TriageEmail WithImages() => TestEmails.Make(body: "Is this receipt ours?") with
    {
        Attachments = [new("receipt.png", "image/png", VisionImagesTests.Png.Length, null)],
        Images =
        [
            new TriageImage("receipt.png", "image/png", VisionImagesTests.Png.Length, false, VisionImagesTests.Png, null),
            new TriageImage("huge.jpg", "image/jpeg", 50_000_000, false, ReadOnlyMemory<byte>.Empty, "too large"),
            new TriageImage("logo.jpg", "image/jpeg", Jpeg.Length, true, Jpeg, null),
        ],
    };

    private static JsonElement UserContent(ClassifierHarness harness, int index)
    {
        using var json = JsonDocument.Parse(Assert.Single(harness.Server.Requests).Body);
        return json.RootElement.GetProperty("messages")[index].GetProperty("content").Clone();
    }

    [Fact]
    public async Task A_vision_provider_gets_the_images_as_image_url_parts_with_their_media_type_and_base64_bytes()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);

        var outcome = await harness.Classifier.ClassifyAsync(WithImages(), ClassifierHarness.Settings(harness.OpenAi() with { SupportsVision = true }), CancellationToken.None);

        Assert.IsType<ClassificationDecision>(outcome);
        var content = UserContent(harness, 1);
        Assert.Equal(JsonValueKind.Array, content.ValueKind);
        Assert.Equal(["text", "image_url", "image_url"], content.EnumerateArray().Select(p => p.GetProperty("type").GetString()));
        var text = content[0].GetProperty("text").GetString()!;
        Assert.Contains("Is this receipt ours?", text, StringComparison.Ordinal);
        Assert.Contains($"- receipt.png (image/png, attached, {VisionImagesTests.Png.Length} bytes): image 1", text, StringComparison.Ordinal);
        Assert.Contains("- huge.jpg (image/jpeg, attached, 50000000 bytes): image omitted: too large", text, StringComparison.Ordinal);
        Assert.Contains($"- logo.jpg (image/jpeg, inline, {Jpeg.Length} bytes): image 2", text, StringComparison.Ordinal);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(VisionImagesTests.Png), content[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(Jpeg), content[2].GetProperty("image_url").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_provider_without_vision_gets_text_only_and_no_word_of_images()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);

        await harness.Classifier.ClassifyAsync(WithImages(), ClassifierHarness.Settings(harness.OpenAi()), CancellationToken.None);

        var content = UserContent(harness, 1);
        Assert.Equal(JsonValueKind.String, content.ValueKind);
        Assert.Contains($"Attachments: receipt.png (image/png, {VisionImagesTests.Png.Length} bytes)", content.GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Images", content.GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("image_url", Assert.Single(harness.Server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_sender_or_account_sends_nothing_not_even_to_a_vision_provider()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        var vision = ClassifierHarness.Settings(harness.OpenAi() with { SupportsVision = true });

        var bySender = await harness.Classifier.ClassifyAsync(WithImages(), vision with { PrivateSenders = ["@example.com"] }, CancellationToken.None);
        var byAccount = await harness.Classifier.ClassifyAsync(WithImages(), vision with { Private = true }, CancellationToken.None);

        Assert.Equal(DecisionSourceKind.Private, bySender.Source!.Kind);
        Assert.Equal(DecisionSourceKind.Private, byAccount.Source!.Kind);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Anthropic_gets_image_blocks_with_a_base64_source_after_the_text()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);

        var outcome = await harness.Classifier.ClassifyAsync(WithImages(), ClassifierHarness.Settings(harness.Anthropic() with { SupportsVision = true }), CancellationToken.None);

        Assert.IsType<ClassificationDecision>(outcome);
        Assert.Equal("/v1/messages", Assert.Single(harness.Server.Requests).Path);
        var content = UserContent(harness, 0); // Anthropic's system prompt is a field of its own, not a message
        Assert.Equal(["text", "image", "image"], content.EnumerateArray().Select(p => p.GetProperty("type").GetString()));
        Assert.Contains("image omitted: too large", content[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var source = content[1].GetProperty("source");
        Assert.Equal(("base64", "image/png", Convert.ToBase64String(VisionImagesTests.Png)),
            (source.GetProperty("type").GetString(), source.GetProperty("media_type").GetString(), source.GetProperty("data").GetString()));
        Assert.Equal("image/jpeg", content[2].GetProperty("source").GetProperty("media_type").GetString());
    }

    [Fact]
    public async Task Anthropic_without_vision_gets_no_image_blocks()
    {
        await using var harness = await ClassifierHarness.StartAsync();
        harness.Server.Reply(ClassifierHarness.ValidReply);

        await harness.Classifier.ClassifyAsync(WithImages(), ClassifierHarness.Settings(harness.Anthropic()), CancellationToken.None);

        Assert.DoesNotContain("\"image\"", Assert.Single(harness.Server.Requests).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("base64", Assert.Single(harness.Server.Requests).Body, StringComparison.Ordinal);
    }
}
