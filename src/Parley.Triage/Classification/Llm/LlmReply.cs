using System.Text.Json;
using Parley.Triage.Actions;

namespace Parley.Triage.Classification.Llm;

/// <summary>
/// Validates the LLM's reply against the decision's shape and the account's limits. Unlike Mailpilot, which turns an
/// unreadable reply into "noop", every defect is a <see cref="ClassificationFailure"/> naming it: the email goes to the
/// dead letter untouched and is retried, instead of being marked done on a guess.
/// </summary>
public static class LlmReply
{
    /// <summary>Mailpilot's action names, accepted beside Parley's.</summary>
    private static readonly Dictionary<string, TriageActionKind> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["noop"] = TriageActionKind.None,
        ["read"] = TriageActionKind.MarkRead,
        ["unread"] = TriageActionKind.MarkUnread,
    };

    public static ClassificationOutcome Validate(string? reply, ClassifierSettings settings, DecisionSource source)
    {
        ClassificationFailure Fail(ClassificationFailureCode code, string message) => new(code, message, source);

        if (string.IsNullOrWhiteSpace(reply)) return Fail(ClassificationFailureCode.NotJson, "The reply is empty.");
        var text = reply.Trim();
        // Models without a JSON mode often fence their answer in ```json … ```.
        text = Unfence(text);

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Fail(ClassificationFailureCode.NotJson, $"The reply is not JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) return Fail(ClassificationFailureCode.WrongShape, "The reply is not a JSON object.");

        if (!root.TryGetProperty("actions", out var actionsJson) || actionsJson.ValueKind != JsonValueKind.Array || actionsJson.GetArrayLength() == 0)
            return Fail(ClassificationFailureCode.WrongShape, "\"actions\" must be a non-empty array.");
        if (!root.TryGetProperty("confidence", out var confidenceJson) || confidenceJson.ValueKind != JsonValueKind.Number)
            return Fail(ClassificationFailureCode.WrongShape, "\"confidence\" must be a number.");
        string? category = null;
        if (root.TryGetProperty("category", out var categoryJson))
        {
            if (categoryJson.ValueKind == JsonValueKind.String) category = categoryJson.GetString();
            else if (categoryJson.ValueKind != JsonValueKind.Null) return Fail(ClassificationFailureCode.WrongShape, "\"category\" must be a string.");
        }
        string? reasoning = null;
        if (root.TryGetProperty("reasoning", out var reasoningJson))
        {
            if (reasoningJson.ValueKind == JsonValueKind.String) reasoning = reasoningJson.GetString();
            else if (reasoningJson.ValueKind != JsonValueKind.Null) return Fail(ClassificationFailureCode.WrongShape, "\"reasoning\" must be a string.");
        }

        var actions = new List<TriageAction>();
        var index = 0;
        foreach (var item in actionsJson.EnumerateArray())
        {
            var (action, failure) = ReadAction(item, index++, settings);
            if (failure is not null) return Fail(failure.Value.Code, failure.Value.Message);
            actions.Add(action!);
        }

        var confidence = confidenceJson.GetDouble();
        if (double.IsNaN(confidence) || confidence < 0 || confidence > 1)
            return Fail(ClassificationFailureCode.ConfidenceOutOfRange, $"\"confidence\" is {confidenceJson.GetRawText()}, outside 0–1.");
        if (settings.Categories.Count > 0 && (category is null || !settings.Categories.Contains(category, StringComparer.OrdinalIgnoreCase)))
            return Fail(ClassificationFailureCode.CategoryNotAllowed, $"Category '{category}' is not one of the configured categories.");
        if (category is not null && settings.Categories.Count > 0)
            category = settings.Categories.First(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase));

        return new ClassificationDecision(actions, category, confidence, reasoning, source);
    }

    private static (TriageAction? Action, (ClassificationFailureCode Code, string Message)? Failure) ReadAction(
        JsonElement item, int index, ClassifierSettings settings)
    {
        var at = $"actions[{index}]";
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out var typeJson) || typeJson.ValueKind != JsonValueKind.String)
            return (null, (ClassificationFailureCode.WrongShape, $"{at} must be an object with a string \"type\"."));
        var name = typeJson.GetString()!;
        var kind = Aliases.TryGetValue(name, out var alias) ? alias : TriageActionNames.Parse(name);
        if (kind is null) return (null, (ClassificationFailureCode.WrongShape, $"{at}: '{name}' is not an action."));
        // Forward is never the LLM's to choose: a prompt-injected email could send mail anywhere.
        if (kind == TriageActionKind.Forward || !settings.AllowedActions.Contains(kind.Value))
            return (null, (ClassificationFailureCode.ActionNotAllowed, $"{at}: '{name}' is not an allowed action for this account."));

        var (folder, folderError) = ReadString(item, "folder", at);
        var (flags, flagsError) = ReadStrings(item, "flags", at);
        var (labels, labelsError) = ReadStrings(item, "labels", at);
        if ((folderError ?? flagsError ?? labelsError) is { } shapeError) return (null, (ClassificationFailureCode.WrongShape, shapeError));

        switch (kind)
        {
            case TriageActionKind.Move or TriageActionKind.Copy:
                if (string.IsNullOrWhiteSpace(folder))
                    return (null, (ClassificationFailureCode.WrongShape, $"{at}: {name} needs a \"folder\"."));
                if (settings.AllowedFolders is { } allowed && !allowed.Contains(folder, StringComparer.OrdinalIgnoreCase))
                    return (null, (ClassificationFailureCode.FolderNotAllowed, $"{at}: folder '{folder}' is not an allowed folder."));
                return (new TriageAction(kind.Value, Folder: folder), null);
            case TriageActionKind.Flag or TriageActionKind.Unflag:
                if (flags is not { Count: > 0 }) return (null, (ClassificationFailureCode.WrongShape, $"{at}: {name} needs \"flags\"."));
                return (new TriageAction(kind.Value, Flags: flags), null);
            case TriageActionKind.Label or TriageActionKind.Unlabel:
                if (labels is not { Count: > 0 }) return (null, (ClassificationFailureCode.WrongShape, $"{at}: {name} needs \"labels\"."));
                return (new TriageAction(kind.Value, Labels: labels), null);
            default:
                return (new TriageAction(kind.Value), null);
        }
    }

    private static (string? Value, string? Error) ReadString(JsonElement item, string property, string at)
    {
        if (!item.TryGetProperty(property, out var json) || json.ValueKind == JsonValueKind.Null) return (null, null);
        return json.ValueKind == JsonValueKind.String ? (json.GetString(), null) : (null, $"{at}: \"{property}\" must be a string.");
    }

    private static (IReadOnlyList<string>? Value, string? Error) ReadStrings(JsonElement item, string property, string at)
    {
        if (!item.TryGetProperty(property, out var json) || json.ValueKind == JsonValueKind.Null) return (null, null);
        if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
            return (null, $"{at}: \"{property}\" must be an array of non-empty strings.");
        return (json.EnumerateArray().Select(e => e.GetString()!).ToList(), null);
    }

    private static string Unfence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6) return text;
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        return firstLineEnd < 0 ? text : text[(firstLineEnd + 1)..^3].Trim();
    }
}
