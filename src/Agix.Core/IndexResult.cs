using NodaTime;

namespace Agix;

/// <summary>
/// The daily levels of an index from its base date, in the three return types, with every rebalance and the
/// warnings raised while computing them.
/// </summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed class IndexResult
{
    internal IndexResult(
        Methodology methodology,
        LocalDate[] dates,
        double[] price,
        double[] gross,
        double[] net,
        IReadOnlyList<Rebalance> rebalances,
        IReadOnlyList<Diagnostic> warnings,
        string[] symbols,
        Theme[] themes,
        double[] weights)
    {
        Methodology = methodology;
        DateArray = dates;
        PriceLevels = price;
        GrossLevels = gross;
        NetLevels = net;
        Rebalances = Array.AsReadOnly([.. rebalances]);
        Warnings = Array.AsReadOnly([.. warnings]);
        SymbolArray = symbols;
        ThemeArray = themes;
        WeightMatrix = weights;
    }

    /// <summary>The methodology the index was computed with.</summary>
    public Methodology Methodology { get; }

    /// <summary>The headline return type (from the methodology).</summary>
    public ReturnType ReturnType => Methodology.ReturnType;

    /// <summary>The trading dates from the base date to the end, ascending.</summary>
    public IReadOnlyList<LocalDate> Dates => field ??= Array.AsReadOnly(DateArray);

    /// <summary>The price-return levels.</summary>
    public IReadOnlyList<double> PriceReturn => field ??= Array.AsReadOnly(PriceLevels);

    /// <summary>The gross total-return levels.</summary>
    public IReadOnlyList<double> GrossTotalReturn => field ??= Array.AsReadOnly(GrossLevels);

    /// <summary>The net total-return levels (dividends after withholding tax).</summary>
    public IReadOnlyList<double> NetTotalReturn => field ??= Array.AsReadOnly(NetLevels);

    /// <summary>The rebalances, starting with the base-date construction.</summary>
    public IReadOnlyList<Rebalance> Rebalances { get; }

    /// <summary>Data warnings raised while computing (halts, deletions, unbudgeted themes).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>The symbols that were ever in the index, in the order of the weight matrix.</summary>
    public IReadOnlyList<string> Symbols => field ??= Array.AsReadOnly(SymbolArray);

    internal LocalDate[] DateArray { get; }

    internal double[] PriceLevels { get; }

    internal double[] GrossLevels { get; }

    internal double[] NetLevels { get; }

    internal string[] SymbolArray { get; }

    internal Theme[] ThemeArray { get; }

    /// <summary>End-of-day weights, row-major: <c>[date * Symbols.Count + symbol]</c>, after any rebalance or deletion that day.</summary>
    internal double[] WeightMatrix { get; }


    internal IndexResult WithWarnings(IReadOnlyList<Diagnostic> warnings) =>
        new(Methodology, DateArray, PriceLevels, GrossLevels, NetLevels, Rebalances, warnings, SymbolArray, ThemeArray, WeightMatrix);

    /// <summary>The level series of a return type.</summary>
    public IReadOnlyList<double> Levels(ReturnType returnType) => LevelArray(returnType);

    /// <summary>The end-of-day weight of a symbol (an index into <see cref="Symbols"/>) on a date index.</summary>
    public double Weight(int date, int symbol) => WeightMatrix[(date * SymbolArray.Length) + symbol];

    internal double[] LevelArray(ReturnType returnType) => returnType switch
    {
        ReturnType.Price => PriceLevels,
        ReturnType.Gross => GrossLevels,
        ReturnType.Net => NetLevels,
        _ => throw new ArgumentOutOfRangeException(nameof(returnType)),
    };
}
