using Spectre.Console;

namespace Parley.Backup;

/// <summary>
/// Progress of a long CLI verb, one bar per step on a terminal; plain lines ("core: snapshot ...
/// done") when output goes to a file or a pipe, where redrawn bars would be noise.
/// </summary>
internal sealed class StepProgress
{
    private readonly ProgressContext? _context;

    private StepProgress(ProgressContext? context) => _context = context;

    public static async Task<T> RunAsync<T>(Func<StepProgress, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new StepProgress(null));
        }
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => result = await work(new StepProgress(context)));
        return result;
    }

    /// <param name="total">How many units the step has (bytes, files); 1 for a step that is done or not.</param>
    public ProgressStep Start(string description, double total = 1)
    {
        if (_context is null)
        {
            return new ProgressStep(description, null);
        }
        return new ProgressStep(description, _context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1)));
    }
}
