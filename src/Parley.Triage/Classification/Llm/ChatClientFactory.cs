using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Parley.Triage.Classification.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> for a provider and model through Microsoft.Extensions.AI: the OpenAI SDK with a
/// custom endpoint for every OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp), Anthropic's SDK for Anthropic.
/// Clients are kept per provider and model (they hold connections). Both SDKs' own retries are off: 429s are waited
/// out by <see cref="ProviderRateLimiter"/>, other failures go to the dead letter's retries.
/// </summary>
public sealed class ChatClientFactory(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<(LlmProviderSettings Provider, string Model), Lazy<IChatClient>> _clients = new();
    private readonly List<HttpClient> _httpClients = [];

    public IChatClient For(LlmProviderSettings provider, string model) =>
        _clients.GetOrAdd((provider, model), key => new Lazy<IChatClient>(() => Create(key.Provider, key.Model))).Value;

    private IChatClient Create(LlmProviderSettings provider, string model)
    {
        // The request's own timeout is enforced by the classifier (with the injected clock); the HTTP layer's is a backstop.
        var http = new HttpClient(new ProviderHttpHandler(time)) { Timeout = provider.EffectiveTimeout + TimeSpan.FromSeconds(30) };
        lock (_httpClients) _httpClients.Add(http);
        return provider.Kind switch
        {
            LlmProviderKind.Anthropic => new AnthropicClient
            {
                // Null, not empty: the SDK then reads no ANTHROPIC_API_KEY from the environment behind the configuration's back.
                ApiKey = provider.ApiKey,
                BaseUrl = AnthropicBase(provider.ApiUrl).ToString().TrimEnd('/'),
                HttpClient = http,
                MaxRetries = 0,
                Timeout = http.Timeout,
            }.AsIChatClient(model, provider.MaxOutputTokens),
            _ => new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(provider.ApiKey ?? "none"), new OpenAIClientOptions
            {
                Endpoint = OpenAiBase(provider.ApiUrl),
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = http.Timeout,
            }).AsIChatClient(),
        };
    }

    /// <summary>Mailpilot's api_url names the endpoint (<c>…/v1/chat/completions</c>); the SDK wants its base (<c>…/v1</c>).</summary>
    public static Uri OpenAiBase(Uri apiUrl) => Strip(apiUrl, "/chat/completions");

    /// <summary>Anthropic's SDK adds <c>/v1/messages</c> itself.</summary>
    public static Uri AnthropicBase(Uri apiUrl) => Strip(Strip(apiUrl, "/messages"), "/v1");

    private static Uri Strip(Uri url, string suffix)
    {
        var text = url.ToString().TrimEnd('/');
        return new Uri(text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? text[..^suffix.Length] : text);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated)) client.Value.Dispose();
        lock (_httpClients) foreach (var http in _httpClients) http.Dispose();
    }
}
