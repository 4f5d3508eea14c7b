using Microsoft.Extensions.Options;

namespace Parley.Core.Blobs;

/// <summary>Rules that span fields of <see cref="BlobsOptions"/>: the S3 store needs its bucket and credentials.</summary>
internal sealed class BlobsOptionsValidator : IValidateOptions<BlobsOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobsOptions options)
    {
        if (!options.IsS3)
        {
            return ValidateOptionsResult.Success;
        }
        var problems = new List<string>();
        var s3 = options.S3;
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            problems.Add("Blobs:S3:ServiceUrl: required when Blobs:Provider is 's3'");
        }
        else if (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Blobs:S3:ServiceUrl: must be an absolute http(s) URL");
        }
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            problems.Add("Blobs:S3:Bucket: required when Blobs:Provider is 's3'");
        }
        if (string.IsNullOrWhiteSpace(s3.AccessKey))
        {
            problems.Add("Blobs:S3:AccessKey: required when Blobs:Provider is 's3'");
        }
        if (string.IsNullOrWhiteSpace(s3.SecretKey))
        {
            problems.Add("Blobs:S3:SecretKey: required when Blobs:Provider is 's3'");
        }
        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            problems.Add("Blobs:S3:Region: must not be empty");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
