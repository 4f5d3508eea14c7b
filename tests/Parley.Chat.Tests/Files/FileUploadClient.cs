using System.Net.Http.Headers;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Files;

/// <summary>Uploads as a browser does: multipart/form-data with a field <c>file</c>.</summary>
internal static class FileUploadClient
{
    public static async Task<HttpResponseMessage> UploadAsync(this TestApp app, Guid channelId, ChatUser user, byte[] bytes, string name = "notes.txt", string field = "file")
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(content, field, name);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/channels/{channelId}/files") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return await app.Client.SendAsync(request);
    }
}
