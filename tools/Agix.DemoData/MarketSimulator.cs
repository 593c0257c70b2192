using NodaTime;

namespace Agix.DemoData;

/// <summary>One generated row. Money is held in integers so that formatting is exact.</summary>
/// <param name="Date">Trading day.</param>
/// <param name="Symbol">Ticker.</param>
/// <param name="CloseCents">Raw close in cents.</param>
/// <param name="DividendTenThousandths">Cash dividend per share with its ex-date on this day, in 1/10000 of a dollar.</param>
/// <param name="SplitRatio">N on the ex-date of an N-for-1 split, else 1.</param>
/// <param name="Shares">Shares outstanding (stocks only).</param>
/// <param name="MarketCap">round(close x shares) in dollars (stocks only).</param>
internal sealed record PriceRow(
    LocalDate Date,
    string Symbol,
    long CloseCents,
    long DividendTenThousandths,
    int SplitRatio,
    long? Shares,
    long? MarketCap);

/// <summary>The generated data set.</summary>
/// <param name="TradingDays">Every NYSE trading day of the period.</param>
/// <param name="Prices">Stock rows sorted by date, then symbol (ordinal).</param>
/// <param name="Benchmarks">Benchmark rows sorted by date, then symbol (ordinal).</param>
internal sealed record DemoMarket(IReadOnlyList<LocalDate> TradingDays, IReadOnlyList<PriceRow> Prices, IReadOnlyList<PriceRow> Benchmarks);

/// <summary>
/// A one-factor-per-theme model of daily simple returns,
/// r = drift + beta sm em + st et + si ei, where em (market), et (theme) and ei (the stock's own noise) are Student-t
/// shocks with 4 degrees of freedom scaled to unit variance and centred within each calendar year (a bridge), and
/// sm, st, si are daily volatilities. The drift makes the yearly log return about beta M + T + alpha + S: a
/// scenario for the market (M) and the themes (T), the stock's alpha and a yearly surprise S drawn from the seed.
/// Centring keeps the yearly returns plausible while the daily paths stay fat-tailed. Every series draws from its
/// own PCG32 stream of the seed, so changing one stock does not change the others.
/// </summary>
internal static class MarketSimulator
{
    private const double MinDailyReturn = -0.5;
    private const double MaxDailyReturn = 1.0;

    /// <summary>Generates the whole data set for <paramref name="seed"/>.</summary>
    public static DemoMarket Generate(ulong seed)
    {
        var days = TradingDays(DemoUniverse.Start, DemoUniverse.End);
        var returnsPerYear = days.Skip(1).GroupBy(d => d.Year).ToDictionary(g => g.Key, g => g.Count());
        var market = CentredShocks(days, 1, days.Count - 1, new Pcg32(seed, "market"));
        var themes = ThemeNames.Defaults.ToDictionary(theme => theme, theme => CentredShocks(days, 1, days.Count - 1, new Pcg32(seed, "theme:" + theme.ToName())));
        var model = new FactorModel(days, returnsPerYear, market, themes);

        var prices = new List<PriceRow>();
        foreach (var stock in DemoUniverse.Stocks)
        {
            prices.AddRange(SimulateStock(stock, model, new Pcg32(seed, "stock:" + stock.Symbol)));
        }

        var indexReturns = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["^GSPC"] = SnpReturns(model),
            ["^NDX"] = NasdaqReturns(model, new Pcg32(seed, "benchmark:^NDX")),
        };
        var benchmarks = new List<PriceRow>();
        foreach (var benchmark in DemoUniverse.Benchmarks)
        {
            var returns = indexReturns[benchmark.Tracks ?? benchmark.Symbol];
            benchmarks.AddRange(SimulateBenchmark(benchmark, days, returns));
        }

        return new DemoMarket(days, Sorted(prices), Sorted(benchmarks));
    }

    /// <summary>The NYSE trading days from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    public static IReadOnlyList<LocalDate> TradingDays(LocalDate start, LocalDate end)
    {
        var days = new List<LocalDate>();
        for (var d = start; d <= end; d = d.PlusDays(1))
        {
            if (NyseCalendar.IsTradingDay(d))
            {
                days.Add(d);
            }
        }

        return days;
    }

    /// <summary>The ex-dates of a dividend policy inside the trading range of a stock.</summary>
    public static HashSet<LocalDate> ExDates(DividendPolicy policy, LocalDate first, LocalDate last)
    {
        var result = new HashSet<LocalDate>();
        for (var year = first.Year; year <= last.Year; year++)
        {
            foreach (var month in policy.Months)
            {
                var exDate = new LocalDate(year, month, policy.Day);
                while (!NyseCalendar.IsTradingDay(exDate))
                {
                    exDate = exDate.PlusDays(1);
                }

                if (exDate >= policy.First && exDate <= policy.Last && exDate > first && exDate <= last)
                {
                    result.Add(exDate);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Unit-variance Student-t(4) shocks for the days <paramref name="from"/>..<paramref name="to"/> (indices into
    /// <paramref name="days"/>), centred to mean 0 within each calendar year; 0 outside the range.
    /// </summary>
    private static double[] CentredShocks(IReadOnlyList<LocalDate> days, int from, int to, Pcg32 rng)
    {
        var shocks = new double[days.Count];
        for (var t = from; t <= to; t++)
        {
            shocks[t] = rng.NextStudentT4();
        }

        var start = from;
        while (start <= to)
        {
            var end = start;
            while (end + 1 <= to && days[end + 1].Year == days[start].Year)
            {
                end++;
            }

            var sum = 0.0;
            for (var t = start; t <= end; t++)
            {
                sum += shocks[t];
            }

            var mean = sum / (end - start + 1);
            for (var t = start; t <= end; t++)
            {
                shocks[t] -= mean;
            }

            start = end + 1;
        }

        return shocks;
    }

    /// <summary>The daily drift that gives a yearly log return of <paramref name="yearlyLog"/> at the given daily variance.</summary>
    private static double Drift(FactorModel model, int year, double yearlyLog, double dailyVariance) =>
        (yearlyLog / model.ReturnsPerYear[year]) + (0.5 * dailyVariance);

    private static double[] SnpReturns(FactorModel model)
    {
        var returns = new double[model.Days.Count];
        for (var t = 1; t < returns.Length; t++)
        {
            var year = model.Days[t].Year;
            returns[t] = Drift(model, year, DemoUniverse.MarketLogReturn(year), model.MarketVol * model.MarketVol) + (model.MarketVol * model.Market[t]);
        }

        return returns;
    }

    private static double[] NasdaqReturns(FactorModel model, Pcg32 rng)
    {
        const double MarketLoading = 1.15;
        const double TechLoading = 0.3;
        const double NoiseVol = 0.03;
        Theme[] tech = [Theme.Compute, Theme.Cloud, Theme.Software];
        var noiseVol = NoiseVol / Math.Sqrt(DemoUniverse.DaysPerYear);
        var noise = CentredShocks(model.Days, 1, model.Days.Count - 1, rng);
        var techVol = TechLoading * model.ThemeVol / 3.0;
        var variance = (MarketLoading * MarketLoading * model.MarketVol * model.MarketVol) + (3 * techVol * techVol) + (noiseVol * noiseVol);
        var returns = new double[model.Days.Count];
        for (var t = 1; t < returns.Length; t++)
        {
            var year = model.Days[t].Year;
            // Explicit loops rather than LINQ sums: the order of floating-point additions must never change.
            var techLog = 0.0;
            var techShock = 0.0;
            foreach (var theme in tech)
            {
                techLog += DemoUniverse.ThemeLogReturn(theme, year);
                techShock += model.Themes[theme][t];
            }

            var yearlyLog = (MarketLoading * DemoUniverse.MarketLogReturn(year)) + (TechLoading * techLog / tech.Length);
            var shock = (MarketLoading * model.MarketVol * model.Market[t]) + (techVol * techShock) + (noiseVol * noise[t]);
            returns[t] = Drift(model, year, yearlyLog, variance) + shock;
        }

        return returns;
    }

    private static List<PriceRow> SimulateStock(StockSpec stock, FactorModel model, Pcg32 rng)
    {
        var days = model.Days;
        var first = stock.ListedOn ?? days[0];
        var last = stock.DelistedAfter ?? days[^1];
        var exDates = stock.Dividends is { } policy ? ExDates(policy, first, last) : [];
        var splits = stock.Splits.ToDictionary(s => s.ExDate, s => s.Ratio);

        // The yearly surprises come first in the stream, one per calendar year whether or not the stock trades then.
        var surprises = new Dictionary<int, double>();
        for (var year = days[0].Year; year <= days[^1].Year; year++)
        {
            var surprise = DemoUniverse.SurpriseVolRatio * stock.IdiosyncraticVol * rng.NextStudentT4();
            surprises[year] = Math.Clamp(surprise, -DemoUniverse.MaxSurprise, DemoUniverse.MaxSurprise);
        }

        var firstIndex = IndexOf(days, first);
        var lastIndex = IndexOf(days, last);
        var own = CentredShocks(days, firstIndex + 1, lastIndex, rng);
        var ownVol = stock.IdiosyncraticVol / Math.Sqrt(DemoUniverse.DaysPerYear);
        var variance = (stock.Beta * stock.Beta * model.MarketVol * model.MarketVol) + (model.ThemeVol * model.ThemeVol) + (ownVol * ownVol);
        var theme = model.Themes[stock.Theme];

        var rows = new List<PriceRow>();
        var price = stock.StartPrice;
        var shares = stock.StartShares;
        long? dividendCents = null; // the current quarterly amount; reset each year and at a split
        var dividendYear = 0;
        LocalDate? previous = null;
        for (var t = firstIndex; t <= lastIndex; t++)
        {
            var date = days[t];
            var split = splits.GetValueOrDefault(date, 1);
            var dividend = 0L;
            if (previous is { } previousDate)
            {
                if (split != 1)
                {
                    price /= split;
                    shares *= split;
                    dividendCents = null;
                }

                if (IsQuarterStart(previousDate, date))
                {
                    shares = (long)Math.Round(shares * (1.0 + stock.QuarterlyShareChange) / 1000.0) * 1000;
                }

                var priceBefore = price;
                var year = date.Year;
                var yearlyLog = (stock.Beta * DemoUniverse.MarketLogReturn(year)) + DemoUniverse.ThemeLogReturn(stock.Theme, year) + stock.Alpha + surprises[year];
                var r = Drift(model, year, yearlyLog, variance)
                    + (stock.Beta * model.MarketVol * model.Market[t]) + (model.ThemeVol * theme[t]) + (ownVol * own[t]);
                price *= 1.0 + Math.Clamp(r, MinDailyReturn, MaxDailyReturn);

                if (exDates.Contains(date))
                {
                    if (dividendCents is null || dividendYear != date.Year)
                    {
                        dividendCents = Math.Max(1L, (long)Math.Round(stock.Dividends!.QuarterlyYield * priceBefore * 100.0));
                        dividendYear = date.Year;
                    }

                    dividend = dividendCents.Value;
                    price -= dividend / 100.0;
                }
            }

            var closeCents = ToCents(price, stock.Symbol, date);
            var marketCap = checked((closeCents * shares) + 50) / 100;
            rows.Add(new PriceRow(date, stock.Symbol, closeCents, dividend * 100, split, shares, marketCap));
            previous = date;
        }

        return rows;
    }

    private static List<PriceRow> SimulateBenchmark(DemoUniverse.BenchmarkSpec benchmark, IReadOnlyList<LocalDate> days, double[] indexReturns)
    {
        var exDates = new HashSet<LocalDate>();
        if (benchmark.QuarterlyYield > 0)
        {
            for (var year = days[0].Year; year <= days[^1].Year; year++)
            {
                foreach (var month in (int[])[3, 6, 9, 12])
                {
                    var exDate = LocalDate.FromYearMonthWeekAndDay(year, month, 3, IsoDayOfWeek.Friday).PlusDays(benchmark.ExDayOffset);
                    while (!NyseCalendar.IsTradingDay(exDate))
                    {
                        exDate = exDate.PlusDays(1);
                    }

                    exDates.Add(exDate);
                }
            }
        }

        var dailyFee = benchmark.AnnualFee / DemoUniverse.DaysPerYear;
        var rows = new List<PriceRow>(days.Count);
        var level = benchmark.StartLevel;
        for (var t = 0; t < days.Count; t++)
        {
            var dividend = 0L;
            if (t > 0)
            {
                var previousLevel = level;
                level *= 1.0 + Math.Clamp(indexReturns[t] - dailyFee, MinDailyReturn, MaxDailyReturn);
                if (exDates.Contains(days[t]))
                {
                    dividend = (long)Math.Round(benchmark.QuarterlyYield * previousLevel * 10000.0);
                    level -= dividend / 10000.0;
                }
            }

            var closeCents = ToCents(level, benchmark.Symbol, days[t]);
            rows.Add(new PriceRow(days[t], benchmark.Symbol, closeCents, dividend, 1, null, null));
        }

        return rows;
    }

    private static long ToCents(double price, string symbol, LocalDate date) =>
        double.IsFinite(price) && price >= 0.01 && price < 1e7
            ? (long)Math.Round(price * 100.0)
            : throw new InvalidOperationException($"{symbol} {DemoFiles.Iso(date)}: simulated price {price.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is not a usable close.");

    private static int IndexOf(IReadOnlyList<LocalDate> days, LocalDate date)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] == date)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{DemoFiles.Iso(date)} is not a trading day of the period.");
    }

    private static bool IsQuarterStart(LocalDate previous, LocalDate date) =>
        date.Month != previous.Month && date.Month is 1 or 4 or 7 or 10;

    private static List<PriceRow> Sorted(List<PriceRow> rows)
    {
        rows.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : string.CompareOrdinal(a.Symbol, b.Symbol));
        return rows;
    }
}

/// <summary>The shared part of the model: trading days and the centred unit shocks of the market and the themes.</summary>
/// <param name="Days">Trading days of the period.</param>
/// <param name="ReturnsPerYear">Number of daily returns in each calendar year.</param>
/// <param name="Market">Centred unit shocks of the market factor.</param>
/// <param name="Themes">Centred unit shocks of each theme factor.</param>
internal sealed record FactorModel(IReadOnlyList<LocalDate> Days, Dictionary<int, int> ReturnsPerYear, double[] Market, Dictionary<Theme, double[]> Themes)
{
    /// <summary>Daily volatility of the market factor.</summary>
    public double MarketVol { get; } = DemoUniverse.MarketVol / Math.Sqrt(DemoUniverse.DaysPerYear);

    /// <summary>Daily volatility of a theme factor.</summary>
    public double ThemeVol { get; } = DemoUniverse.ThemeVol / Math.Sqrt(DemoUniverse.DaysPerYear);
}
