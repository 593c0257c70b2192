using System.Globalization;
using System.Text.Json;
using Agix.Cli.Charts;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary>Formats a <see cref="BacktestResult"/> as a table, JSON, CSV, Markdown and chart data.</summary>
internal sealed partial class BacktestReport(IndexData data, DataPaths paths, BacktestResult bt)
{
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private Methodology M => data.Methodology;

    private bool ShortWindow => bt.Dates[0].PlusYears(1) > bt.Dates[^1];

    /// <summary>The index's column label: AGIX for the AGIX-style methodology, "Index" for any other.</summary>
    private string Label => M.Name.StartsWith("AGIX", StringComparison.OrdinalIgnoreCase) ? "AGIX" : "Index";

    private string Window => $"{Fmt.Date(bt.Dates[0])} to {Fmt.Date(bt.Dates[^1])} ({bt.Dates.Count - 1} daily returns of the index; each series on its own trading days)";

    private IEnumerable<(string Name, SeriesStatistics Stats, string Type)> AllSeries =>
        new[] { (Label, bt.Statistics, bt.ReturnType.ToLabel()) }
            .Concat(bt.Benchmarks.Select(b => (b.Symbol, b.Statistics, b.ReturnType.ToLabel())));

    public void Table(TextWriter w)
    {
        w.WriteLine($"{M.Name}: backtest");
        w.WriteLine($"  Data:        {Inputs.Display(paths.Prices)}{(data.IsSynthetic ? "  ** SYNTHETIC demo prices, not real market data **" : string.Empty)}");
        w.WriteLine($"  Window:      {Window}");
        w.WriteLine($"  Index:       {bt.ReturnType.ToLabel()}, base {Fmt.Num(M.BaseValue, 0)} on {Fmt.Date(M.BaseDate)}, {Scheme()}");
        w.WriteLine($"  Benchmarks:  {string.Join(", ", bt.Benchmarks.Select(b => $"{b.Symbol} ({b.ReturnType.ToLabel()})"))}");
        w.WriteLine($"  Risk-free:   {Fmt.Pct(bt.RiskFreeRate)} a year");
        if (ShortWindow)
        {
            w.WriteLine("  NOTE:        the window is shorter than a year: annualised figures (CAGR, volatility, Sharpe, alpha) extrapolate it.");
        }

        w.WriteLine();
        w.WriteLine("Performance");
        var names = AllSeries.ToList();
        var perf = new TextTable(["", .. names.Select(n => n.Name)]).RightAlign([.. Enumerable.Range(1, names.Count)]);
        perf.Add(["Total return", .. names.Select(n => Fmt.Pct(n.Stats.TotalReturn, 1))]);
        perf.Add(["CAGR", .. names.Select(n => Fmt.Pct(n.Stats.Cagr))]);
        perf.Add(["Volatility", .. names.Select(n => Fmt.Pct(n.Stats.Volatility))]);
        perf.Add(["Sharpe", .. names.Select(n => Fmt.Num(n.Stats.Sharpe))]);
        perf.Add(["Sortino", .. names.Select(n => Fmt.Num(n.Stats.Sortino))]);
        perf.Add(["Max drawdown", .. names.Select(n => Fmt.Pct(n.Stats.MaxDrawdown))]);
        perf.Add(["Calmar", .. names.Select(n => Fmt.Num(n.Stats.Calmar))]);
        perf.Add(["End level", Fmt.Num(bt.Levels[^1]), .. bt.Benchmarks.Select(b => Fmt.Num(b.Levels.LastOrDefault(double.IsFinite, double.NaN)))]);
        perf.WriteTo(w, "  ");
        w.WriteLine();
        w.WriteLine($"{Label} relative to each benchmark");
        var rel = new TextTable("", "beta", "alpha", "correlation", "tracking err", "info ratio", "up capture", "down capture").RightAlign(1, 2, 3, 4, 5, 6, 7);
        foreach (var b in bt.Benchmarks)
        {
            var r = b.Relative;
            rel.Add(b.Symbol, Fmt.Num(r.Beta), Fmt.Pct(r.Alpha), Fmt.Num(r.Correlation), Fmt.Pct(r.TrackingError), Fmt.Num(r.InformationRatio), Fmt.Num(r.UpCapture), Fmt.Num(r.DownCapture));
        }

        rel.WriteTo(w, "  ");
        w.WriteLine();
        w.WriteLine("Calendar-year returns (* partial year)");
        var years = bt.CalendarYears.Select(y => y.Year).ToList();
        var yt = new TextTable(["", .. bt.CalendarYears.Select(YearLabel)]).RightAlign([.. Enumerable.Range(1, years.Count)]);
        yt.Add([Label, .. bt.CalendarYears.Select(y => Fmt.Pct(y.Return, 1))]);
        foreach (var b in bt.Benchmarks)
        {
            yt.Add([b.Symbol, .. years.Select(y => Fmt.Pct(b.CalendarYears.FirstOrDefault(p => p.Year == y)?.Return ?? double.NaN, 1))]);
        }

        yt.WriteTo(w, "  ");
        w.WriteLine();
        w.WriteLine($"{Label} monthly returns (%)");
        var mt = new TextTable(["year", .. MonthNames, "year"]).RightAlign([.. Enumerable.Range(1, 13)]);
        foreach (var y in years)
        {
            var row = new string[14];
            row[0] = y.ToString(CultureInfo.InvariantCulture);
            for (var mo = 1; mo <= 12; mo++)
            {
                var p = bt.Months.FirstOrDefault(x => x.Year == y && x.Month == mo);
                row[mo] = p is null ? string.Empty : Fmt.Num(p.Return * 100, 1) + (p.IsPartial ? "*" : string.Empty);
            }

            var yr = bt.CalendarYears.First(p => p.Year == y);
            row[13] = Fmt.Num(yr.Return * 100, 1) + (yr.IsPartial ? "*" : string.Empty);
            mt.Add(row);
        }

        mt.WriteTo(w, "  ");
        w.WriteLine();
        w.WriteLine($"Deepest drawdowns of {Label}");
        var dd = new TextTable("peak", "trough", "recovery", "depth", "trading days", "calendar days").RightAlign(3, 4, 5);
        foreach (var d in bt.Drawdowns)
        {
            dd.Add(Fmt.Date(d.Peak), Fmt.Date(d.Trough), d.Recovery is { } rec ? Fmt.Date(rec) : "not recovered", Fmt.Pct(d.Depth), d.TradingDays.ToString(CultureInfo.InvariantCulture), d.CalendarDays.ToString(CultureInfo.InvariantCulture));
        }

        dd.WriteTo(w, "  ");
        w.WriteLine();
        WriteAttribution(w);
        w.WriteLine();
        w.WriteLine("Rebalances");
        var rt = new TextTable("date", "selection", "names", "one-way turnover", "cost", "joined", "left").RightAlign(2, 3, 4);
        foreach (var r in bt.Index.Rebalances)
        {
            rt.Add(Fmt.Date(r.Date), Fmt.Date(r.SelectionDate), r.Constituents.Count.ToString(CultureInfo.InvariantCulture), r.IsBase ? "base" : Fmt.Pct(r.Turnover), Fmt.Pct(r.Cost, 3), string.Join(" ", r.Added), string.Join(" ", r.Removed));
        }

        rt.WriteTo(w, "  ");
        foreach (var g in bt.Index.Rebalances.Where(r => !r.IsBase).GroupBy(r => r.Date.Year))
        {
            w.WriteLine($"  {g.Key}: one-way turnover {Fmt.Pct(g.Sum(r => r.Turnover))} over {g.Count()} rebalance(s)");
        }

        if (data.IsSynthetic)
        {
            w.WriteLine();
            w.WriteLine("These figures come from SYNTHETIC demo prices and say nothing about real markets. Use --data DIR for real data.");
        }
    }

    private void WriteAttribution(TextWriter w)
    {
        var window = bt.Attribution[0];
        var periods = bt.Attribution.Skip(1).ToList();
        w.WriteLine($"Contribution to the {Label} return by theme (percentage points; linked by index growth, sums to the index return)");
        var at = new TextTable(["theme", "avg weight", "window", .. periods.Select(p => p.Label)]).RightAlign([.. Enumerable.Range(1, 2 + periods.Count)]);
        foreach (var t in window.Themes)
        {
            at.Add([t.Key, t.Key == "costs" ? string.Empty : Fmt.Pct(t.AverageWeight, 1), Fmt.Num(t.Value * 100, 1), .. periods.Select(p => Fmt.Num((p.Themes.FirstOrDefault(x => x.Key == t.Key)?.Value ?? 0) * 100, 1))]);
        }

        at.Add(["index return", string.Empty, Fmt.Num(window.IndexReturn * 100, 1), .. periods.Select(p => Fmt.Num(p.IndexReturn * 100, 1))]);
        at.WriteTo(w, "  ");
        w.WriteLine();
        w.WriteLine("Largest contributions by constituent over the window (percentage points)");
        var ct = new TextTable("symbol", "theme", "avg weight", "contribution").RightAlign(2, 3);
        foreach (var c in window.Constituents.Take(10))
        {
            ct.Add(c.Key, c.Theme?.ToName() ?? string.Empty, Fmt.Pct(c.AverageWeight, 1), Fmt.Num(c.Value * 100, 1));
        }

        ct.WriteTo(w, "  ");
    }

    public void Markdown(TextWriter w)
    {
        w.WriteLine($"## {M.Name}: backtest");
        w.WriteLine();
        if (data.IsSynthetic)
        {
            w.WriteLine("> **Synthetic demo prices** — these figures are not real market data.");
            w.WriteLine();
        }

        w.WriteLine($"- **Window:** {Window}");
        w.WriteLine($"- **Index:** {bt.ReturnType.ToLabel()}, base {Fmt.Num(M.BaseValue, 0)} on {Fmt.Date(M.BaseDate)}, {Scheme()}");
        w.WriteLine($"- **Benchmarks:** {string.Join(", ", bt.Benchmarks.Select(b => $"{b.Symbol} ({b.ReturnType.ToLabel()})"))}");
        w.WriteLine($"- **Data:** `{Inputs.Display(paths.Prices)}`");
        if (ShortWindow)
        {
            w.WriteLine("- **Note:** the window is shorter than a year; annualised figures extrapolate it.");
        }
        w.WriteLine();
        var names = AllSeries.ToList();
        Row(w, ["", .. names.Select(n => n.Name)]);
        Row(w, ["---", .. names.Select(_ => "---:")]);
        Row(w, ["Total return", .. names.Select(n => Fmt.Pct(n.Stats.TotalReturn, 1))]);
        Row(w, ["CAGR", .. names.Select(n => Fmt.Pct(n.Stats.Cagr))]);
        Row(w, ["Volatility", .. names.Select(n => Fmt.Pct(n.Stats.Volatility))]);
        Row(w, ["Sharpe", .. names.Select(n => Fmt.Num(n.Stats.Sharpe))]);
        Row(w, ["Sortino", .. names.Select(n => Fmt.Num(n.Stats.Sortino))]);
        Row(w, ["Max drawdown", .. names.Select(n => Fmt.Pct(n.Stats.MaxDrawdown))]);
        Row(w, ["Calmar", .. names.Select(n => Fmt.Num(n.Stats.Calmar))]);
        w.WriteLine();
        w.WriteLine("### Relative to each benchmark");
        w.WriteLine();
        Row(w, ["", "beta", "alpha", "correlation", "tracking error", "information ratio", "up capture", "down capture"]);
        Row(w, ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]);
        foreach (var b in bt.Benchmarks)
        {
            var r = b.Relative;
            Row(w, [b.Symbol, Fmt.Num(r.Beta), Fmt.Pct(r.Alpha), Fmt.Num(r.Correlation), Fmt.Pct(r.TrackingError), Fmt.Num(r.InformationRatio), Fmt.Num(r.UpCapture), Fmt.Num(r.DownCapture)]);
        }

        w.WriteLine();
        w.WriteLine("### Calendar-year returns");
        w.WriteLine();
        var years = bt.CalendarYears.Select(y => y.Year).ToList();
        Row(w, ["", .. bt.CalendarYears.Select(YearLabel)]);
        Row(w, ["---", .. years.Select(_ => "---:")]);
        Row(w, [Label, .. bt.CalendarYears.Select(y => Fmt.Pct(y.Return, 1))]);
        foreach (var b in bt.Benchmarks)
        {
            Row(w, [b.Symbol, .. years.Select(y => Fmt.Pct(b.CalendarYears.FirstOrDefault(p => p.Year == y)?.Return ?? double.NaN, 1))]);
        }

        w.WriteLine();
        w.WriteLine("\\* partial year");
        w.WriteLine();
        w.WriteLine("### Deepest drawdowns");
        w.WriteLine();
        Row(w, ["peak", "trough", "recovery", "depth", "trading days", "calendar days"]);
        Row(w, ["---", "---", "---", "---:", "---:", "---:"]);
        foreach (var d in bt.Drawdowns)
        {
            Row(w, [Fmt.Date(d.Peak), Fmt.Date(d.Trough), d.Recovery is { } rec ? Fmt.Date(rec) : "not recovered", Fmt.Pct(d.Depth), d.TradingDays.ToString(CultureInfo.InvariantCulture), d.CalendarDays.ToString(CultureInfo.InvariantCulture)]);
        }

        w.WriteLine();
        w.WriteLine("### Contribution by theme (percentage points)");
        w.WriteLine();
        var periods = bt.Attribution.Skip(1).ToList();
        Row(w, ["theme", "window", .. periods.Select(p => p.Label)]);
        Row(w, ["---", "---:", .. periods.Select(_ => "---:")]);
        foreach (var t in bt.Attribution[0].Themes)
        {
            Row(w, [t.Key, Fmt.Num(t.Value * 100, 1), .. periods.Select(p => Fmt.Num((p.Themes.FirstOrDefault(x => x.Key == t.Key)?.Value ?? 0) * 100, 1))]);
        }

        Row(w, ["**index return**", Fmt.Num(bt.Attribution[0].IndexReturn * 100, 1), .. periods.Select(p => Fmt.Num(p.IndexReturn * 100, 1))]);
    }

    public void Json(TextWriter w) => Output.Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteStartObject("index");
        j.WriteString("name", M.Name);
        j.WriteString("returnType", bt.ReturnType.ToKey());
        j.WriteString("start", Fmt.Date(bt.Dates[0]));
        j.WriteString("end", Fmt.Date(bt.Dates[^1]));
        j.WriteNumber("baseValue", M.BaseValue);
        j.WriteString("baseDate", Fmt.Date(M.BaseDate));
        j.WriteBoolean("synthetic", data.IsSynthetic);
        Stats(j, bt.Statistics);
        Years(j, bt.CalendarYears);
        j.WriteStartArray("monthlyReturns");
        foreach (var p in bt.Months)
        {
            j.WriteStartObject();
            j.WriteNumber("year", p.Year);
            j.WriteNumber("month", p.Month);
            j.Number("return", p.Return);
            j.WriteBoolean("partial", p.IsPartial);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("drawdowns");
        foreach (var d in bt.Drawdowns)
        {
            j.WriteStartObject();
            j.Date("peak", d.Peak);
            j.Date("trough", d.Trough);
            j.Date("recovery", d.Recovery);
            j.Number("depth", d.Depth);
            j.WriteNumber("tradingDays", d.TradingDays);
            j.WriteNumber("calendarDays", d.CalendarDays);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("attribution");
        foreach (var p in bt.Attribution)
        {
            j.WriteStartObject();
            j.WriteString("period", p.Label);
            j.WriteString("start", Fmt.Date(p.Start));
            j.WriteString("end", Fmt.Date(p.End));
            j.Number("indexReturn", p.IndexReturn);
            j.WriteStartObject("themes");
            foreach (var t in p.Themes)
            {
                j.Number(t.Key, t.Value);
            }

            j.WriteEndObject();
            j.WriteStartObject("constituents");
            foreach (var c in p.Constituents)
            {
                j.Number(c.Key, c.Value);
            }

            j.WriteEndObject();
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteStartArray("benchmarks");
        foreach (var b in bt.Benchmarks)
        {
            j.WriteStartObject();
            j.WriteString("symbol", b.Symbol);
            j.WriteString("returnType", b.ReturnType.ToKey());
            Stats(j, b.Statistics);
            var r = b.Relative;
            j.WriteStartObject("relative");
            j.Number("beta", r.Beta);
            j.Number("alpha", r.Alpha);
            j.Number("correlation", r.Correlation);
            j.Number("trackingError", r.TrackingError);
            j.Number("informationRatio", r.InformationRatio);
            j.Number("upCapture", r.UpCapture);
            j.Number("downCapture", r.DownCapture);
            j.WriteEndObject();
            Years(j, b.CalendarYears);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("rebalances");
        foreach (var r in bt.Index.Rebalances)
        {
            j.WriteStartObject();
            RebalanceCommand.WriteJson(j, r);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    });

    public void LevelsCsv(TextWriter w)
    {
        using var csv = new CsvOut(w);
        csv.Header(["date", "index", .. bt.Benchmarks.Select(b => b.Symbol)]);
        for (var i = 0; i < bt.Dates.Count; i++)
        {
            csv.Date(bt.Dates[i]).Number(bt.Levels[i]);
            foreach (var b in bt.Benchmarks)
            {
                csv.Number(b.Levels[i]);
            }

            csv.End();
        }
    }

    public void RollingCsv(TextWriter w)
    {
        using var csv = new CsvOut(w);
        csv.Header(["date", "index_volatility", .. bt.Benchmarks.SelectMany(b => new[] { $"{b.Symbol}_volatility", $"index_beta_{b.Symbol}" })]);
        for (var i = 0; i < bt.Dates.Count; i++)
        {
            csv.Date(bt.Dates[i]).Number(bt.IndexRollingVolatility[i]);
            foreach (var b in bt.Benchmarks)
            {
                csv.Number(b.RollingVolatility[i]).Number(b.RollingBeta[i]);
            }

            csv.End();
        }
    }

    public void ThemeWeightsCsv(TextWriter w)
    {
        using var csv = new CsvOut(w);
        csv.Header(["date", .. bt.ThemeWeights.Keys.Select(t => t.ToName())]);
        for (var i = 0; i < bt.Dates.Count; i++)
        {
            csv.Date(bt.Dates[i]);
            foreach (var series in bt.ThemeWeights.Values)
            {
                csv.Number(series[i]);
            }

            csv.End();
        }
    }

    public PerformanceChartData PerformanceChart(bool logScale) => new(
        $"{M.Name} vs benchmarks",
        $"{bt.ReturnType.ToLabel()}, rebased to {Fmt.Num(M.BaseValue, 0)} on {Fmt.Date(bt.Dates[0])}" + (data.IsSynthetic ? " — SYNTHETIC demo prices, not market data" : string.Empty),
        [.. bt.Dates],
        new ChartSeries(Label, [.. bt.Levels]),
        [.. bt.Benchmarks.Select(b => new ChartSeries(SeriesLabel(b), [.. b.Levels]))],
        [.. bt.DrawdownByDate],
        [.. bt.ThemeWeights.Select(t => new ChartSeries(t.Key.ToName(), [.. t.Value]))],
        logScale);

    public RollingChartData RollingChart() => new(
        "Rolling risk",
        $"{Statistics.DefaultRollingWindow} daily returns a window, annualised with {Statistics.TradingDaysPerYear} days" + (data.IsSynthetic ? " — SYNTHETIC demo prices, not market data" : string.Empty),
        [.. bt.Dates],
        Statistics.DefaultRollingWindow,
        new ChartSeries(Label, [.. bt.IndexRollingVolatility]),
        [.. bt.Benchmarks.Select(b => new ChartSeries(SeriesLabel(b), [.. b.RollingVolatility]))],
        [.. bt.Benchmarks.Select(b => new ChartSeries($"beta to {SeriesLabel(b)}", [.. b.RollingBeta]))]);

    public YearlyChartData YearsChart()
    {
        var years = bt.CalendarYears.Select(y => y.Year).ToArray();
        return new YearlyChartData(
            "Calendar-year returns",
            data.IsSynthetic ? "SYNTHETIC demo prices — not market data" : bt.ReturnType.ToLabel(),
            years,
            [.. bt.CalendarYears.Select(y => y.IsPartial)],
            [new ChartSeries(Label, [.. bt.CalendarYears.Select(y => y.Return)]), .. bt.Benchmarks.Select(b => new ChartSeries(SeriesLabel(b), [.. years.Select(y => b.CalendarYears.FirstOrDefault(p => p.Year == y)?.Return ?? double.NaN)]))]);
    }

    private string Budgets() =>
        string.Join(" / ", M.WeightingRules.ThemeBudgets.Keys.Select(t => $"{t.ToName()} {Fmt.Num(M.WeightingRules.ThemeBudgets[t] * 100, 0)}")) + " %";

    private string Scheme() => M.WeightingRules.Scheme switch
    {
        WeightingScheme.ThemeBudget => $"theme budgets {Budgets()}, stock cap {(M.WeightingRules.StockCap is { } c ? Fmt.Pct(c, 0) : "none")}",
        WeightingScheme.ScoreBlend => $"score blend ({Fmt.Num(M.WeightingRules.ScoreWeight * 100, 0)} % score) in theme budgets {Budgets()}, stock cap {(M.WeightingRules.StockCap is { } c ? Fmt.Pct(c, 0) : "none")}",
        WeightingScheme.CappedMarketCap => $"capped market cap (theme cap {(M.WeightingRules.ThemeCap is { } g ? Fmt.Pct(g, 0) : "none")}, stock cap {(M.WeightingRules.StockCap is { } c ? Fmt.Pct(c, 0) : "none")})",
        WeightingScheme.MarketCap => $"market cap (stock cap {(M.WeightingRules.StockCap is { } c ? Fmt.Pct(c, 0) : "none")})",
        _ => "equal weight",
    } + $", {Labels.Rebalancing(M.RebalanceRules.Months)}";

    /// <summary>The benchmark's label in charts: marked "(price)" when it is not compared as total return like the index.</summary>
    private string SeriesLabel(BenchmarkComparison b) => b.ReturnType == ReturnType.Price && bt.ReturnType != ReturnType.Price ? $"{b.Symbol} (price)" : b.Symbol;

    private static string YearLabel(PeriodReturn y) => y.Year.ToString(CultureInfo.InvariantCulture) + (y.IsPartial ? "*" : string.Empty);

    private static void Row(TextWriter w, string[] cells) => w.WriteLine("| " + string.Join(" | ", cells) + " |");

    /// <summary>The contract's statistics object; <paramref name="drawdownDates"/> adds the maximum drawdown's dates.</summary>
    internal static void Stats(Utf8JsonWriter j, SeriesStatistics s, bool drawdownDates = true)
    {
        j.WriteStartObject("statistics");
        j.Number("totalReturn", s.TotalReturn);
        j.Number("cagr", s.Cagr);
        j.Number("volatility", s.Volatility);
        j.Number("sharpe", s.Sharpe);
        j.Number("sortino", s.Sortino);
        j.Number("maxDrawdown", s.MaxDrawdown);
        if (drawdownDates)
        {
            j.Date("maxDrawdownPeak", s.PeakDate);
            j.Date("maxDrawdownTrough", s.TroughDate);
            j.Date("maxDrawdownRecovery", s.RecoveryDate);
        }

        j.Number("calmar", s.Calmar);
        j.WriteEndObject();
    }

    private static void Years(Utf8JsonWriter j, IReadOnlyList<PeriodReturn> years)
    {
        j.WriteStartObject("calendarYearReturns");
        foreach (var y in years)
        {
            j.Number(y.Year.ToString(CultureInfo.InvariantCulture), y.Return);
        }

        j.WriteEndObject();
        j.WriteStartArray("partialYears");
        foreach (var y in years.Where(y => y.IsPartial))
        {
            j.WriteNumberValue(y.Year);
        }

        j.WriteEndArray();
    }
}
