namespace Agix.Cli.Output;

/// <summary>Human-readable labels for methodology settings (the core speaks months, the reports speak words).</summary>
internal static class Labels
{
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>
    /// The rebalance frequency of the scheduled months (1–12): "monthly rebalancing" for every month, "quarterly" for
    /// four months three apart, "semi-annual" for two six apart, "annual" for one; any other set is listed, as
    /// "rebalancing in March and August" or "rebalancing in Jan, Apr and Oct".
    /// </summary>
    public static string Rebalancing(IReadOnlyList<int> months)
    {
        var set = months.Distinct().Order().ToArray();
        var spacing = set.Length is 0 or > 12 || 12 % set.Length != 0 ? 0 : 12 / set.Length;
        var even = spacing > 0 && set.All(m => set.Contains(((m - 1 + spacing) % 12) + 1));
        return (set.Length, even) switch
        {
            (0, _) => "no scheduled rebalancing",
            (12, true) => "monthly rebalancing",
            (4, true) => "quarterly rebalancing",
            (2, true) => "semi-annual rebalancing",
            (1, _) => "annual rebalancing",
            (2, false) => $"rebalancing in {Months[set[0] - 1]} and {Months[set[1] - 1]}",
            _ => $"rebalancing in {string.Join(", ", set[..^1].Select(m => Months[m - 1][..3]))} and {Months[set[^1] - 1][..3]}",
        };
    }
}
