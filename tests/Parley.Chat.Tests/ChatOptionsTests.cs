using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Chat.Messages;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests;

public sealed class ChatOptionsTests
{
    [Fact]
    public async Task The_plaintext_maximum_is_read_from_the_Chat_section()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Chat:MaxPlaintextLength"] = "5" });

        Assert.Equal(5, app.Services.GetRequiredService<IOptions<ChatOptions>>().Value.MaxPlaintextLength);
        var rules = app.Services.GetRequiredService<MessageContentRules>();
        Assert.Empty(rules.Check("12345", null, null));
        Assert.NotEmpty(rules.Check("123456", null, null));
    }

    [Fact]
    public void The_default_plaintext_maximum_is_4000() =>
        Assert.Equal(4000, new ChatOptions().MaxPlaintextLength);
}
