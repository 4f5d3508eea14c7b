using Microsoft.AspNetCore.Builder;

namespace Parley.Core.Security;

/// <summary>Endpoint metadata naming the permission an endpoint requires, so the permission map can be listed and tested.</summary>
public sealed record RequiredPermission(string Permission);

public static class PermissionEndpointConventions
{
    public static string PolicyName(string permission) => "perm:" + permission;

    /// <summary>Requires <paramref name="permission"/> (401 without credentials, 403 without the permission) and records it as metadata.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Permissions.IsKnown(permission))
        {
            throw new ArgumentException($"Unknown permission '{permission}'; add it to Permissions.All.", nameof(permission));
        }
        builder.RequireAuthorization(PolicyName(permission));
        builder.WithMetadata(new RequiredPermission(permission));
        return builder;
    }
}
