using System.Net;
using System.Text;
using System.Text.Json;
using MailKit;
using MimeKit;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Attachments;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>
/// Vision through the real thing: an email with a PNG appended to Dovecot, read by the watcher, classified by the
/// pipeline with a <c>supports_vision</c> provider — the scripted LLM receives the image; and the sandbox answering
/// which images were sent and which left out.
/// </summary>
public sealed class VisionPipelineTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    private static void Vision(Dictionary<string, string?> settings)
    {
        settings["Triage:llm_providers:0:supports_vision"] = "true";
        settings["Triage:attachments:enabled"] = "true";
        settings["Triage:attachments:extract_images"] = "true";
    }

    private static MimeMessage WithPng(string subject)
    {
        var message = TestImapServer.Message(subject, body: "What is in the picture?");
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "What is in the picture?" },
            TestAttachments.Attached("screenshot.png", "image/png", VisionImagesTests.Png),
        };
        return message;
    }

    private static IReadOnlyList<JsonElement> ImageUrls(FakeLlmRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        var content = json.RootElement.GetProperty("messages")[1].GetProperty("content");
        return content.ValueKind == JsonValueKind.Array
            ? content.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "image_url").Select(p => p.Clone()).ToList()
            : [];
    }

    [Theory, BothProviders]
    public async Task An_email_with_a_png_from_dovecot_reaches_a_vision_llm_as_an_image_and_is_acted_on(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Vision);
        h.Llm.Reply(PipelineHarness.FlagReply());

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithPng("Look at this"));

        await Eventually.Until(async () => (await h.MessagesAsync("INBOX")).Any(m => m.Subject == "Look at this" && m.Flags.HasFlag(MessageFlags.Flagged)),
            Seconds15, "the LLM's decision flags the email");
        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        var request = Assert.Single(h.Llm.Requests);
        var image = Assert.Single(ImageUrls(request));
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(VisionImagesTests.Png), image.GetProperty("image_url").GetProperty("url").GetString());
        Assert.Contains("screenshot.png (image/png, attached,", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_supports_vision_the_same_email_reaches_the_llm_as_text_only()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s =>
        {
            Vision(s);
            s["Triage:llm_providers:0:supports_vision"] = "false";
        });
        h.Llm.Reply(PipelineHarness.FlagReply());

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithPng("No eyes"));

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        var request = Assert.Single(h.Llm.Requests);
        Assert.Empty(ImageUrls(request));
        Assert.Contains("Attachments: screenshot.png (image/png,", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("base64", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_answers_which_images_were_sent_and_which_were_left_out()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s =>
        {
            Vision(s);
            s["Triage:attachments:max_size_mb"] = "0.001"; // 1048 bytes
        });
        var admin = (await h.App.SignInAsync()).AccessToken;
        h.Llm.Reply(PipelineHarness.FlagReply());
        var large = new byte[4_000];
        VisionImagesTests.Png.CopyTo(large, 0);
        var message = WithPng("Two pictures");
        ((Multipart)message.Body!).Add(TestAttachments.Attached("poster.png", "image/png", large));
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw);

        using var response = await h.App.SendAsync(HttpMethod.Post, "/api/triage/sandbox", admin,
            new Dictionary<string, object?> { ["raw"] = Encoding.UTF8.GetString(raw.ToArray()), ["account"] = h.User, ["skip_rules"] = true });

        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        var images = json.GetProperty("prompt").GetProperty("images");
        Assert.Equal(2, images.GetArrayLength());
        Assert.Equal(("screenshot.png", "image/png", true, JsonValueKind.Null),
            (images[0].Str("name"), images[0].Str("media_type"), images[0].GetProperty("sent").GetBoolean(), images[0].GetProperty("omitted").ValueKind));
        Assert.Equal(("poster.png", false, "too large", 4_000),
            (images[1].Str("name"), images[1].GetProperty("sent").GetBoolean(), images[1].Str("omitted"), images[1].GetProperty("size").GetInt32()));
        Assert.Contains("poster.png (image/png, attached, 4000 bytes): image omitted: too large", json.GetProperty("prompt").Str("user"), StringComparison.Ordinal);
        Assert.Single(ImageUrls(Assert.Single(h.Llm.Requests)));
    }
}
