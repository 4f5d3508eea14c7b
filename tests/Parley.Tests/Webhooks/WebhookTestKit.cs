using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Core.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Tests.Webhooks;

/// <summary>Arranging webhook tests through the public surfaces: the admin API and the publisher.</summary>
internal static class WebhookTestKit
{
    public static Task<TestApp> StartAsync(string provider, Dictionary<string, string?>? settings = null) =>
        TestApp.StartAsync(provider, settings);

    public static async Task<(Guid Id, string Secret)> CreateEndpointAsync(TestApp app, Uri url, params string[] eventTypes)
    {
        using var client = await app.ClientWithAsync(Permissions.WebhooksWrite);
        var response = await client.PostAsJsonAsync("/api/admin/webhooks", new Dictionary<string, object>
        {
            ["url"] = url.ToString(),
            ["event_types"] = eventTypes.Length == 0 ? ["*"] : eventTypes,
            ["description"] = "test receiver",
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return (json.GetProperty("id").GetGuid(), json.GetProperty("secret").GetString()!);
    }

    /// <summary>Publishes as a module would: the deliveries commit with the module's own SaveChanges.</summary>
    public static async Task<int> PublishAsync(TestApp app, string eventType, object data)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var added = await scope.ServiceProvider.GetRequiredService<WebhookPublisher>().EnqueueAsync(db, eventType, data);
        await db.SaveChangesAsync();
        return added;
    }

    public static async Task<WebhookEndpoint> EndpointAsync(TestApp app, Guid id)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    public static async Task<List<WebhookDelivery>> DeliveriesAsync(TestApp app, Guid endpointId)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId).OrderBy(d => d.CreatedAt).ToListAsync();
    }
}
