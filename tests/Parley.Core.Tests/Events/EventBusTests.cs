using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Events;

namespace Parley.Core.Tests.Events;

public sealed class EventBusTests
{
    [Fact]
    public async Task Every_handler_of_an_event_runs_in_registration_order_and_handlers_of_other_events_do_not()
    {
        await using var services = Build(s => s
            .AddEventHandler<MessagePosted, FirstHandler>()
            .AddEventHandler<MessagePosted, SecondHandler>()
            .AddEventHandler<MailReceived, MailHandler>());

        await services.GetRequiredService<EventBus>().PublishAsync(new MessagePosted("hello"));

        Assert.Equal(["first:hello", "second:hello"], services.GetRequiredService<Log>().Lines);
    }

    [Fact]
    public async Task A_failing_handler_is_logged_and_neither_fails_the_publisher_nor_stops_the_others()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = Build(s => s
            .AddLogging(l => l.AddProvider(logs))
            .AddEventHandler<MessagePosted, ThrowingHandler>()
            .AddEventHandler<MessagePosted, SecondHandler>());

        await services.GetRequiredService<EventBus>().PublishAsync(new MessagePosted("hello"));

        Assert.Equal(["second:hello"], services.GetRequiredService<Log>().Lines);
        Assert.Contains(logs.Errors, e => e.Contains(nameof(ThrowingHandler), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_handler_runs_in_a_scope_of_its_own()
    {
        await using var services = Build(s => s
            .AddScoped<ScopeProbe>()
            .AddEventHandler<MessagePosted, ProbeHandler>()
            .AddEventHandler<MessagePosted, ProbeHandler2>());

        var bus = services.GetRequiredService<EventBus>();
        await bus.PublishAsync(new MessagePosted("a"));
        await bus.PublishAsync(new MessagePosted("b"));

        Assert.Equal(4, services.GetRequiredService<Log>().Lines.Distinct().Count());
    }

    [Fact]
    public async Task Publishing_an_event_nobody_handles_does_nothing()
    {
        await using var services = Build(_ => { });
        await services.GetRequiredService<EventBus>().PublishAsync(new MailReceived());
        Assert.Empty(services.GetRequiredService<Log>().Lines);
    }

    [Fact]
    public async Task A_cancelled_publish_throws_instead_of_being_swallowed()
    {
        await using var services = Build(s => s.AddEventHandler<MessagePosted, FirstHandler>());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.GetRequiredService<EventBus>().PublishAsync(new MessagePosted("x"), cancelled.Token));
    }

    private static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<Log>().AddEvents();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public sealed record MessagePosted(string Text);

    public sealed record MailReceived;

    public sealed class Log
    {
        public ConcurrentQueue<string> Lines { get; } = new();
    }

    public sealed class ScopeProbe
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    private sealed class FirstHandler(Log log) : IEventHandler<MessagePosted>
    {
        public Task HandleAsync(MessagePosted e, CancellationToken cancellationToken)
        {
            log.Lines.Enqueue("first:" + e.Text);
            return Task.CompletedTask;
        }
    }

    private sealed class SecondHandler(Log log) : IEventHandler<MessagePosted>
    {
        public Task HandleAsync(MessagePosted e, CancellationToken cancellationToken)
        {
            log.Lines.Enqueue("second:" + e.Text);
            return Task.CompletedTask;
        }
    }

    private sealed class MailHandler(Log log) : IEventHandler<MailReceived>
    {
        public Task HandleAsync(MailReceived e, CancellationToken cancellationToken)
        {
            log.Lines.Enqueue("mail");
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingHandler : IEventHandler<MessagePosted>
    {
        public Task HandleAsync(MessagePosted e, CancellationToken cancellationToken) => throw new InvalidOperationException("handler bug");
    }

    private sealed class ProbeHandler(Log log, ScopeProbe probe) : IEventHandler<MessagePosted>
    {
        public Task HandleAsync(MessagePosted e, CancellationToken cancellationToken)
        {
            log.Lines.Enqueue(probe.Id.ToString());
            return Task.CompletedTask;
        }
    }

    private sealed class ProbeHandler2(Log log, ScopeProbe probe) : IEventHandler<MessagePosted>
    {
        public Task HandleAsync(MessagePosted e, CancellationToken cancellationToken)
        {
            log.Lines.Enqueue(probe.Id.ToString());
            return Task.CompletedTask;
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    owner.Errors.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
