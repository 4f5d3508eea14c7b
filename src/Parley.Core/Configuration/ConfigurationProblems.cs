using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Core.Configuration;

/// <summary>
/// Finds every configuration problem at once, each naming the key and the reason:
/// values that do not convert, values outside their range, and cross-field rules
/// (<see cref="IValidateOptions{TOptions}"/> registered by the features).
/// </summary>
public static class ConfigurationProblems
{
    /// <summary>
    /// Checks before the application is built: building already resolves options (Kestrel's
    /// limits), and a bad value must be reported with the others, not thrown alone.
    /// </summary>
    public static IReadOnlyList<string> Find(IServiceCollection services, IConfiguration configuration)
    {
        using var provider = services.BuildServiceProvider();
        return Find(provider, configuration);
    }

    public static IReadOnlyList<string> Find(IServiceProvider services, IConfiguration configuration)
    {
        var problems = new List<string>();
        var sections = services.GetServices<ConfigSection>().ToList();
        // A sub-section bound to an options class of its own is not an unknown key of its parent.
        var named = new HashSet<string>(sections.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            if (!ConfigurationKeyCheck.Check(configuration.GetSection(section.Name), section.OptionsType, problems, named, section.Name))
            {
                // Values that do not convert would only repeat themselves as binding failures below.
                continue;
            }

            object instance;
            try
            {
                instance = configuration.GetSection(section.Name).Get(section.OptionsType) ?? Activator.CreateInstance(section.OptionsType)!;
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(DescribeBindingFailure(ex));
                continue;
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
            foreach (var result in results)
            {
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{section.Name}:{member}: {result.ErrorMessage}"));
                }
            }

            var validatorType = typeof(IValidateOptions<>).MakeGenericType(section.OptionsType);
            foreach (var validator in services.GetServices(validatorType))
            {
                // DataAnnotations were checked above; only the features' own validators add here.
                if (validator is null || validator.GetType().Name.StartsWith("DataAnnotationValidateOptions", StringComparison.Ordinal))
                {
                    continue;
                }
                var validate = validatorType.GetMethod(nameof(IValidateOptions<object>.Validate))!;
                var outcome = (ValidateOptionsResult)validate.Invoke(validator, [Options.DefaultName, instance])!;
                if (outcome.Failed)
                {
                    problems.AddRange(outcome.Failures);
                }
            }
        }
        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Turns the binder's exception into "Key: reason".</summary>
    public static string DescribeBindingFailure(InvalidOperationException ex)
    {
        // "Failed to convert configuration value 'x' at 'Storage:BusyTimeoutMilliseconds' to type 'System.Int32'."
        var message = ex.Message;
        var at = message.IndexOf(" at '", StringComparison.Ordinal);
        if (at >= 0)
        {
            var start = at + 5;
            var end = message.IndexOf('\'', start);
            if (end > start)
            {
                var key = message[start..end];
                return $"{key}: {message}";
            }
        }
        return message;
    }
}
