using System.Globalization;
using NodaTime;

namespace Agix;

/// <summary>
/// An immutable, columnar table of daily prices: dates × symbols, with the close, the market cap, the dividend
/// and the split ratio of each cell stored in flat arrays of doubles (row-major by date). A cell without a row
/// in the input has a NaN close. Build one from CSV files with <see cref="IndexData"/> or from your own arrays
/// with <see cref="Create"/>.
/// </summary>
/// <remarks>
/// Conventions: <c>close</c> is the raw price as traded; <c>dividend</c> is the cash amount per share whose
/// ex-date is that day (0 when none); <c>splitRatio</c> is N on the ex-date of an N-for-1 split (1 otherwise);
/// market cap is NaN when unknown.
/// </remarks>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed class PricePanel
{
    private readonly LocalDate[] _dates;
    private readonly string[] _symbols;
    private readonly Dictionary<string, int> _symbolIndex;

    /// <summary>A panel from dense columns (0 or 1 in <paramref name="splitRatio"/> for no split).</summary>
    internal PricePanel(LocalDate[] dates, string[] symbols, double[] close, double[] marketCap, double[] dividend, double[] splitRatio)
        : this(dates, symbols, close, marketCap, SparseCells.FromDense(dividend, 0), SparseCells.FromDense(splitRatio, 1, alsoDefault: 0))
    {
    }

    /// <summary>A panel whose dividends and splits are given as events.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal PricePanel(LocalDate[] dates, string[] symbols, double[] close, double[] marketCap, SparseCells dividend, SparseCells splitRatio)
    {
        _dates = dates;
        _symbols = symbols;
        Close = close;
        MarketCap = marketCap;
        Dividend = dividend;
        SplitRatio = splitRatio;
        _symbolIndex = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        for (var s = 0; s < symbols.Length; s++)
        {
            _symbolIndex.Add(symbols[s], s);
        }

        var n = symbols.Length;
        FirstIndex = new int[n];
        LastIndex = new int[n];
        HasDividends = new bool[n];
        HasSplits = new bool[n];
        Array.Fill(FirstIndex, -1);
        Array.Fill(LastIndex, -1);
        var remaining = n;
        for (var d = 0; d < dates.Length && remaining > 0; d++)
        {
            var row = close.AsSpan(d * n, n);
            for (var s = 0; s < n; s++)
            {
                if (FirstIndex[s] < 0 && !double.IsNaN(row[s]))
                {
                    FirstIndex[s] = d;
                    remaining--;
                }
            }
        }

        remaining = n;
        for (var d = dates.Length - 1; d >= 0 && remaining > 0; d--)
        {
            var row = close.AsSpan(d * n, n);
            for (var s = 0; s < n; s++)
            {
                if (LastIndex[s] < 0 && !double.IsNaN(row[s]))
                {
                    LastIndex[s] = d;
                    remaining--;
                }
            }
        }

        var cells = dividend.Cells;
        var values = dividend.Values;
        for (var i = 0; i < cells.Length; i++)
        {
            if (values[i] > 0 && !double.IsNaN(close[cells[i]]))
            {
                HasDividends[cells[i] % n] = true;
            }
        }

        cells = splitRatio.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            if (!double.IsNaN(close[cells[i]]))
            {
                HasSplits[cells[i] % n] = true;
            }
        }
    }

    /// <summary>The trading dates, ascending and distinct.</summary>
    public IReadOnlyList<LocalDate> Dates => field ??= Array.AsReadOnly(_dates);

    /// <summary>The symbols, in ordinal order.</summary>
    public IReadOnlyList<string> Symbols => field ??= Array.AsReadOnly(_symbols);

    /// <summary>The number of dates.</summary>
    public int DateCount => _dates.Length;

    /// <summary>The number of symbols.</summary>
    public int SymbolCount => _symbols.Length;

    internal LocalDate[] DateArray => _dates;

    internal double[] Close { get; }

    internal double[] MarketCap { get; }

    /// <summary>The dividend of each cell (0 when none).</summary>
    internal SparseCells Dividend { get; }

    /// <summary>The split ratio of each cell (1 when none).</summary>
    internal SparseCells SplitRatio { get; }

    /// <summary>Index of the first date with a row, per symbol (-1 when none).</summary>
    internal int[] FirstIndex { get; }

    /// <summary>Index of the last date with a row, per symbol (-1 when none).</summary>
    internal int[] LastIndex { get; }

    /// <summary>Whether any row of the symbol has a dividend above 0.</summary>
    internal bool[] HasDividends { get; }

    /// <summary>Whether any row of the symbol has a split ratio other than 1.</summary>
    internal bool[] HasSplits { get; }

    /// <summary>
    /// Builds a panel from arrays indexed <c>[date, symbol]</c>. <paramref name="close"/> uses NaN for "no row";
    /// <paramref name="marketCap"/>, <paramref name="dividend"/> and <paramref name="splitRatio"/> may be null
    /// (unknown, 0 and 1). Dates must be ascending and distinct, symbols distinct. A cell without a close may hold
    /// NaN, 0 or 1 in the other arrays, but not a dividend or a split: those need a close on their ex-date.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not match, the dates are not ascending, or a value is invalid.</exception>
    public static PricePanel Create(
        IReadOnlyList<LocalDate> dates,
        IReadOnlyList<string> symbols,
        double[,] close,
        double[,]? marketCap = null,
        double[,]? dividend = null,
        double[,]? splitRatio = null)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(close);
        int nd = dates.Count, ns = symbols.Count;
        CheckShape(close, nd, ns, nameof(close));
        for (var d = 1; d < nd; d++)
        {
            if (dates[d] <= dates[d - 1])
            {
                throw new ArgumentException($"Dates must be ascending and distinct; {dates[d]:uuuu-MM-dd} follows {dates[d - 1]:uuuu-MM-dd}.", nameof(dates));
            }
        }

        if (symbols.Distinct(StringComparer.Ordinal).Count() != ns)
        {
            throw new ArgumentException("Symbols must be distinct.", nameof(symbols));
        }

        var order = Enumerable.Range(0, ns).OrderBy(i => symbols[i], StringComparer.Ordinal).ToArray();
        var c = new double[nd * ns];
        var m = new double[nd * ns];
        var v = new double[nd * ns];
        var r = new double[nd * ns];
        for (var d = 0; d < nd; d++)
        {
            for (var k = 0; k < ns; k++)
            {
                var s = order[k];
                var i = (d * ns) + k;
                c[i] = close[d, s];
                m[i] = marketCap is null ? double.NaN : Get(marketCap, d, s, nameof(marketCap), nd, ns);
                v[i] = dividend is null ? 0 : Get(dividend, d, s, nameof(dividend), nd, ns);
                r[i] = splitRatio is null ? 1 : Get(splitRatio, d, s, nameof(splitRatio), nd, ns);
                if (!double.IsNaN(c[i]) && !(c[i] > 0 && double.IsFinite(c[i])))
                {
                    throw new ArgumentException($"Close of {symbols[s]} on {dates[d]:uuuu-MM-dd} must be positive and finite (or NaN for no row).", nameof(close));
                }

                if (double.IsNaN(c[i]))
                {
                    // No row: nothing may happen on that day. A split or a dividend there would be lost (the engine
                    // applies them with the close), so it is an error rather than a silent drop.
                    if (r[i] != 1 && !double.IsNaN(r[i]))
                    {
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{symbols[s]} has a split ratio of {r[i]} on {dates[d]:uuuu-MM-dd} but no close that day: a split needs a close on its ex-date."), nameof(splitRatio));
                    }

                    if (v[i] != 0 && !double.IsNaN(v[i]))
                    {
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{symbols[s]} has a dividend of {v[i]} on {dates[d]:uuuu-MM-dd} but no close that day: a dividend needs a close on its ex-date."), nameof(dividend));
                    }

                    (v[i], r[i]) = (0, 1);
                }

                if (v[i] < 0 || !double.IsFinite(v[i]))
                {
                    throw new ArgumentException($"Dividend of {symbols[s]} on {dates[d]:uuuu-MM-dd} must be finite and not negative.", nameof(dividend));
                }

                if (!(r[i] > 0 && double.IsFinite(r[i])))
                {
                    throw new ArgumentException($"Split ratio of {symbols[s]} on {dates[d]:uuuu-MM-dd} must be positive.", nameof(splitRatio));
                }
            }
        }

        return new PricePanel([.. dates], [.. order.Select(i => symbols[i])], c, m, v, r);
    }

    /// <summary>The last actual close of a symbol on or before a date index (NaN when it has none yet).</summary>
    internal double LastCloseOnOrBefore(int symbol, int date)
    {
        for (var d = date; d >= 0; d--)
        {
            var c = Close[(d * _symbols.Length) + symbol];
            if (!double.IsNaN(c))
            {
                return c;
            }
        }

        return double.NaN;
    }

    /// <summary>The index of a symbol, or -1.</summary>
    public int IndexOfSymbol(string symbol) => _symbolIndex.TryGetValue(symbol, out var i) ? i : -1;

    /// <summary>The index of a date, or -1 when it is not in the panel.</summary>
    public int IndexOfDate(LocalDate date)
    {
        var i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : -1;
    }

    /// <summary>The index of the last date on or before <paramref name="date"/>, or -1.</summary>
    public int IndexOnOrBefore(LocalDate date)
    {
        var i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The close of symbol <paramref name="symbol"/> on date <paramref name="date"/> (indices), NaN when there is no row.</summary>
    public double GetClose(int date, int symbol) => Close[Cell(date, symbol)];

    /// <summary>The market cap (NaN when unknown or no row).</summary>
    public double GetMarketCap(int date, int symbol) => MarketCap[Cell(date, symbol)];

    /// <summary>The dividend per share going ex on that date (0 when none).</summary>
    public double GetDividend(int date, int symbol) => Dividend[Cell(date, symbol)];

    /// <summary>The split ratio on that date (1 when none).</summary>
    public double GetSplitRatio(int date, int symbol) => SplitAt(Cell(date, symbol));

    /// <summary>The split ratio of a cell (1 when none).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal double SplitAt(int cell) => SplitRatio[cell];

    /// <summary>Whether the symbol has a row on that date.</summary>
    public bool HasRow(int date, int symbol) => !double.IsNaN(Close[Cell(date, symbol)]);

    private int Cell(int date, int symbol)
    {
        if ((uint)date >= (uint)_dates.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(date));
        }

        if ((uint)symbol >= (uint)_symbols.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(symbol));
        }

        return (date * _symbols.Length) + symbol;
    }

    private static void CheckShape(double[,] a, int nd, int ns, string name)
    {
        if (a.GetLength(0) != nd || a.GetLength(1) != ns)
        {
            throw new ArgumentException($"{name} must have {nd} rows (dates) and {ns} columns (symbols).", name);
        }
    }

    private static double Get(double[,] a, int d, int s, string name, int nd, int ns)
    {
        CheckShape(a, nd, ns, name);
        return a[d, s];
    }
}
