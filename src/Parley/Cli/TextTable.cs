namespace Parley.Cli;

/// <summary>A plain aligned table on standard output: readable in a terminal, easy to cut and grep.</summary>
internal static class TextTable
{
    public static void Write(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { headers.ToArray() };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
