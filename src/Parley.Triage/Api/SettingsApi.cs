using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;
using Parley.Core.Http;
using Parley.Triage.Configuration;
using Parley.Triage.Dashboard;

namespace Parley.Triage.Api;

/// <summary>
/// <c>/api/triage/settings</c>: the <c>triage:</c> section as JSON or YAML (secrets masked), replaced by PUT after the
/// same checks as start-up (unknown keys, values that do not convert, <see cref="TriageOptionsValidator"/>, unset
/// <c>${ENV}</c>), then saved to <see cref="TriageSettingsFile"/> and in force at once through
/// <see cref="IOptionsMonitor{TriageOptions}"/>. An invalid change changes nothing.
/// </summary>
internal static class SettingsApi
{
    /// <summary>The largest settings document accepted (a YAML of many accounts and rules stays far below).</summary>
    public const int MaxYamlBytes = 1024 * 1024;

    public static void MapTriageSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/triage/settings").WithTags("Triage").RequireTriageDashboard();
        group.MapGet("", (TriageSettingsEditor editor) => TypedResults.Ok(new SettingsView(TriageSettingsDocument.ToJson(editor.StoredSection(), mask: true), editor.Source)));
        group.MapGet("/yaml", (TriageSettingsEditor editor) => TypedResults.Text(TriageSettingsDocument.ToYaml(editor.StoredSection(), mask: true), "application/yaml", Encoding.UTF8));
        group.MapPut("", async Task<Results<Ok<SettingsView>, ProblemHttpResult>> (JsonElement body, TriageSettingsEditor editor, CancellationToken ct) =>
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["body"] = ["must be a JSON object: the triage section"] });
            }
            return Answer(await editor.ReplaceAsync(TriageSettingsDocument.FromJson(body), ct), editor);
        });
        group.MapPut("/yaml", async Task<Results<Ok<SettingsView>, ProblemHttpResult>> (HttpRequest request, TriageSettingsEditor editor, CancellationToken ct) =>
        {
            var (flat, problem) = await ReadYamlAsync(request, editor, ct);
            return problem ?? Answer(await editor.ReplaceAsync(flat!, ct), editor);
        });
        group.MapPut("/dry-run", async Task<Results<Ok<SettingsView>, ProblemHttpResult>> (DryRunRequest body, TriageSettingsEditor editor, CancellationToken ct) =>
        {
            if (body.Enabled is not { } enabled)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["enabled"] = ["is required"] });
            }
            var flat = TriageSettingsDocument.Flatten(editor.StoredSection());
            flat["Triage:dry_run"] = enabled ? "true" : "false";
            return Answer(await editor.ReplaceAsync(flat, ct), editor);
        });
    }

    private static async Task<(Dictionary<string, string?>?, ProblemHttpResult?)> ReadYamlAsync(HttpRequest request, TriageSettingsEditor editor, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxYamlBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read > MaxYamlBytes)
        {
            return (null, ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "settings_too_large", $"The settings document is larger than {MaxYamlBytes} bytes."));
        }
        IConfigurationRoot parsed;
        try
        {
            parsed = editor.File.Parse(new string(buffer, 0, read));
        }
        catch (InvalidDataException ex) when (ex.InnerException is FormatException format)
        {
            // "<candidate file>: line 2, column 1: …" — the file name is ours, not the caller's.
            var message = format.Message;
            var at = message.IndexOf(": line ", StringComparison.Ordinal);
            return (null, ApiProblem.Validation(new Dictionary<string, string[]> { ["yaml"] = [at >= 0 ? message[(at + 2)..] : "is not valid YAML"] }));
        }
        var others = parsed.GetChildren().Where(c => !c.Key.Equals(TriageOptions.Section, StringComparison.OrdinalIgnoreCase)).Select(c => c.Key).ToList();
        if (others.Count > 0)
        {
            return (null, ApiProblem.Validation(new Dictionary<string, string[]> { ["yaml"] = [$"only the triage: section belongs here, not {string.Join(", ", others)}"] }));
        }
        return (TriageSettingsDocument.Flatten(parsed.GetSection(TriageOptions.Section)), null);
    }

    private static Results<Ok<SettingsView>, ProblemHttpResult> Answer(List<string> problems, TriageSettingsEditor editor)
    {
        if (problems.Count == 0)
        {
            return TypedResults.Ok(new SettingsView(TriageSettingsDocument.ToJson(editor.StoredSection(), mask: true), editor.Source));
        }
        // "Triage:accounts:0:imap:port: must be 1–65535" → key, reason.
        var errors = problems
            .Select(p => p.IndexOf(": ", StringComparison.Ordinal) is var at and > 0 ? (Key: p[..at], Reason: p[(at + 2)..]) : (Key: "triage", Reason: p))
            .GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());
        return ApiProblem.Validation(errors);
    }
}

/// <summary><see cref="Source"/>: <c>parley.yaml</c> until the page first saves, then <c>settings_file</c>.</summary>
internal sealed record SettingsView(JsonObject Settings, string Source);

internal sealed record DryRunRequest(bool? Enabled);

/// <summary>Checks and saves a replacement <c>triage:</c> section (scoped; the file is the singleton).</summary>
internal sealed class TriageSettingsEditor(TriageSettingsFile file, IConfiguration configuration, IEnumerable<IValidateOptions<TriageOptions>> validators)
{
    public TriageSettingsFile File => file;

    public string Source => file.Current is null ? "parley.yaml" : "settings_file";

    /// <summary>The section in force as written: the settings file once saved, else the server's configuration.</summary>
    public IConfigurationSection StoredSection() => file.Current ?? configuration.GetSection(TriageOptions.Section);

    /// <summary>Every problem with the candidate (nothing saved then), or none after it was saved and applied.</summary>
    public async Task<List<string>> ReplaceAsync(Dictionary<string, string?> candidate, CancellationToken cancellationToken)
    {
        await file.Gate.WaitAsync(cancellationToken);
        try
        {
            var problems = TriageSettingsDocument.RestoreMasked(candidate, TriageSettingsDocument.Flatten(StoredSection()));
            var section = TriageSettingsDocument.Section(candidate);
            var convertible = ConfigurationKeyCheck.Check(section, typeof(TriageOptions), problems, new HashSet<string>(), TriageOptions.Section);
            if (convertible)
            {
                var options = new TriageOptions();
                section.Bind(options);
                EnvironmentReferences.Resolve(options);
                foreach (var validator in validators)
                {
                    if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
                    {
                        problems.AddRange(result.Failures);
                    }
                }
            }
            if (problems.Count > 0)
            {
                return problems;
            }
            file.Save(TriageSettingsDocument.ToYaml(section, mask: false));
            return [];
        }
        finally
        {
            file.Gate.Release();
        }
    }
}
