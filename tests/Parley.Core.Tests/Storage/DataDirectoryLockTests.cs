using Parley.Core.Storage;

namespace Parley.Core.Tests.Storage;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "parley-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void A_held_lock_refuses_a_second_holder_with_a_message_naming_the_directory()
    {
        using var first = DataDirectoryLock.Acquire(_data);

        var error = Assert.Throws<DataDirectoryLockedException>(() => DataDirectoryLock.Acquire(_data));

        Assert.Equal(_data, error.DataDirectory);
        Assert.Contains(Path.Combine(_data, "parley.lock"), error.Message, StringComparison.Ordinal);
        Assert.True(DataDirectoryLock.IsHeldElsewhere(_data));
    }

    [Fact]
    public void A_released_lock_can_be_taken_again()
    {
        DataDirectoryLock.Acquire(_data).Dispose();

        Assert.False(DataDirectoryLock.IsHeldElsewhere(_data));
        using var again = DataDirectoryLock.Acquire(_data);
    }

    [Fact]
    public void Taking_the_lock_creates_a_missing_data_directory()
    {
        using var held = DataDirectoryLock.Acquire(_data);

        Assert.True(File.Exists(Path.Combine(_data, DataDirectoryLock.FileName)));
    }

    [Fact]
    public void The_refusal_prints_as_one_line_without_a_stack_trace()
    {
        using var first = DataDirectoryLock.Acquire(_data);

        var error = Assert.Throws<DataDirectoryLockedException>(() => DataDirectoryLock.Acquire(_data));

        Assert.DoesNotContain('\n', error.ToString());
    }
}
