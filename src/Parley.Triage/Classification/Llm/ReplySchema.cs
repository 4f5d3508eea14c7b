using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Triage.Actions;

namespace Parley.Triage.Classification.Llm;

/// <summary>
/// The JSON the LLM must answer with — <c>{actions:[{type, folder?, flags?, labels?}], category, confidence,
/// reasoning}</c> — as a JSON schema narrowed to the account's allowed actions and categories. It goes into the prompt
/// and, where the provider has structured output, into the request's response format.
/// </summary>
public static class ReplySchema
{
    /// <summary>The action names an LLM may use: the allowed ones, forward excluded (only rules choose where mail goes).</summary>
    public static IReadOnlyList<string> ActionNames(ClassifierSettings settings) => Enum.GetValues<TriageActionKind>()
        .Where(k => k != TriageActionKind.Forward && settings.AllowedActions.Contains(k))
        .Select(TriageActionNames.Of)
        .ToList();

    public static JsonElement For(ClassifierSettings settings)
    {
        var action = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "string", ["enum"] = Array(ActionNames(settings)) },
                ["folder"] = new JsonObject { ["type"] = "string", ["description"] = "move / copy: the target folder" },
                ["flags"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "flag / unflag: IMAP flags or keywords" },
                ["labels"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "label / unlabel: labels" },
            },
            ["required"] = Array(["type"]),
        };
        JsonObject category = settings.Categories.Count > 0
            ? new JsonObject { ["type"] = "string", ["enum"] = Array(settings.Categories) }
            : new JsonObject { ["type"] = "string" };
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["actions"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = action },
                ["category"] = category,
                ["confidence"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 },
                ["reasoning"] = new JsonObject { ["type"] = "string" },
            },
            ["required"] = Array(["actions", "category", "confidence", "reasoning"]),
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
