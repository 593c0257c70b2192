using System.Globalization;
using MathNet.Numerics.Statistics;
using NodaTime;

namespace Agix;

/// <summary>
/// The statistics of methodology section 7, computed from level series on their dates. Returns are daily simple
/// returns <c>r_t = L_t / L_(t-1) - 1</c> between consecutive observations; annualisation uses 252 trading days (and
/// 365.25 calendar days for the CAGR); sample moments use the N - 1 denominator. An undefined statistic is
/// <see cref="double.NaN"/>, never 0.
/// </summary>
/// <remarks>
/// Every method takes levels that are positive and finite, on strictly ascending dates. Series compared with each
/// other must be on the same dates (the backtest keeps the dates all series have in common).
/// </remarks>
public static class Statistics
{
    /// <summary>The trading days in a year, for annualising daily figures.</summary>
    public const int TradingDaysPerYear = 252;

    /// <summary>The calendar days in a year, for the CAGR.</summary>
    public const double CalendarDaysPerYear = 365.25;

    /// <summary>The default window of <see cref="Rolling"/>: about six months of trading days.</summary>
    public const int DefaultRollingWindow = 126;

    private static readonly double SqrtYear = Math.Sqrt(TradingDaysPerYear);

    /// <summary>The daily risk-free rate <c>rf_d = (1 + rf)^(1/252) - 1</c> of an annual rate rf.</summary>
    /// <param name="riskFreeAnnual">The annual rate, a fraction above -1.</param>
    public static double DailyRiskFree(double riskFreeAnnual)
    {
        ValidateRiskFree(riskFreeAnnual);
        return Math.Pow(1 + riskFreeAnnual, 1.0 / TradingDaysPerYear) - 1;
    }

    /// <summary>The N = n - 1 daily simple returns <c>r_t = L_t / L_(t-1) - 1</c> of n levels.</summary>
    public static double[] Returns(ReadOnlySpan<double> levels)
    {
        if (levels.Length < 2)
        {
            return [];
        }

        var r = new double[levels.Length - 1];
        for (var t = 1; t < levels.Length; t++)
        {
            r[t - 1] = (levels[t] / levels[t - 1]) - 1;
        }

        return r;
    }

    /// <summary>The statistics of one series: total return, CAGR, volatility, Sharpe, Sortino, maximum drawdown, Calmar.</summary>
    /// <param name="dates">The dates, strictly ascending; the first is the start.</param>
    /// <param name="levels">The level on each date; positive and finite; at least one.</param>
    /// <param name="riskFreeAnnual">The annual risk-free rate rf, a fraction (0 by default in the methodology).</param>
    /// <exception cref="ArgumentException">The inputs are empty, of different lengths, or out of range.</exception>
    public static SeriesStatistics Compute(IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels, double riskFreeAnnual)
    {
        ValidateSeries(dates, levels, nameof(levels));
        var rfDaily = DailyRiskFree(riskFreeAnnual);

        var growth = levels[^1] / levels[0];
        var days = Period.DaysBetween(dates[0], dates[^1]);
        var cagr = days == 0 ? double.NaN : Math.Pow(growth, CalendarDaysPerYear / days) - 1;

        var r = Returns(levels);
        var excess = Excess(r, rfDaily);
        var volatility = StandardDeviation(r) * SqrtYear;
        var meanExcess = Mean(excess);
        var sharpe = Ratio(meanExcess, StandardDeviation(excess)) * SqrtYear;
        var sortino = Ratio(meanExcess * SqrtYear, DownsideDeviation(excess));

        var drawdown = Deepest(Episodes(levels));
        double maxDrawdown = 0;
        LocalDate? peak = null, trough = null, recovery = null;
        if (drawdown is { } d)
        {
            maxDrawdown = d.Depth;
            peak = dates[d.Peak];
            trough = dates[d.Trough];
            recovery = d.Recovery < 0 ? null : dates[d.Recovery];
        }

        var calmar = maxDrawdown == 0 ? double.NaN : cagr / Math.Abs(maxDrawdown);
        return new SeriesStatistics(growth - 1, cagr, volatility, sharpe, sortino, maxDrawdown, peak, trough, recovery, calmar);
    }

    /// <summary>The statistics of a series against a benchmark on the same dates.</summary>
    /// <param name="dates">The common dates, strictly ascending; the first is the start.</param>
    /// <param name="levels">The series' level on each date; positive and finite.</param>
    /// <param name="benchmarkLevels">The benchmark's level on each date; positive and finite.</param>
    /// <param name="riskFreeAnnual">The annual risk-free rate rf, a fraction.</param>
    /// <exception cref="ArgumentException">The inputs are empty, of different lengths, or out of range.</exception>
    public static RelativeStatistics Relative(
        IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels, ReadOnlySpan<double> benchmarkLevels, double riskFreeAnnual)
    {
        ValidateSeries(dates, levels, nameof(levels));
        ValidateSeries(dates, benchmarkLevels, nameof(benchmarkLevels));
        var rfDaily = DailyRiskFree(riskFreeAnnual);

        var r = Returns(levels);
        var b = Returns(benchmarkLevels);
        var varR = SampleVariance(r);
        var varB = SampleVariance(b);
        var cov = SampleCovariance(r, b);

        var beta = Ratio(cov, varB);
        var alpha = (Mean(Excess(r, rfDaily)) - (beta * Mean(Excess(b, rfDaily)))) * TradingDaysPerYear;
        var correlation = Math.Clamp(Ratio(cov, Math.Sqrt(varR * varB)), -1, 1);

        var active = new double[r.Length];
        for (var t = 0; t < r.Length; t++)
        {
            active[t] = r[t] - b[t];
        }

        var trackingError = StandardDeviation(active) * SqrtYear;
        var informationRatio = Ratio(Mean(active) * TradingDaysPerYear, trackingError);

        var months = MonthlyReturns(dates, levels);
        var benchmarkMonths = MonthlyReturns(dates, benchmarkLevels);
        var upCapture = Capture(months, benchmarkMonths, up: true);
        var downCapture = Capture(months, benchmarkMonths, up: false);

        return new RelativeStatistics(beta, alpha, correlation, trackingError, informationRatio, upCapture, downCapture);
    }

    /// <summary>The calendar-year returns of a series (Month 0), oldest first; a year with no return in it is left out.</summary>
    /// <param name="dates">The dates, strictly ascending; the first is the start.</param>
    /// <param name="levels">The level on each date; positive and finite.</param>
    /// <exception cref="ArgumentException">The inputs are empty, of different lengths, or out of range.</exception>
    public static IReadOnlyList<PeriodReturn> CalendarYearReturns(IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels)
    {
        ValidateSeries(dates, levels, nameof(levels));
        return PeriodReturns(dates, levels, monthly: false).AsReadOnly();
    }

    /// <summary>The calendar-month returns of a series, oldest first; a month with no return in it is left out.</summary>
    /// <param name="dates">The dates, strictly ascending; the first is the start.</param>
    /// <param name="levels">The level on each date; positive and finite.</param>
    /// <exception cref="ArgumentException">The inputs are empty, of different lengths, or out of range.</exception>
    public static IReadOnlyList<PeriodReturn> MonthlyReturns(IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels)
    {
        ValidateSeries(dates, levels, nameof(levels));
        return PeriodReturns(dates, levels, monthly: true).AsReadOnly();
    }

    /// <summary>
    /// The <paramref name="top"/> deepest drawdown episodes, deepest first (the earlier first on a tie). An episode
    /// starts on the first date of a running high from which the level falls, and lasts until the level first
    /// exceeds that high: a return to exactly the high followed by a deeper fall stays one episode, so the
    /// deepest episode is the maximum drawdown of <see cref="Compute"/> with the same dates. Episodes do not overlap
    /// (one may recover on the date of the next one's peak).
    /// </summary>
    /// <param name="dates">The dates, strictly ascending; the first is the start.</param>
    /// <param name="levels">The level on each date; positive and finite.</param>
    /// <param name="top">How many episodes at most; 0 or more.</param>
    /// <exception cref="ArgumentException">The inputs are empty, of different lengths, or out of range.</exception>
    public static IReadOnlyList<Drawdown> Drawdowns(IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels, int top)
    {
        ValidateSeries(dates, levels, nameof(levels));
        ArgumentOutOfRangeException.ThrowIfNegative(top);

        var last = levels.Length - 1;
        return Episodes(levels)
            .OrderBy(e => e.Depth)
            .Take(top)
            .Select(e =>
            {
                var end = e.Recovery < 0 ? last : e.Recovery;
                return new Drawdown(
                    dates[e.Peak],
                    dates[e.Trough],
                    e.Recovery < 0 ? null : dates[e.Recovery],
                    e.Depth,
                    end - e.Peak,
                    Period.DaysBetween(dates[e.Peak], dates[end]));
            })
            .ToList().AsReadOnly();
    }

    /// <summary>
    /// Rolling annualised volatility and beta over the last <paramref name="window"/> daily returns. Element t of
    /// each array belongs to level t and uses the returns into levels t - window + 1 … t; it is NaN while fewer than
    /// <paramref name="window"/> returns are available (t &lt; window), and when undefined (beta of a benchmark of zero
    /// variance in the window).
    /// </summary>
    /// <param name="levels">The series' levels; positive and finite.</param>
    /// <param name="benchmarkLevels">The benchmark's levels on the same dates; positive and finite.</param>
    /// <param name="window">The number of returns in the window; at least 2.</param>
    /// <returns>Two arrays as long as <paramref name="levels"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ, a level is out of range, or the window is below 2.</exception>
    public static (double[] Volatility, double[] Beta) Rolling(
        ReadOnlySpan<double> levels, ReadOnlySpan<double> benchmarkLevels, int window = DefaultRollingWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        if (benchmarkLevels.Length != levels.Length)
        {
            throw new ArgumentException($"There are {benchmarkLevels.Length} benchmark levels for {levels.Length} levels.", nameof(benchmarkLevels));
        }

        ValidateLevels(levels, nameof(levels));
        ValidateLevels(benchmarkLevels, nameof(benchmarkLevels));

        var r = Returns(levels);
        var b = Returns(benchmarkLevels);
        var volatility = new double[levels.Length];
        var beta = new double[levels.Length];
        Array.Fill(volatility, double.NaN);
        Array.Fill(beta, double.NaN);
        // One buffer per side, refilled for each window: the same values as a fresh copy, without allocating two
        // arrays a day (they were a third of a cold `agix backtest`'s page faults, issue 12).
        var rw = new double[window];
        var bw = new double[window];
        for (var t = window; t < levels.Length; t++)
        {
            // The return into level t is r[t - 1].
            r.AsSpan(t - window, window).CopyTo(rw);
            b.AsSpan(t - window, window).CopyTo(bw);
            volatility[t] = StandardDeviation(rw) * SqrtYear;
            beta[t] = Ratio(SampleCovariance(rw, bw), SampleVariance(bw));
        }

        return (volatility, beta);
    }

    /// <summary>A drawdown episode as indices into the series; <c>Recovery</c> is -1 when not recovered.</summary>
    private readonly record struct Episode(int Peak, int Trough, int Recovery, double Depth);

    /// <summary>
    /// The drawdown episodes in date order. The series is cut at every strict new high; within a piece the peak is
    /// its first date (the first date the running high was reached), the trough its lowest level (first on a tie),
    /// and the recovery the first later date at or above the peak level. Pieces that never fall below the peak are
    /// not episodes.
    /// </summary>
    private static List<Episode> Episodes(ReadOnlySpan<double> levels)
    {
        var episodes = new List<Episode>();
        int peak = 0, trough = 0;
        double depth = 0;
        for (var t = 1; t < levels.Length; t++)
        {
            if (levels[t] > levels[peak])
            {
                if (depth < 0)
                {
                    episodes.Add(new Episode(peak, trough, FirstAtOrAbove(levels, levels[peak], trough + 1), depth));
                }

                peak = t;
                trough = t;
                depth = 0;
                continue;
            }

            var drawdown = (levels[t] / levels[peak]) - 1;
            if (drawdown < depth)
            {
                depth = drawdown;
                trough = t;
            }
        }

        if (depth < 0)
        {
            episodes.Add(new Episode(peak, trough, FirstAtOrAbove(levels, levels[peak], trough + 1), depth));
        }

        return episodes;
    }

    /// <summary>The deepest episode, the earliest on a tie; null when there is none.</summary>
    private static Episode? Deepest(List<Episode> episodes)
    {
        Episode? deepest = null;
        foreach (var e in episodes)
        {
            if (deepest is null || e.Depth < deepest.Value.Depth)
            {
                deepest = e;
            }
        }

        return deepest;
    }

    private static int FirstAtOrAbove(ReadOnlySpan<double> levels, double level, int from)
    {
        for (var t = from; t < levels.Length; t++)
        {
            if (levels[t] >= level)
            {
                return t;
            }
        }

        return -1;
    }

    /// <summary>
    /// Groups the returns by calendar period: each period's return runs from the last date before it (or the start)
    /// to its last date. A period is partial when its base date is not on or after the last NYSE trading day before
    /// the period, or its end date is before the period's last NYSE trading day.
    /// </summary>
    private static List<PeriodReturn> PeriodReturns(IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels, bool monthly)
    {
        var result = new List<PeriodReturn>();
        var baseIndex = 0;
        var i = 1;
        while (i < dates.Count)
        {
            var first = monthly ? new LocalDate(dates[i].Year, dates[i].Month, 1) : new LocalDate(dates[i].Year, 1, 1);
            var next = monthly ? first.PlusMonths(1) : first.PlusYears(1);
            var end = i;
            while (end + 1 < dates.Count && dates[end + 1] < next)
            {
                end++;
            }

            var start = dates[baseIndex];
            var coversStart = start < first && start >= NyseCalendar.PreviousTradingDay(first);
            var coversEnd = dates[end] >= NyseCalendar.PreviousTradingDay(next);
            result.Add(new PeriodReturn(
                first.Year,
                monthly ? first.Month : 0,
                (levels[end] / levels[baseIndex]) - 1,
                !(coversStart && coversEnd),
                start,
                dates[end]));

            baseIndex = end;
            i = end + 1;
        }

        return result;
    }

    /// <summary>The capture ratio over the months in which the benchmark rose (<paramref name="up"/>) or fell.</summary>
    private static double Capture(IReadOnlyList<PeriodReturn> months, IReadOnlyList<PeriodReturn> benchmarkMonths, bool up)
    {
        double series = 1, benchmark = 1;
        var n = 0;
        for (var m = 0; m < months.Count; m++)
        {
            var x = benchmarkMonths[m].Return;
            if (up ? x > 0 : x < 0)
            {
                series *= 1 + months[m].Return;
                benchmark *= 1 + x;
                n++;
            }
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var seriesMean = Math.Pow(series, 1.0 / n) - 1;
        var benchmarkMean = Math.Pow(benchmark, 1.0 / n) - 1;
        return Ratio(seriesMean, benchmarkMean);
    }

    private static double[] Excess(double[] r, double rfDaily)
    {
        var x = new double[r.Length];
        for (var t = 0; t < r.Length; t++)
        {
            x[t] = r[t] - rfDaily;
        }

        return x;
    }

    /// <summary>The arithmetic mean; NaN for no values.</summary>
    private static double Mean(double[] x) => x.Length == 0 ? double.NaN : ArrayStatistics.Mean(x);

    /// <summary>The sample variance (N - 1); NaN for fewer than 2 values; exactly 0 when all values are equal.</summary>
    private static double SampleVariance(double[] x) =>
        x.Length < 2 ? double.NaN : AllEqual(x) ? 0 : ArrayStatistics.Variance(x);

    /// <summary>The sample standard deviation (N - 1); NaN for fewer than 2 values; exactly 0 when all values are equal.</summary>
    private static double StandardDeviation(double[] x) => Math.Sqrt(SampleVariance(x));

    /// <summary>The sample covariance (N - 1); NaN for fewer than 2 pairs; exactly 0 when either side is constant.</summary>
    private static double SampleCovariance(double[] x, double[] y) =>
        x.Length < 2 ? double.NaN : AllEqual(x) || AllEqual(y) ? 0 : ArrayStatistics.Covariance(x, y);

    /// <summary>
    /// The downside deviation <c>√(mean over all N of min(x, 0)²)</c>; NaN for no values, and 0 when no value is
    /// below 0.
    /// </summary>
    private static double DownsideDeviation(double[] x)
    {
        if (x.Length == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var v in x)
        {
            var d = Math.Min(v, 0);
            sum += d * d;
        }

        return Math.Sqrt(sum / x.Length);
    }

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, NaN when the denominator is 0 or NaN.</summary>
    private static double Ratio(double numerator, double denominator) =>
        denominator == 0 || double.IsNaN(denominator) ? double.NaN : numerator / denominator;

    /// <summary>
    /// Whether all values are equal. The variance of equal values is exactly 0, which the floating-point formulas
    /// may miss by a rounding error, turning an undefined Sharpe ratio into a huge number.
    /// </summary>
    private static bool AllEqual(double[] x)
    {
        foreach (var v in x)
        {
            if (v != x[0])
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateRiskFree(double riskFreeAnnual)
    {
        if (!double.IsFinite(riskFreeAnnual) || riskFreeAnnual <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(riskFreeAnnual), riskFreeAnnual, "The annual risk-free rate must be finite and above -1.");
        }
    }

    private static void ValidateSeries(IReadOnlyList<LocalDate> dates, ReadOnlySpan<double> levels, string name)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (levels.Length == 0)
        {
            throw new ArgumentException("A series needs at least one level.", name);
        }

        ValidateDates(dates, levels.Length, name);
        ValidateLevels(levels, name);
    }

    private static void ValidateDates(IReadOnlyList<LocalDate> dates, int levelCount, string name)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count != levelCount)
        {
            throw new ArgumentException($"There are {levelCount} levels for {dates.Count} dates.", name);
        }

        for (var t = 1; t < dates.Count; t++)
        {
            if (dates[t] <= dates[t - 1])
            {
                throw new ArgumentException($"The dates must be strictly ascending: {dates[t]:uuuu-MM-dd} follows {dates[t - 1]:uuuu-MM-dd}.", name);
            }
        }
    }

    private static void ValidateLevels(ReadOnlySpan<double> levels, string name)
    {
        for (var t = 0; t < levels.Length; t++)
        {
            if (!(levels[t] > 0 && double.IsFinite(levels[t])))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Level {t} is {levels[t]}; levels must be positive and finite."), name);
            }
        }
    }
}
