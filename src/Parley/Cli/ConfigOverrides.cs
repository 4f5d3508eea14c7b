namespace Parley.Cli;

/// <summary>
/// Tokens that no verb claims are configuration overrides (<c>--Storage:Provider=postgres</c>,
/// <c>--urls http://…</c>). Anything else, such as a mistyped verb, is bad input.
/// </summary>
internal static class ConfigOverrides
{
    public static string[] Validate(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new CliError(i == 0
                    ? $"unknown command '{token}' (see 'parley --help')"
                    : $"unexpected argument '{token}'");
            }
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliError($"option '{token}' needs a value ('{token}=value' or '{token} value')");
                }
                i++;
            }
        }
        return [.. tokens];
    }
}
