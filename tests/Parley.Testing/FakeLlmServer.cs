using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A local LLM endpoint for tests (Kestrel on a free loopback port) speaking OpenAI's chat completions
/// (<c>POST /v1/chat/completions</c>) and Anthropic's messages (<c>POST /v1/messages</c>). Each request takes the
/// next scripted answer — a reply text, an HTTP status (with Retry-After), or a stall — and is recorded with the
/// time it arrived. With the script empty it answers 500, so an unexpected request shows up as a failure.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeLlmAnswer> _script = new();

    private FakeLlmServer(WebApplication app) => _app = app;

    public ConcurrentQueue<FakeLlmRequest> Requests { get; } = new();

    /// <summary>The base address (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Mailpilot's api_url for an OpenAI-compatible provider.</summary>
    public Uri ChatCompletionsUrl => new(BaseUrl + "/chat/completions");

    /// <summary>Mailpilot's api_url for Anthropic.</summary>
    public Uri MessagesUrl => new(BaseUrl + "/messages");

    public static async Task<FakeLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeLlmServer(builder.Build());
        server._app.MapPost("/v1/chat/completions", context => server.AnswerAsync(context, anthropic: false));
        server._app.MapPost("/v1/messages", context => server.AnswerAsync(context, anthropic: true));
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>The next request is answered with <paramref name="text"/> as the assistant's message.</summary>
    public FakeLlmServer Reply(string text, int inputTokens = 120, int outputTokens = 30)
    {
        _script.Enqueue(new FakeLlmAnswer(200, text, null, null, inputTokens, outputTokens));
        return this;
    }

    /// <summary>The next request is answered with <paramref name="status"/> (and Retry-After in seconds, when given).</summary>
    public FakeLlmServer Status(int status, int? retryAfterSeconds = null)
    {
        _script.Enqueue(new FakeLlmAnswer(status, null, retryAfterSeconds, null, 0, 0));
        return this;
    }

    /// <summary>The next request gets no answer for <paramref name="delay"/> (or until the client gives up).</summary>
    public FakeLlmServer Stall(TimeSpan delay)
    {
        _script.Enqueue(new FakeLlmAnswer(200, "{}", null, delay, 0, 0));
        return this;
    }

    private async Task AnswerAsync(HttpContext context, bool anthropic)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new FakeLlmRequest(context.Request.Path, body, headers, Stopwatch.GetTimestamp()));
        if (!_script.TryDequeue(out var answer))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("no scripted answer");
            return;
        }
        if (answer.Delay is { } delay)
        {
            try { await Task.Delay(delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (answer.Status != 200)
        {
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted error", type = "server_error" } });
            return;
        }
        object reply = anthropic
            ? new Dictionary<string, object?>
            {
                ["id"] = "msg_fake", ["type"] = "message", ["role"] = "assistant", ["model"] = ModelOf(body),
                ["content"] = new[] { new Dictionary<string, object?> { ["type"] = "text", ["text"] = answer.Text } },
                ["stop_reason"] = "end_turn", ["stop_sequence"] = null,
                ["usage"] = new Dictionary<string, object?> { ["input_tokens"] = answer.InputTokens, ["output_tokens"] = answer.OutputTokens },
            }
            : new Dictionary<string, object?>
            {
                ["id"] = "chatcmpl-fake", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = ModelOf(body),
                ["choices"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["index"] = 0, ["finish_reason"] = "stop",
                        ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = answer.Text },
                    },
                },
                ["usage"] = new Dictionary<string, object?>
                {
                    ["prompt_tokens"] = answer.InputTokens, ["completion_tokens"] = answer.OutputTokens,
                    ["total_tokens"] = answer.InputTokens + answer.OutputTokens,
                },
            };
        await context.Response.WriteAsJsonAsync(reply);
    }

    private static string ModelOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record FakeLlmAnswer(int Status, string? Text, int? RetryAfterSeconds, TimeSpan? Delay, int InputTokens, int OutputTokens);
}

/// <param name="Timestamp">When it arrived (<see cref="Stopwatch.GetTimestamp"/>).</param>
public sealed record FakeLlmRequest(string Path, string Body, IReadOnlyDictionary<string, string> Headers, long Timestamp);
