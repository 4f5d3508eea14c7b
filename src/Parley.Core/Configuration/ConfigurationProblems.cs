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
    public static IReadOnlyList<string> Find(IServiceProvider services, IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var section in services.GetServices<ConfigSection>())
        {
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
        return problems;
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
