using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Webhooks;

namespace Parley.Benchmarks;

/// <summary>
/// The costs every sign-in and every webhook delivery pays: an Argon2id hash at the shipped
/// parameters (64 MiB, 3 passes, 4 lanes), and the HMAC-SHA256 signature of a 4 KiB body.
/// </summary>
[MemoryDiagnoser]
public class SecurityBenchmarks
{
    private PasswordHasher _hasher = null!;
    private string _hash = "";
    private readonly string _body = new('x', 4096);
    private readonly DateTimeOffset _timestamp = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private string _signature = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _hasher = new PasswordHasher(new StaticOptions(new AuthOptions()));
        _hash = await _hasher.HashAsync("correct-horse-battery-staple");
        _signature = WebhookSigner.Sign("whsec_benchmark", _timestamp, _body);
    }

    [Benchmark]
    public Task<bool> Argon2id_verify_at_default_cost() => _hasher.VerifyAsync("correct-horse-battery-staple", _hash);

    [Benchmark]
    public string Webhook_sign_4KiB() => WebhookSigner.Sign("whsec_benchmark", _timestamp, _body);

    [Benchmark]
    public bool Webhook_verify_4KiB() => WebhookSigner.Verify("whsec_benchmark", _signature, _body, TimeSpan.FromMinutes(5), _timestamp);

    private sealed class StaticOptions(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;
        public AuthOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
