using Agix.Indexing;
using NodaTime;

namespace Agix;

/// <summary>
/// Computes an index: daily price, gross and net total-return levels from the base date with every rebalance,
/// and the composition of any rebalance, including a pro-forma one beyond the data.
/// </summary>
/// <example>
/// <code>
/// var data = IndexData.Load(DataPaths.FromFolder("data"));
/// IndexResult index = IndexCalculator.Compute(data);
/// Console.WriteLine(index.GrossTotalReturn[^1]);
/// </code>
/// </example>
public static class IndexCalculator
{
    /// <summary>
    /// Computes the index from its base date to <paramref name="end"/> on the methodology's rebalance schedule.
    /// The index never passes the data's as-of date: the latest date on which at least half of the universe members
    /// that have prices have a close (in a complete file, the last date). Later rows, such as one name already
    /// updated to the next day, are ignored with a warning in <see cref="IndexResult.Warnings"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">The base date or a selection date is not in the data.</exception>
    /// <exception cref="InfeasibleWeightingException">A rebalance cannot meet the caps and budgets.</exception>
    public static IndexResult Compute(IndexData data, LocalDate? end = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return IndexEngine.Compute(data, end);
    }

    /// <summary>
    /// The rebalance on, or last before, <paramref name="date"/> (the base-date construction counts). When that
    /// rebalance lies after the data's as-of date it is computed pro forma from the data on its selection date
    /// (<see cref="Rebalance.IsProForma"/>); when the selection date is also after the data, it is an error.
    /// </summary>
    /// <exception cref="InvalidInputException">The date is before the base date, or the selection date is after the data.</exception>
    public static Rebalance RebalanceOn(IndexData data, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (rebalance, index) = IndexEngine.RebalanceAsOf(data, date);
        return rebalance with { Warnings = [.. data.Warnings, .. index.Warnings] };
    }

    /// <summary>
    /// The rebalance dates T and their selection dates S with <paramref name="from"/> &lt;= T &lt;= <paramref name="to"/>,
    /// from the rules and the NYSE calendar alone (no price data: past and future alike), in increasing order.
    /// </summary>
    /// <example>
    /// <code>
    /// var next = IndexCalculator.Schedule(RebalanceRules.Default, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));
    /// // 2026-03-20/2026-03-13, 2026-06-18/2026-06-11 (Juneteenth rolls T back), 2026-09-18/…, 2026-12-18/…
    /// </code>
    /// </example>
    public static IReadOnlyList<RebalanceDate> Schedule(RebalanceRules rules, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return to < from ? [] : Array.AsReadOnly([.. RebalanceSchedule.Between(from.PlusDays(-1), to, rules, new TradingCalendar([]))]);
    }
}
