using Parley.Core.Storage;

namespace Parley.Core.Tests.Storage;

public sealed class SnakeCaseNamesTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("PasswordHash", "password_hash")]
    [InlineData("TotpLastStep", "totp_last_step")]
    [InlineData("IpAddress", "ip_address")]
    [InlineData("HTTPStatus", "http_status")]
    public void Property_names_become_the_seeds_snake_case(string property, string column) =>
        Assert.Equal(column, SnakeCaseNames.ToSnakeCase(property));
}
