using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Agix.Prices;

/// <summary>
/// Sanity checks on a price file that has no errors (methodology "Data checks"): probable unrecorded splits,
/// market caps that disagree with the close or the share count, and stale prices. Each finding is a warning that
/// names the file, line, symbol, date and the numbers involved. Per symbol and rule at most <see cref="MaxListed"/>
/// findings are listed, then one warning counts the rest.
/// </summary>
/// <remarks>
/// "Day-on-day" means consecutive rows of the same symbol in date order: a day without a row is skipped and the
/// close is compared with the symbol's previous close. Thresholds are inclusive of the tolerance up to 1e-9, so
/// that a ratio of exactly 0.515 counts as within 3 % of 1/2.
/// </remarks>
internal static class DataChecks
{
    /// <summary>A ratio r is "within 3 % of N" when |r / N − 1| ≤ 0.03, and of 1/N when |r · N − 1| ≤ 0.03.</summary>
    public const double SplitTolerance = 0.03;

    /// <summary>A ratio below this is a fall of more than 60 %.</summary>
    public const double LargeFall = 0.4;

    /// <summary>A ratio above this is a rise of more than 60 %.</summary>
    public const double LargeRise = 1.6;

    /// <summary>The largest relative difference allowed between <c>market_cap</c> and close × shares_outstanding.</summary>
    public const double CapTolerance = 0.01;

    /// <summary>A market cap (or close) ratio outside [1 − this, 1 + this] is a move of more than 50 %.</summary>
    public const double LargeMove = 0.5;

    /// <summary>A ratio strictly inside (1 − this, 1 + this) is a move of less than 10 %.</summary>
    public const double SmallMove = 0.1;

    /// <summary>The shortest run of identical closes reported as stale.</summary>
    public const int StaleDays = 10;

    /// <summary>The findings listed in full per symbol and rule; the rest are counted.</summary>
    public const int MaxListed = 5;

    private const double Epsilon = 1e-9;

    /// <summary>Runs the panel checks (splits, market-cap moves, stale closes) on every symbol.</summary>
    /// <param name="panel">A panel read from <paramref name="file"/> without errors.</param>
    /// <param name="linesOf">
    /// The lines of the given cells (distinct, ascending; a cell is <c>date · symbols + symbol</c>), in the same order;
    /// asked once, for the cells of the findings only, so that a reader may find the lines again only then.
    /// </param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="bag">Where the warnings go.</param>
    /// <remarks>
    /// The symbols are checked in blocks, in parallel; the findings are then put back in the order of a single pass
    /// date by date (within a date, symbol by symbol), then symbol by symbol for what the end of the panel reports.
    /// </remarks>
    public static void Run(PricePanel panel, Func<int[], int[]> linesOf, string file, DiagnosticBag bag)
    {
        var n = panel.SymbolCount;
        var state = new SymbolState(n);
        var block = Math.Max(64, n / (4 * Environment.ProcessorCount));
        var blocks = (n + block - 1) / block;
        var found = new List<Finding>[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            var findings = found[b] = [];
            int first = b * block, end = Math.Min(n, first + block);
            CheckBlock(panel, state, first, end, findings);

            for (var s = first; s < end; s++)
            {
                if (state.Previous[s] >= 0)
                {
                    Stale(panel, state, s, findings, panel.DateCount);
                }

                var symbol = panel.Symbols[s];
                findings.Add(Summary(symbol, state.Jumps[s], "probable unrecorded split(s) or large move(s)", panel.DateCount, s));
                findings.Add(Summary(symbol, state.CapMoves[s], "market cap move(s) that disagree with the close", panel.DateCount, s));
                findings.Add(Summary(symbol, state.StaleRuns[s], "run(s) of stale closes", panel.DateCount, s));
            }

            findings.RemoveAll(f => f.Text is null);
        });

        // Back in the order of one pass: by date, then symbol; the findings of one cell in the order made.
        var all = new List<(Finding Finding, int Order)>();
        foreach (var findings in found)
        {
            all.AddRange(findings.Select((f, i) => (f, i)));
        }

        all.Sort((x, y) => x.Finding.Date != y.Finding.Date ? x.Finding.Date.CompareTo(y.Finding.Date)
            : x.Finding.Symbol != y.Finding.Symbol ? x.Finding.Symbol.CompareTo(y.Finding.Symbol)
            : x.Order.CompareTo(y.Order));
        var cells = all.SelectMany(x => new[] { x.Finding.Cell, x.Finding.EndCell }).Where(c => c >= 0).Distinct().Order().ToArray();
        var lines = cells.Length == 0 ? [] : linesOf(cells);
        int Line(int cell) => cell < 0 ? 0 : lines[Array.BinarySearch(cells, cell)];
        foreach (var (f, _) in all)
        {
            var text = f.EndCell < 0 ? f.Text! : string.Create(CultureInfo.InvariantCulture, $"{f.Text}{Line(f.Cell)} to {Line(f.EndCell)}{f.After}");
            bag.Warning(file, Line(f.Cell), 0, text);
        }
    }

    /// <summary>
    /// The row check: whether a <c>market_cap</c> given together with <c>shares_outstanding</c> differs from
    /// close × shares by more than 1 %. Counts the finding in <paramref name="count"/> and lists the first few.
    /// </summary>
    public static void CapAgainstShares(string file, int line, ReadOnlySpan<char> symbol, LocalDate date, double close, double shares, double cap, ref int count, DiagnosticBag bag)
    {
        var product = close * shares;
        var deviation = (cap / product) - 1;
        if (Math.Abs(deviation) <= CapTolerance + Epsilon || !List(ref count))
        {
            return;
        }

        bag.Warning(file, line, 0, string.Create(CultureInfo.InvariantCulture, $"{symbol} {IsoDate.Format(date)}: market_cap {N(cap)} differs from close {N(close)} × shares_outstanding {N(shares)} = {product:0.##} by {deviation * 100:+0.00;-0.00} % (more than {CapTolerance * 100:0.#} %)"));
    }

    /// <summary>After the rows: one warning per symbol whose cap/shares findings were not all listed.</summary>
    public static void SummariseCapAgainstShares(string file, IReadOnlyList<string> symbols, int[] counts, DiagnosticBag bag)
    {
        for (var s = 0; s < counts.Length; s++)
        {
            Summarise(file, symbols[s], counts[s], "market_cap / shares_outstanding mismatch(es)", bag);
        }
    }

    /// <summary>
    /// What a day-on-day close ratio (after the recorded split) suggests: a probable N-for-1 or 1-for-N split, a
    /// move of more than 60 %, or nothing (null).
    /// </summary>
    internal static string? Jump(double ratio)
    {
        // Most days: no N ≥ 2 is within 3 % of the ratio or of its inverse, and it is no 60 % move either.
        if (ratio > 0.52 && ratio < 1.5)
        {
            return null;
        }

        var implied = ImpliedSplit(ratio);
        if (implied >= 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a probable unrecorded {implied}-for-1 split");
        }

        if (implied <= -2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a probable unrecorded 1-for-{-implied} reverse split");
        }

        return ratio < LargeFall ? string.Create(CultureInfo.InvariantCulture, $"a fall of more than 60 % in a day (previous / close = {1 / ratio:0.00}): an unrecorded split or a data error")
            : ratio > LargeRise ? string.Create(CultureInfo.InvariantCulture, $"a rise of more than 60 % in a day (close / previous = {ratio:0.00}): an unrecorded reverse split or a data error")
            : null;
    }

    /// <summary>N ≥ 2 when the ratio is within 3 % of 1/N (an N-for-1 split), −N when within 3 % of N (1-for-N), else 0.</summary>
    private static long ImpliedSplit(double ratio)
    {
        if (ratio < 1)
        {
            var n = Math.Round(1 / ratio);
            return n >= 2 && n <= 1e9 && Math.Abs((ratio * n) - 1) <= SplitTolerance + Epsilon ? (long)n : 0;
        }

        var m = Math.Round(ratio);
        return m >= 2 && m <= 1e9 && Math.Abs((ratio / m) - 1) <= SplitTolerance + Epsilon ? -(long)m : 0;
    }

    /// <summary>
    /// The checks of every row of symbols <paramref name="first"/> to <paramref name="end"/> − 1 against the symbol's
    /// previous row, date by date.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckBlock(PricePanel panel, SymbolState state, int first, int end, List<Finding> findings)
    {
        var n = panel.SymbolCount;
        var closes = panel.Close;
        var caps = panel.MarketCap;
        var hasSplits = panel.HasSplits;
        var previousRow = state.Previous;
        var runStart = state.RunStart;
        var runLength = state.RunLength;
        for (var d = 0; d < panel.DateCount; d++)
        {
            var row = d * n;
            for (var s = first; s < end; s++)
            {
                var cell = row + s;
                var close = closes[cell];
                if (double.IsNaN(close))
                {
                    continue;
                }

                var previous = previousRow[s];
                previousRow[s] = d;
                if (previous < 0)
                {
                    (runStart[s], runLength[s]) = (d, 1);
                    continue;
                }

                var before = (previous * n) + s;
                var previousClose = closes[before];
                var split = hasSplits[s] ? panel.SplitAt(cell) : 1; // no read of a column without splits
                var adjusted = close * split;
                var cap = caps[cell];
                var previousCap = caps[before];
                if (!(adjusted > 0.55 * previousClose && adjusted < 1.45 * previousClose && cap > 0.55 * previousCap && cap < 1.45 * previousCap))
                {
                    // Most days skip this, without a division: both ratios are well inside (0.52, 1.5), so there is
                    // no jump (see Jump) and no move of more than 50 % (see CapMove), whatever the rounding.
                    Moves(panel, state, d, s, previous, close, split, cap, previousCap, findings);
                }

                if (close == previousClose)
                {
                    runLength[s]++;
                    continue;
                }

                if (runLength[s] >= StaleDays)
                {
                    previousRow[s] = previous; // the run ended on the previous row
                    Stale(panel, state, s, findings, d);
                    previousRow[s] = d;
                }

                (runStart[s], runLength[s]) = (d, 1);
            }
        }
    }

    /// <summary>The jump and market-cap move checks of a row against the symbol's previous row.</summary>
    private static void Moves(PricePanel panel, SymbolState state, int d, int s, int previous, double close, double split, double cap, double previousCap, List<Finding> findings)
    {
        var n = panel.SymbolCount;
        var dates = panel.DateArray;
        var cell = (d * n) + s;
        var previousClose = panel.Close[(previous * n) + s];
        var ratio = close * split / previousClose;
        if ((ratio > 0.52 && ratio < 1.5 ? null : Jump(ratio)) is { } jump) // the common case without a call (see Jump)
        {
            if (List(ref state.Jumps[s]))
            {
                findings.Add(new Finding(d, s, cell, JumpMessage(panel.Symbols[s], dates[d], close, split, ratio, previousClose, dates[previous], jump)));
            }
        }
        else
        {
            if (!double.IsNaN(cap) && !double.IsNaN(previousCap) && CapMove(cap / previousCap, ratio) is { } what && List(ref state.CapMoves[s]))
            {
                findings.Add(new Finding(d, s, cell, string.Create(CultureInfo.InvariantCulture, $"{panel.Symbols[s]} {IsoDate.Format(dates[d])}: market cap {N(cap)} is {cap / previousCap:0.0000} × the previous {N(previousCap)} ({IsoDate.Format(dates[previous])}) while the close {N(close)}{SplitNote(split)} is {ratio:0.0000} × the previous close {N(previousClose)}: {what}")));
            }
        }
    }

    /// <summary>
    /// Reports the symbol's current run of equal closes (ending on its previous row) when it is long enough; found on
    /// date index <paramref name="at"/> (the panel's date count at its end).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Stale(PricePanel panel, SymbolState state, int s, List<Finding> findings, int at)
    {
        if (state.RunLength[s] < StaleDays || !List(ref state.StaleRuns[s]))
        {
            return;
        }

        var n = panel.SymbolCount;
        var dates = panel.DateArray;
        int first = state.RunStart[s], last = state.Previous[s], length = state.RunLength[s];
        var symbol = panel.Symbols[s];
        var text = string.Create(CultureInfo.InvariantCulture, $"{symbol} {IsoDate.Format(dates[first])} to {IsoDate.Format(dates[last])}: the same close {N(panel.Close[(first * n) + s])} on {length} consecutive trading days of {symbol} (lines ");
        findings.Add(new Finding(at, s, (first * n) + s, text, (last * n) + s, "): a probable stale price"));
    }

    private static string JumpMessage(string symbol, LocalDate date, double close, double split, double ratio, double previousClose, LocalDate previousDate, string jump)
    {
        var at = $"{symbol} {IsoDate.Format(date)}";
        if (split == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{at}: close {N(close)} is {ratio:0.0000} × the previous close {N(previousClose)} ({IsoDate.Format(previousDate)}) with split_ratio 1: {jump}");
        }

        // A recorded split that does not explain the move: say what the raw closes suggest instead.
        var raw = close / previousClose;
        var implied = ImpliedSplit(raw);
        var suggestion = implied >= 2 ? string.Create(CultureInfo.InvariantCulture, $"the closes suggest a {implied}-for-1 split (split_ratio {implied})")
            : implied <= -2 ? string.Create(CultureInfo.InvariantCulture, $"the closes suggest a 1-for-{-implied} reverse split (split_ratio {N(-1.0 / implied)})")
            : raw >= LargeFall && raw <= LargeRise ? "the closes suggest no split (split_ratio 1)"
            : "a split of that ratio does not explain the move";
        return string.Create(CultureInfo.InvariantCulture, $"{at}: close {N(close)} × split_ratio {N(split)} is {ratio:0.0000} × the previous close {N(previousClose)} ({IsoDate.Format(previousDate)}): split_ratio {N(split)} looks wrong, {suggestion}");
    }

    /// <summary>The market-cap move finding for a day whose split-adjusted close ratio is not already a jump, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string? CapMove(double capRatio, double closeRatio)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static bool Large(double r) => r > 1 + LargeMove + Epsilon || r < 1 - LargeMove - Epsilon;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static bool Small(double r) => Math.Abs(r - 1) < SmallMove;
        return Large(capRatio) && Small(closeRatio) ? "the market cap moves by more than 50 % while the close moves by less than 10 %"
            : Large(closeRatio) && Small(capRatio) ? "the close moves by more than 50 % while the market cap moves by less than 10 %"
            : null;
    }

    private static string SplitNote(double split) => split == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" × split_ratio {N(split)}");

    private static bool List(ref int count) => ++count <= MaxListed;

    private static void Summarise(string file, string symbol, int count, string what, DiagnosticBag bag)
    {
        if (Summary(symbol, count, what, 0, 0).Text is { } text)
        {
            bag.Warning(file, 0, 0, text);
        }
    }

    /// <summary>The count of the findings not listed, when there are such (Text null otherwise).</summary>
    private static Finding Summary(string symbol, int count, string what, int date, int s) =>
        new(date, s, -1, count > MaxListed ? string.Create(CultureInfo.InvariantCulture, $"{symbol}: {count - MaxListed} more {what} not listed ({count} in all)") : null);

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A warning found on date index <see cref="Date"/> for symbol <see cref="Symbol"/>, on the line of
    /// <see cref="Cell"/> (none when -1); with an <see cref="EndCell"/>, the text goes on with the lines of both cells
    /// and <see cref="After"/>.
    /// </summary>
    private readonly record struct Finding(int Date, int Symbol, int Cell, string? Text, int EndCell = -1, string? After = null);

    /// <summary>What the checks remember per symbol: its previous row, its current run of equal closes, its counts.</summary>
    private sealed class SymbolState
    {
        public SymbolState(int symbols)
        {
            Previous = new int[symbols];
            Array.Fill(Previous, -1);
            RunStart = new int[symbols];
            RunLength = new int[symbols];
            Jumps = new int[symbols];
            CapMoves = new int[symbols];
            StaleRuns = new int[symbols];
        }

        /// <summary>The date index of the symbol's previous row (-1 before its first).</summary>
        public int[] Previous { get; }

        public int[] RunStart { get; }

        public int[] RunLength { get; }

        public int[] Jumps { get; }

        public int[] CapMoves { get; }

        public int[] StaleRuns { get; }
    }
}
