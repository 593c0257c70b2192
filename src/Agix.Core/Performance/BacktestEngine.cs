using Agix.Indexing;
using Agix.Prices;
using NodaTime;

namespace Agix.Performance;

/// <summary>A benchmark compared with the index over the backtest window.</summary>
/// <param name="Symbol">The benchmark symbol.</param>
/// <param name="ReturnType">The return type it is shown in (price when it has no dividend data).</param>
/// <param name="Levels">Its levels on <see cref="BacktestResult.Dates"/>, rebased to the base value on the start date.</param>
/// <param name="Statistics">Its own statistics.</param>
/// <param name="Relative">The index relative to it.</param>
/// <param name="CalendarYears">Its calendar-year returns.</param>
/// <param name="RollingBeta">The index's rolling beta to it (126 daily returns; NaN until enough returns).</param>
/// <param name="RollingVolatility">Its rolling annualised volatility.</param>
public sealed record BenchmarkComparison(
    string Symbol,
    ReturnType ReturnType,
    IReadOnlyList<double> Levels,
    SeriesStatistics Statistics,
    RelativeStatistics Relative,
    IReadOnlyList<PeriodReturn> CalendarYears,
    IReadOnlyList<double> RollingBeta,
    IReadOnlyList<double> RollingVolatility);

/// <summary>Everything <c>agix backtest</c> reports: aligned series, statistics, period tables, attribution.</summary>
public sealed class BacktestResult
{
    internal BacktestResult(IndexResult index, ReturnType returnType, LocalDate[] dates, double[] levels, IReadOnlyList<BenchmarkComparison> benchmarks, SeriesStatistics statistics, IReadOnlyList<PeriodReturn> calendarYears, IReadOnlyList<PeriodReturn> months, IReadOnlyList<Drawdown> drawdowns, double[] drawdownSeries, double[] rollingVolatility, IReadOnlyList<AttributionPeriod> attribution, IReadOnlyDictionary<Theme, IReadOnlyList<double>> themeWeights, double riskFreeRate)
    {
        Index = index;
        ReturnType = returnType;
        DateArray = dates;
        LevelArray = levels;
        Benchmarks = benchmarks;
        Statistics = statistics;
        CalendarYears = calendarYears;
        Months = months;
        Drawdowns = drawdowns;
        DrawdownSeries = drawdownSeries;
        RollingVolatility = rollingVolatility;
        Attribution = attribution;
        ThemeWeights = themeWeights;
        RiskFreeRate = riskFreeRate;
    }

    /// <summary>Notes on the comparison, such as a window shortened by a benchmark that starts late.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>The underlying index computation (all dates from the base date).</summary>
    public IndexResult Index { get; }

    /// <summary>The index's return type.</summary>
    public ReturnType ReturnType { get; }

    /// <summary>The common trading days of the index and every benchmark in the window.</summary>
    public IReadOnlyList<LocalDate> Dates => DateArray;

    /// <summary>The index levels on <see cref="Dates"/>, rebased to the base value on the first date.</summary>
    public IReadOnlyList<double> Levels => LevelArray;

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
    public IReadOnlyList<double> DrawdownByDate => DrawdownSeries;

    /// <summary>The index's rolling annualised volatility (126 daily returns).</summary>
    public IReadOnlyList<double> IndexRollingVolatility => RollingVolatility;

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

/// <summary>Runs the backtest: the index from its base date, the benchmarks, aligned on common days in the window.</summary>
internal static class BacktestEngine
{
    public static BacktestResult Run(IndexData data, IReadOnlyList<string>? benchmarks = null, LocalDate? from = null, LocalDate? to = null, double? riskFreeRate = null)
    {
        var m = data.Methodology;
        var symbols = benchmarks ?? m.Benchmarks;
        var rf = riskFreeRate ?? m.RiskFreeRate;
        var start = from ?? m.BaseDate;
        if (start < m.BaseDate)
        {
            throw new InvalidInputException(Diagnostic.Error("--from", 0, 0, $"{IsoDate.Format(start)} is before the base date {IsoDate.Format(m.BaseDate)}; the index does not exist before it"));
        }

        var index = IndexEngine.Compute(data, to);
        var end = to ?? index.DateArray[^1];
        if (end <= start)
        {
            throw new InvalidInputException(Diagnostic.Error(from is null ? "--to" : "--from", 0, 0, $"the window {IsoDate.Format(start)} to {IsoDate.Format(end)} is empty (the index runs from {IsoDate.Format(m.BaseDate)} to {IsoDate.Format(index.DateArray[^1])})"));
        }

        var levels = index.LevelArray(m.ReturnType);
        var windowIdx = Enumerable.Range(0, index.DateArray.Length).Where(i => index.DateArray[i] >= start && index.DateArray[i] <= end).ToArray();
        if (windowIdx.Length < 2)
        {
            throw new InvalidInputException(Diagnostic.Error(data.PricesName, 0, 0, $"fewer than two index dates between {IsoDate.Format(start)} and {IsoDate.Format(end)}"));
        }

        // Common trading days: the index's dates in the window that every benchmark also has.
        var common = new HashSet<LocalDate>(windowIdx.Select(i => index.DateArray[i]));
        var series = new List<(string Symbol, LocalDate[] Dates, double[] Levels, ReturnType Type)>();
        foreach (var symbol in symbols)
        {
            if (data.Benchmarks is null)
            {
                throw new InvalidInputException(Diagnostic.Error("benchmarks", 0, 0, $"benchmark {symbol} was requested but no benchmark file was loaded"));
            }

            var (d, l, type) = BenchmarkSeries.Build(data.Benchmarks, symbol, m.ReturnType, m.WithholdingTax, data.BenchmarksName);
            var inWindow = d.Where(x => x >= start && x <= end).ToHashSet();
            if (inWindow.Count == 0)
            {
                throw new InvalidInputException(Diagnostic.Error(data.BenchmarksName, 0, 0, $"benchmark {symbol} has no data between {IsoDate.Format(start)} and {IsoDate.Format(end)} (its data runs from {IsoDate.Format(d[0])} to {IsoDate.Format(d[^1])})"));
            }

            common.IntersectWith(inWindow);
            series.Add((symbol, d, l, type));
        }

        var dates = common.Order().ToArray();
        if (dates.Length < 2)
        {
            throw new InvalidInputException(Diagnostic.Error(data.BenchmarksName, 0, 0, $"the index and the benchmarks share fewer than two trading days between {IsoDate.Format(start)} and {IsoDate.Format(end)}"));
        }

        var warnings = new List<Diagnostic>();
        foreach (var (symbol, d, _, _) in series)
        {
            if (d[0] > index.DateArray[windowIdx[0]])
            {
                warnings.Add(Diagnostic.Warning(data.BenchmarksName, 0, 0, $"benchmark {symbol} starts on {IsoDate.Format(d[0])}, after the start of the window {IsoDate.Format(index.DateArray[windowIdx[0]])}: every series is compared from {IsoDate.Format(dates[0])}"));
            }

            if (d[^1] < index.DateArray[windowIdx[^1]])
            {
                warnings.Add(Diagnostic.Warning(data.BenchmarksName, 0, 0, $"benchmark {symbol} ends on {IsoDate.Format(d[^1])}, before the end of the window {IsoDate.Format(index.DateArray[windowIdx[^1]])}: every series is compared up to {IsoDate.Format(dates[^1])}"));
            }
        }

        var baseValue = m.BaseValue;
        var idx = dates.Select(d => Array.BinarySearch(index.DateArray, d)).ToArray();
        var indexLevels = Rebase(idx.Select(i => levels[i]).ToArray(), baseValue);
        var stats = Statistics.Compute(dates, indexLevels, rf);
        var comparisons = new List<BenchmarkComparison>();
        foreach (var (symbol, d, l, type) in series)
        {
            var b = Rebase(dates.Select(x => l[Array.BinarySearch(d, x)]).ToArray(), baseValue);
            var (_, beta) = Statistics.Rolling(indexLevels, b);
            var (vol, _) = Statistics.Rolling(b, b);
            comparisons.Add(new BenchmarkComparison(symbol, type, b, Statistics.Compute(dates, b, rf), Statistics.Relative(dates, indexLevels, b, rf), Statistics.CalendarYearReturns(dates, b), beta, vol));
        }

        var drawdown = new double[indexLevels.Length];
        var high = indexLevels[0];
        for (var i = 0; i < indexLevels.Length; i++)
        {
            high = Math.Max(high, indexLevels[i]);
            drawdown[i] = (indexLevels[i] / high) - 1;
        }

        var themeWeights = ThemeNames.All.ToDictionary(t => t, _ => new double[dates.Length]);
        var nm = index.SymbolArray.Length;
        for (var j = 0; j < dates.Length; j++)
        {
            for (var k = 0; k < nm; k++)
            {
                themeWeights[index.ThemeArray[k]][j] += index.WeightMatrix[(idx[j] * nm) + k];
            }
        }

        // Themes that never hold weight (no budget, no members) are left out.
        var heldThemes = themeWeights.Where(t => t.Value.Any(w => w > 0)).ToDictionary(t => t.Key, t => (IReadOnlyList<double>)t.Value);

        // Attribution over the same common window as the statistics.
        var attribution = Performance.Attribution.Compute(index, data.Prices, m.ReturnType, idx[0], idx[^1]);
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
