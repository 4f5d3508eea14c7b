using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>Chat files as a client handles them: upload to a channel, find a channel's file messages, download.</summary>
internal static class ChatFiles
{
    public static async Task<Guid> UploadAsync(TestApp app, ChatUser user, Guid channelId, string name, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(content, "file", name);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/channels/{channelId}/files") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        using var response = await app.Client.SendAsync(request);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload: {(int)response.StatusCode} {json}");
        return Guid.Parse(json.Str("id"));
    }

    /// <summary>The files on the channel's messages as <paramref name="reader"/> reads them: (file id, name, message text).</summary>
    public static async Task<List<(Guid FileId, string Name, string? Text)>> InChannelAsync(TestApp app, Guid channelId, ChatUser reader)
    {
        var page = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channelId}/messages", reader);
        return page.GetProperty("messages").EnumerateArray()
            .Where(m => m.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.Object)
            .Select(m => (Guid.Parse(m.GetProperty("file").Str("id")), m.GetProperty("file").Str("name"),
                m.GetProperty("plaintext").ValueKind == JsonValueKind.String ? m.GetProperty("plaintext").GetString() : null))
            .ToList();
    }

    /// <summary>The bytes of a file, or the refusal's status when <paramref name="user"/> may not have them.</summary>
    public static async Task<(HttpStatusCode Status, byte[] Bytes)> DownloadAsync(TestApp app, ChatUser user, Guid fileId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/files/{fileId}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        using var response = await app.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    public static async Task AssertDownloadsAsync(TestApp app, ChatUser user, Guid fileId, byte[] expected)
    {
        var (status, bytes) = await DownloadAsync(app, user, fileId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, bytes);
    }
}
