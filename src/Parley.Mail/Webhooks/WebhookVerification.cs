using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Core.Webhooks;

namespace Parley.Mail.Webhooks;

/// <summary>
/// Proves a new endpoint wants Mail's events: POSTs <c>{"type":"webhook.verification","challenge":"…"}</c>, signed
/// with the endpoint's new secret like any delivery, and requires a 2xx answer whose body holds the challenge
/// within <c>Mail:Webhooks:VerificationTimeoutSeconds</c>.
/// </summary>
internal sealed class WebhookVerification(IHttpClientFactory httpClients, IOptionsMonitor<MailWebhooksOptions> options, TimeProvider clock)
{
    private const int MaxAnswerBytes = 64 * 1024;

    /// <summary>Null when the endpoint echoed the challenge, else why not (for the 422's detail).</summary>
    public async Task<string?> VerifyAsync(Uri url, string secret, CancellationToken cancellationToken)
    {
        var challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = MailEventTypes.Verification, ["challenge"] = challenge });
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secret, clock.GetUtcNow(), body));
        request.Headers.Add(WebhookSigner.EventHeader, MailEventTypes.Verification);

        var seconds = options.CurrentValue.VerificationTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            using var response = await httpClients.CreateClient(WebhookTransport.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"The endpoint answered the verification with HTTP {(int)response.StatusCode}.";
            }
            var answer = await ReadLimitedAsync(response, timeout.Token);
            return answer.Contains(challenge, StringComparison.Ordinal)
                ? null
                : "The endpoint's answer did not echo the verification challenge.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The endpoint did not answer the verification within {seconds} s.";
        }
        catch (HttpRequestException ex)
        {
            return ex.InnerException is WebhookTargetForbiddenException forbidden ? forbidden.Message : "The endpoint could not be reached: " + ex.Message;
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
