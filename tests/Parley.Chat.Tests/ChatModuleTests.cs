using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests;

public sealed class ChatModuleTests
{
    [Theory, BothProviders]
    public async Task The_chat_database_is_registered_and_migrated_with_the_others(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        Assert.Contains(migrator.Modules, m => m.Name == ChatDbContext.ModuleName);
        Assert.Empty(await migrator.PendingAsync());
    }
}
