using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;
using Parley.Triage.Storage;

namespace Parley.Triage.Tests;

/// <summary>Parley started with a test clock, and a way to reach Triage's services and database.</summary>
internal static class TriageTestApp
{
    /// <summary>Half past noon: the hourly and minute jobs are due a little later, at a boundary the test moves the clock to.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 30, 0, TimeSpan.Zero);

    public static async Task<(TestApp App, FakeTimeProvider Clock)> StartAsync(
        string provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var clock = new FakeTimeProvider(Start);
        var app = await TestApp.StartAsync(provider, settings, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            services?.Invoke(builder.Services);
        });
        return (app, clock);
    }

    public static async Task<T> WithDbAsync<T>(this TestApp app, Func<TriageDbContext, Task<T>> work)
    {
        await using var scope = app.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TriageDbContext>());
    }

    public static async Task<T> WithAsync<TService, T>(this TestApp app, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = app.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
