using Spectre.Console;

namespace Parley.Backup;

/// <summary>One step of a <see cref="StepProgress"/>: a bar that fills, or a line printed when it is done.</summary>
internal sealed class ProgressStep(string description, ProgressTask? task)
{
    public void Advance(double amount = 1) => task?.Increment(amount);

    public void SetValue(double value, double total)
    {
        if (task is not null)
        {
            task.MaxValue = Math.Max(total, 1);
            task.Value = value;
        }
    }

    /// <param name="outcome">What the step found or made, e.g. "ok" or "12 blobs".</param>
    public void Done(string outcome)
    {
        if (task is null)
        {
            Console.WriteLine($"{description}: {outcome}");
            return;
        }
        task.Description = Markup.Escape($"{description}: {outcome}");
        task.Value = task.MaxValue;
        task.StopTask();
    }
}
