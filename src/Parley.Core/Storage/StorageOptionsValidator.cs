using Microsoft.Extensions.Options;

namespace Parley.Core.Storage;

/// <summary>Rules that span fields of <see cref="StorageOptions"/>.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString: required when Storage:Provider is 'postgres'");
        }
        return ValidateOptionsResult.Success;
    }
}
