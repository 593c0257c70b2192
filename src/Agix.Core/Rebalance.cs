using NodaTime;

namespace Agix;

/// <summary>One name in the composition a rebalance produced.</summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record Constituent
{
    internal Constituent(string symbol, string name, Theme theme, double weight, double previousWeight, double marketCap, double price, double units)
    {
        Symbol = symbol;
        Name = name;
        Theme = theme;
        Weight = weight;
        PreviousWeight = previousWeight;
        MarketCap = marketCap;
        Price = price;
        Units = units;
    }

    /// <summary>The ticker.</summary>
    public string Symbol { get; init; }

    /// <summary>The company name.</summary>
    public string Name { get; init; }

    /// <summary>The investment line.</summary>
    public Theme Theme { get; init; }

    /// <summary>The target weight set at the close of the rebalance date (a fraction).</summary>
    public double Weight { get; init; }

    /// <summary>The drifted weight of the old composition at that close, before the rebalance (0 for the base date and for new names).</summary>
    public double PreviousWeight { get; init; }

    /// <summary>The market cap on the selection date used for weighting.</summary>
    public double MarketCap { get; init; }

    /// <summary>The close on the rebalance date at which the units were set (for a pro-forma rebalance, the close on the selection date).</summary>
    public double Price { get; init; }

    /// <summary>The units held from the next trading day on (price-return index units; NaN for a pro-forma rebalance).</summary>
    public double Units { get; init; }
}

/// <summary>A rebalance (or the base-date construction) and the composition it produced.</summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record Rebalance
{
    internal Rebalance(LocalDate date, LocalDate selectionDate, bool isBase, double turnover, double cost, IReadOnlyList<Constituent> constituents, IReadOnlyList<string> removed)
    {
        Date = date;
        SelectionDate = selectionDate;
        IsBase = isBase;
        Turnover = turnover;
        Cost = cost;
        Constituents = constituents;
        Removed = removed;
    }

    /// <summary>The rebalance date T; the new weights apply from the close of T.</summary>
    public LocalDate Date { get; init; }

    /// <summary>The selection date S whose market caps set the weights.</summary>
    public LocalDate SelectionDate { get; init; }

    /// <summary>Whether this is the base-date construction (no cost, no turnover).</summary>
    public bool IsBase { get; init; }

    /// <summary>One-way turnover: half the sum of the absolute weight changes (0 on the base date).</summary>
    public double Turnover { get; init; }

    /// <summary>The fraction of the level charged as transaction cost (0 on the base date).</summary>
    public double Cost { get; init; }

    /// <summary>The names with a positive target weight, by theme then weight (descending).</summary>
    public IReadOnlyList<Constituent> Constituents { get; init => field = Values.List(value); } = [];

    /// <summary>Names held before the rebalance that it dropped.</summary>
    public IReadOnlyList<string> Removed { get; init => field = Values.List(value); } = [];


    /// <summary>
    /// For a pro-forma rebalance (T after the last price date): the last price date, against whose drifted
    /// weights the turnover is estimated; null for a rebalance inside the data. A pro-forma constituent's price is
    /// its close on the selection date and its units are NaN (the level at T is not known yet).
    /// </summary>
    public LocalDate? ProFormaAsOf { get; init; }

    /// <summary>What the user should know about the data and the index up to this rebalance (halts, deletions, ignored rows).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init => field = Values.List(value); } = Values.List<Diagnostic>([]);

    /// <summary>Names the rebalance brought in: held after it and not before (none for the base-date construction).</summary>
    public IReadOnlyList<string> Added => IsBase ? [] : [.. Constituents.Where(c => c.PreviousWeight == 0).Select(c => c.Symbol).Order(StringComparer.Ordinal)];

    /// <summary>Whether this rebalance lies beyond the last price date and was computed from the data on S.</summary>
    public bool IsProForma => ProFormaAsOf is not null;
}
