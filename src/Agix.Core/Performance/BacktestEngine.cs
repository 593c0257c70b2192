using Agix.Indexing;
using Agix.Prices;
using NodaTime;

namespace Agix;

/// <summary>A benchmark compared with the index over the backtest window.</summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record BenchmarkComparison
{
    internal BenchmarkComparison(string symbol, ReturnType returnType, IReadOnlyList<double> levels, SeriesStatistics statistics, RelativeStatistics relative, IReadOnlyList<PeriodReturn> calendarYears, IReadOnlyList<double> rollingBeta, IReadOnlyList<double> rollingVolatility)
    {
        Symbol = symbol;
        ReturnType = returnType;
        Levels = levels;
        Statistics = statistics;
        Relative = relative;
        CalendarYears = calendarYears;
        RollingBeta = rollingBeta;
        RollingVolatility = rollingVolatility;
    }

    /// <summary>The benchmark symbol.</summary>
    public string Symbol { get; init; }

    /// <summary>The return type it is shown in (price when it has no dividend data).</summary>
    public ReturnType ReturnType { get; init; }

    /// <summary>/// Its levels rebased to the base value on its start date (its close on the start of the window, or its last close before it), put on <see cref="BacktestResult.Dates"/>: NaN on a date it has no close. </summary>
    public IReadOnlyList<double> Levels { get; init => field = Values.List(value); } = [];

    /// <summary>Its own statistics, on its own trading days in the window.</summary>
    public SeriesStatistics Statistics { get; init; }

    /// <summary>The index relative to it, on the trading days they share.</summary>
    public RelativeStatistics Relative { get; init; }

    /// <summary>Its calendar-year returns, on its own trading days.</summary>
    public IReadOnlyList<PeriodReturn> CalendarYears { get; init => field = Values.List(value); } = [];

    /// <summary>The index's rolling beta to it (126 common daily returns; NaN until enough returns and on dates it has no close).</summary>
    public IReadOnlyList<double> RollingBeta { get; init => field = Values.List(value); } = [];

    /// <summary>Its rolling annualised volatility (126 of its own daily returns), on <see cref="BacktestResult.Dates"/>.</summary>
    public IReadOnlyList<double> RollingVolatility { get; init => field = Values.List(value); } = [];
}

/// <summary>Everything <c>agix backtest</c> reports: aligned series, statistics, period tables, attribution.</summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed class BacktestResult
{
    internal BacktestResult(IndexResult index, ReturnType returnType, LocalDate[] dates, double[] levels, IReadOnlyList<BenchmarkComparison> benchmarks, SeriesStatistics statistics, IReadOnlyList<PeriodReturn> calendarYears, IReadOnlyList<PeriodReturn> months, IReadOnlyList<Drawdown> drawdowns, double[] drawdownSeries, double[] rollingVolatility, IReadOnlyList<AttributionPeriod> attribution, IReadOnlyDictionary<Theme, IReadOnlyList<double>> themeWeights, double riskFreeRate)
    {
        Index = index;
        ReturnType = returnType;
        DateArray = dates;
        LevelArray = levels;
        Benchmarks = Array.AsReadOnly([.. benchmarks]);
        Statistics = statistics;
        CalendarYears = Array.AsReadOnly([.. calendarYears]);
        Months = Array.AsReadOnly([.. months]);
        Drawdowns = Array.AsReadOnly([.. drawdowns]);
        DrawdownSeries = drawdownSeries;
        RollingVolatility = rollingVolatility;
        Attribution = Array.AsReadOnly([.. attribution]);
        ThemeWeights = new System.Collections.ObjectModel.ReadOnlyDictionary<Theme, IReadOnlyList<double>>(themeWeights.ToDictionary(t => t.Key, t => (IReadOnlyList<double>)Array.AsReadOnly([.. t.Value])));
        RiskFreeRate = riskFreeRate;
    }

    /// <summary>Notes on the comparison, such as a window shortened by a benchmark that starts late.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>The underlying index computation (all dates from the base date).</summary>
    public IndexResult Index { get; }

    /// <summary>The index's return type.</summary>
    public ReturnType ReturnType { get; }

    /// <summary>
    /// The index's trading days in the window: from its close on the start date (or its last trading day before it)
    /// to its last close on or before the end.
    /// </summary>
    public IReadOnlyList<LocalDate> Dates => field ??= Array.AsReadOnly(DateArray);

    /// <summary>The index levels on <see cref="Dates"/>, rebased to the base value on the first date.</summary>
    public IReadOnlyList<double> Levels => field ??= Array.AsReadOnly(LevelArray);

    /// <summary>The benchmarks, in the order requested.</summary>
    public IReadOnlyList<BenchmarkComparison> Benchmarks { get; }

    /// <summary>The index's statistics.</summary>
    public SeriesStatistics Statistics { get; }

    /// <summary>The index's calendar-year returns.</summary>
    public IReadOnlyList<PeriodReturn> CalendarYears { get; }

    /// <summary>The index's monthly returns.</summary>
    public IReadOnlyList<PeriodReturn> Months { get; }

    /// <summary>The five deepest drawdowns of the index.</summary>
    public IReadOnlyList<Drawdown> Drawdowns { get; }

    /// <summary>The index's drawdown on each date (0 at a new high, negative below it).</summary>
    public IReadOnlyList<double> DrawdownByDate => field ??= Array.AsReadOnly(DrawdownSeries);

    /// <summary>The index's rolling annualised volatility (126 daily returns).</summary>
    public IReadOnlyList<double> IndexRollingVolatility => field ??= Array.AsReadOnly(RollingVolatility);

    /// <summary>Contributions over the window (first) and per calendar year.</summary>
    public IReadOnlyList<AttributionPeriod> Attribution { get; }

    /// <summary>The end-of-day weight of each theme that holds any weight, on each date of <see cref="Dates"/>.</summary>
    public IReadOnlyDictionary<Theme, IReadOnlyList<double>> ThemeWeights { get; }

    /// <summary>The annual risk-free rate used.</summary>
    public double RiskFreeRate { get; }

    internal LocalDate[] DateArray { get; }

    internal double[] LevelArray { get; }

    internal double[] DrawdownSeries { get; }

    internal double[] RollingVolatility { get; }
}

/// <summary>
/// Runs the backtest: the index from its base date, then every series over the window. Each series starts at its
/// close on the start date, or on its last trading day before it, and ends at its last close on or before the end;
/// its own statistics use its own trading days, and the relative statistics of a benchmark the days it shares
/// with the index.
/// </summary>
internal static class BacktestEngine
{
    /// <summary>
    /// The index and its comparison with each benchmark over the window: every error and warning a backtest gives
    /// (<see cref="Backtest.Validate"/> stops here; <see cref="Run"/> goes on with the report's series).
    /// </summary>
    public static Compared Compare(IndexData data, IReadOnlyList<string>? benchmarks = null, LocalDate? from = null, LocalDate? to = null, double? riskFreeRate = null, List<Infeasibility>? infeasible = null)
    {
        var m = data.Methodology;
        var symbols = benchmarks ?? m.Benchmarks;
        var rf = riskFreeRate ?? m.RiskFreeRate;
        var start = from ?? m.BaseDate;
        if (start < m.BaseDate)
        {
            throw new InvalidInputException(Diagnostic.Error(Subjects.WindowStart, 0, 0, $"{IsoDate.Format(start)} is before the base date {IsoDate.Format(m.BaseDate)}; the index does not exist before it"));
        }

        var index = IndexEngine.Compute(data, to, infeasible);
        var all = index.DateArray;

        // The index's window: its close on the start date or its last trading day before it, to its last close on
        // or before the end (the data's as-of date at the latest).
        var first = LastOnOrBefore(all, start);
        var last = LastOnOrBefore(all, to ?? all[^1]);
        if (last <= first)
        {
            throw new InvalidInputException(Diagnostic.Error(from is null ? Subjects.WindowEnd : Subjects.WindowStart, 0, 0, $"the window {IsoDate.Format(start)} to {IsoDate.Format(to ?? all[^1])} has fewer than two index closes (the index runs from {IsoDate.Format(m.BaseDate)} to {IsoDate.Format(all[^1])})"));
        }

        var dates = all[first..(last + 1)];
        var indexLevels = Rebase(index.LevelArray(m.ReturnType)[first..(last + 1)], m.BaseValue);
        var stats = Statistics.Compute(dates, indexLevels, rf);
        var warnings = new List<Diagnostic>();
        var comparisons = new List<BenchmarkComparison>();
        foreach (var symbol in symbols)
        {
            if (data.Benchmarks is null)
            {
                throw new InvalidInputException(Diagnostic.Error("benchmarks", 0, 0, $"benchmark {symbol} was requested but no benchmark file was loaded"));
            }

            comparisons.Add(Compare(data, symbol, dates, indexLevels, start, rf, warnings));
        }

        return new Compared(index, first, last, dates, indexLevels, stats, comparisons, warnings);
    }

    /// <summary>The backtest: <see cref="Compare(IndexData, IReadOnlyList{string}?, LocalDate?, LocalDate?, double?, List{Infeasibility}?)"/>, then the report's series (drawdowns, theme weights, attribution, rolling volatility).</summary>
    public static BacktestResult Run(IndexData data, IReadOnlyList<string>? benchmarks = null, LocalDate? from = null, LocalDate? to = null, double? riskFreeRate = null, List<Infeasibility>? infeasible = null)
    {
        var m = data.Methodology;
        var rf = riskFreeRate ?? m.RiskFreeRate;
        var (index, first, last, dates, indexLevels, stats, comparisons, warnings) = Compare(data, benchmarks, from, to, riskFreeRate, infeasible);
        var drawdown = new double[indexLevels.Length];
        var high = indexLevels[0];
        for (var i = 0; i < indexLevels.Length; i++)
        {
            high = Math.Max(high, indexLevels[i]);
            drawdown[i] = (indexLevels[i] / high) - 1;
        }

        var themeWeights = index.ThemeArray.Distinct().Order().ToDictionary(t => t, _ => new double[dates.Length]);
        var nm = index.SymbolArray.Length;
        for (var j = 0; j < dates.Length; j++)
        {
            for (var k = 0; k < nm; k++)
            {
                themeWeights[index.ThemeArray[k]][j] += index.WeightMatrix[((first + j) * nm) + k];
            }
        }

        // Themes that never hold weight (no budget, no members) are left out.
        var heldThemes = themeWeights.Where(t => t.Value.Any(w => w > 0)).ToDictionary(t => t.Key, t => (IReadOnlyList<double>)t.Value);

        // Attribution over the same window as the index's statistics.
        var attribution = Attribution.Compute(index, data.Prices, m.ReturnType, first, last);
        var (indexVol, _) = Statistics.Rolling(indexLevels, indexLevels);
        return new BacktestResult(
            index,
            m.ReturnType,
            dates,
            indexLevels,
            comparisons,
            stats,
            Statistics.CalendarYearReturns(dates, indexLevels),
            Statistics.MonthlyReturns(dates, indexLevels),
            Statistics.Drawdowns(dates, indexLevels, 5),
            drawdown,
            indexVol,
            attribution,
            heldThemes,
            rf)
        {
            Warnings = warnings,
        };
    }

    /// <summary>What <see cref="Compare(IndexData, IReadOnlyList{string}?, LocalDate?, LocalDate?, double?, List{Infeasibility}?)"/> gives: the index, its window and levels there, its statistics, the comparisons and their warnings.</summary>
    internal sealed record Compared(IndexResult Index, int First, int Last, LocalDate[] Dates, double[] IndexLevels, SeriesStatistics Statistics, List<BenchmarkComparison> Comparisons, List<Diagnostic> Warnings);

    /// <summary>One benchmark: its own window and statistics, and the index relative to it on their common days.</summary>
    private static BenchmarkComparison Compare(IndexData data, string symbol, LocalDate[] dates, double[] indexLevels, LocalDate start, double rf, List<Diagnostic> warnings)
    {
        var m = data.Methodology;
        var source = data.BenchmarksName;
        var end = dates[^1];
        var (d, l, type) = BenchmarkSeries.Build(data.Benchmarks!, symbol, m.ReturnType, m.WithholdingTax, source);
        var first = LastOnOrBefore(d, start);
        if (first < 0)
        {
            // The benchmark starts after the start of the window: it is compared from its first close.
            first = 0;
            if (d[0] <= end)
            {
                warnings.Add(Diagnostic.Warning(source, 0, 0, $"benchmark {symbol} starts on {IsoDate.Format(d[0])}, after the start of the window {IsoDate.Format(dates[0])}: its statistics, and its comparison with the index, start there"));
            }
        }

        var last = LastOnOrBefore(d, end);
        if (last <= first || d[first] > end)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0, $"benchmark {symbol} has fewer than two closes between {IsoDate.Format(dates[0])} and {IsoDate.Format(end)} (its data runs from {IsoDate.Format(d[0])} to {IsoDate.Format(d[^1])})"));
        }

        if (d[last] < end)
        {
            warnings.Add(Diagnostic.Warning(source, 0, 0, $"benchmark {symbol} ends on {IsoDate.Format(d[last])}, before the end of the window {IsoDate.Format(end)}: its statistics, and its comparison with the index, end there"));
        }

        var own = d[first..(last + 1)];
        var levels = Rebase(l[first..(last + 1)], m.BaseValue);

        // The days the index and the benchmark share, for the relative statistics.
        var (onIndex, onBenchmark) = Common(dates, own);
        if (onIndex.Length < 2)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0, $"the index and benchmark {symbol} share fewer than two trading days between {IsoDate.Format(dates[0])} and {IsoDate.Format(end)}"));
        }

        var commonDates = onIndex.Select(i => dates[i]).ToArray();
        var x = onIndex.Select(i => indexLevels[i]).ToArray();
        var y = onBenchmark.Select(j => levels[j]).ToArray();
        var (_, beta) = Statistics.Rolling(x, y);
        var (vol, _) = Statistics.Rolling(levels, levels);
        return new BenchmarkComparison(
            symbol,
            type,
            Array.AsReadOnly(OnIndexDates(dates, own, levels)),
            Statistics.Compute(own, levels, rf),
            Statistics.Relative(commonDates, x, y, rf),
            Statistics.CalendarYearReturns(own, levels),
            Array.AsReadOnly(OnIndexDates(dates, commonDates, beta)),
            Array.AsReadOnly(OnIndexDates(dates, own, vol)));
    }

    /// <summary>The positions in <paramref name="a"/> and <paramref name="b"/> (both ascending) of the dates they share.</summary>
    private static (int[] InA, int[] InB) Common(LocalDate[] a, LocalDate[] b)
    {
        var inA = new List<int>();
        var inB = new List<int>();
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            var c = a[i].CompareTo(b[j]);
            if (c == 0)
            {
                inA.Add(i++);
                inB.Add(j++);
            }
            else if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return ([.. inA], [.. inB]);
    }

    /// <summary>A series on its own dates, put on the index's dates: NaN on an index date it has no value for.</summary>
    private static double[] OnIndexDates(LocalDate[] indexDates, LocalDate[] own, double[] values)
    {
        var result = new double[indexDates.Length];
        Array.Fill(result, double.NaN);
        var (inIndex, inOwn) = Common(indexDates, own);
        for (var k = 0; k < inIndex.Length; k++)
        {
            result[inIndex[k]] = values[inOwn[k]];
        }

        return result;
    }

    /// <summary>The position of the last date on or before <paramref name="date"/>, or -1.</summary>
    private static int LastOnOrBefore(LocalDate[] dates, LocalDate date)
    {
        var i = Array.BinarySearch(dates, date);
        return i >= 0 ? i : ~i - 1;
    }

    private static double[] Rebase(double[] levels, double baseValue)
    {
        var first = levels[0];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = levels[i] / first * baseValue;
        }

        return levels;
    }
}
