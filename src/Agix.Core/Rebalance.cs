using NodaTime;

namespace Agix;

/// <summary>One name in the composition a rebalance produced.</summary>
/// <param name="Symbol">The ticker.</param>
/// <param name="Name">The company name.</param>
/// <param name="Theme">The investment line.</param>
/// <param name="Weight">The target weight set at the close of the rebalance date (a fraction).</param>
/// <param name="PreviousWeight">The drifted weight of the old composition at that close, before the rebalance (0 for the base date and for new names).</param>
/// <param name="MarketCap">The market cap on the selection date used for weighting.</param>
/// <param name="Price">The close on the rebalance date at which the units were set (for a pro-forma rebalance, the close on the selection date).</param>
/// <param name="Units">The units held from the next trading day on (price-return index units; NaN for a pro-forma rebalance).</param>
public sealed record Constituent(string Symbol, string Name, Theme Theme, double Weight, double PreviousWeight, double MarketCap, double Price, double Units);

/// <summary>A rebalance (or the base-date construction) and the composition it produced.</summary>
/// <param name="Date">The rebalance date T; the new weights apply from the close of T.</param>
/// <param name="SelectionDate">The selection date S whose market caps set the weights.</param>
/// <param name="IsBase">Whether this is the base-date construction (no cost, no turnover).</param>
/// <param name="Turnover">One-way turnover: half the sum of the absolute weight changes (0 on the base date).</param>
/// <param name="Cost">The fraction of the level charged as transaction cost (0 on the base date).</param>
/// <param name="Constituents">The names with a positive target weight, by theme then weight (descending).</param>
/// <param name="Removed">Names held before the rebalance that it dropped.</param>
public sealed record Rebalance(LocalDate Date, LocalDate SelectionDate, bool IsBase, double Turnover, double Cost, IReadOnlyList<Constituent> Constituents, IReadOnlyList<string> Removed)
{
    /// <summary>
    /// For a pro-forma rebalance (T after the last price date): the last price date, against whose drifted
    /// weights the turnover is estimated; null for a rebalance inside the data. A pro-forma constituent's price is
    /// its close on the selection date and its units are NaN (the level at T is not known yet).
    /// </summary>
    public LocalDate? ProFormaAsOf { get; init; }

    /// <summary>What the user should know about the data and the index up to this rebalance (halts, deletions, ignored rows).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Names the rebalance brought in: held after it and not before (none for the base-date construction).</summary>
    public IReadOnlyList<string> Added => IsBase ? [] : [.. Constituents.Where(c => c.PreviousWeight == 0).Select(c => c.Symbol).Order(StringComparer.Ordinal)];

    /// <summary>Whether this rebalance lies beyond the last price date and was computed from the data on S.</summary>
    public bool IsProForma => ProFormaAsOf is not null;
}
