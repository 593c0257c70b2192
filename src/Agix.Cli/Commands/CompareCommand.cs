using System.CommandLine;
using System.Globalization;
using Agix.Cli.Charts;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary>
/// <c>agix compare</c>: several methodologies (<c>--methodology a.json --methodology b.json</c>) on the same prices, or
/// several data folders (<c>--data A --data B</c>), side by side: statistics, calendar-year returns, levels, a chart.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] Formats = ["table", "json", "csv", "markdown", "html"];

    public static Command Create()
    {
        var inputs = new InputOptions();
        var data = new Option<string[]>("--data") { Description = "A data folder to compare (repeatable); with --methodology, the one folder whose prices every methodology runs on (default: the bundled data)", HelpName = "DIR" };
        var methodology = new Option<string[]>("--methodology") { Description = "A methodology to compare (repeatable), each on the same prices", HelpName = "FILE" };
        var benchmark = new Option<string[]>("--benchmark", "-b") { Description = "A benchmark symbol to show beside the variants (repeatable; default: the first variant's list)", HelpName = "SYMBOL" };
        var format = new Option<string>("--format", "-f") { Description = $"Output format: {string.Join(", ", Formats)}", DefaultValueFactory = _ => "table", HelpName = "FORMAT" }.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output", HelpName = "FILE" };
        var chart = InputOptions.ChartOption("--chart", "Draw the variants' levels and drawdowns on one chart (.png or .svg)");
        var force = new Option<bool>("--force") { Description = "Let an output replace a file of a data folder" };
        var command = new Command("compare", "Compare several methodologies on the same prices, or several data folders, side by side: statistics, calendar-year returns, daily levels and a chart.\n\nExamples:\n  agix compare --methodology cap10.json --methodology cap15.json\n  agix compare --data ./real --data ./real-alt --format html --output compare.html")
        {
            data, methodology, inputs.From, inputs.To, benchmark, format, output, chart, force,
        };
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var folders = result.GetValue(data) ?? [];
            var files = result.GetValue(methodology) ?? [];
            var variants = new List<(string Name, IndexData Data, DataPaths Paths)>();
            if (files.Length > 0)
            {
                if (folders.Length > 1)
                {
                    throw new UsageException("--methodology compares methodologies on one data folder: give at most one --data");
                }

                // The folder's own methodology.json is not needed (nor read): every variant brings its own.
                var paths = DataPaths.FromFolder(folders.FirstOrDefault() ?? BundledData.Folder) with { Methodology = files[0] };
                var shared = Inputs.Load(paths);
                variants.AddRange(files.Select(f => (Path.GetFileNameWithoutExtension(f), shared.WithMethodology(Methodology.Load(f)), paths with { Methodology = f })));
            }
            else
            {
                foreach (var folder in folders)
                {
                    var paths = DataPaths.FromFolder(folder);
                    variants.Add((Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), Inputs.Load(paths), paths));
                }
            }

            if (variants.Count < 2)
            {
                throw new UsageException("compare needs at least two variants: --methodology a.json --methodology b.json, or --data A --data B");
            }

            var reads = variants.SelectMany(v => Inputs.Files(v.Paths)).Distinct(StringComparer.Ordinal).ToList();
            var outputs = OutputPlan.Check(result, output, [chart], reads, folders.FirstOrDefault() ?? BundledData.Folder, result.GetValue(force));
            var symbols = result.GetValue(benchmark) is { Length: > 0 } b ? b : null;
            var options = new BacktestOptions(symbols, result.GetValue(inputs.From), result.GetValue(inputs.To));
            var runs = variants.Select(v => (v.Name, v.Data, Result: Backtest.Run(v.Data, options))).ToList();
            InputHeader.Warnings(stderr, [.. runs.SelectMany(r => r.Data.Warnings.Concat(r.Result.Index.Warnings).Concat(r.Result.Warnings)).Distinct().Select(Inputs.ForUser)]);
            var report = new Comparison([.. runs.Select(r => (r.Name, r.Result))], runs.Any(r => r.Data.IsSynthetic));
            outputs.WriteMain(stdout, w =>
            {
                switch (result.GetValue(format))
                {
                    case "json": report.Json(w); break;
                    case "csv": report.LevelsCsv(w); break;
                    case "markdown": report.Markdown(w); break;
                    case "html": report.Html(w); break;
                    default: report.Table(w); break;
                }
            });
            outputs.WriteBytes(chart, path => ChartRenderer.Performance(report.Chart(logScale: true), ChartFormats.FromPath(path)));
            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>The variants side by side, with the first variant's benchmarks.</summary>
internal sealed class Comparison(IReadOnlyList<(string Name, BacktestResult Result)> variants, bool synthetic)
{
    private static readonly (string Label, Func<SeriesStatistics, string> Format)[] Rows =
    [
        ("Total return", s => Fmt.Pct(s.TotalReturn, 1)),
        ("CAGR", s => Fmt.Pct(s.Cagr)),
        ("Volatility", s => Fmt.Pct(s.Volatility)),
        ("Sharpe", s => Fmt.Num(s.Sharpe)),
        ("Sortino", s => Fmt.Num(s.Sortino)),
        ("Max drawdown", s => Fmt.Pct(s.MaxDrawdown)),
        ("Calmar", s => Fmt.Num(s.Calmar)),
    ];

    private IEnumerable<(string Name, SeriesStatistics Stats, IReadOnlyList<PeriodReturn> Years)> Columns =>
        variants.Select(v => (v.Name, v.Result.Statistics, v.Result.CalendarYears))
            .Concat(variants[0].Result.Benchmarks.Select(b => (b.Symbol, b.Statistics, b.CalendarYears)));

    private int[] Years => [.. Columns.SelectMany(c => c.Years.Select(y => y.Year)).Distinct().Order()];

    private List<string[]> StatisticRows() => [.. Rows.Select(r => (string[])[r.Label, .. Columns.Select(c => r.Format(c.Stats))])];

    private List<string[]> YearRows() =>
        [.. Columns.Select(c => (string[])[c.Name, .. Years.Select(y => c.Years.FirstOrDefault(p => p.Year == y) is { } p ? Fmt.Pct(p.Return, 1) + (p.IsPartial ? "*" : string.Empty) : "n/a")])];

    private string[] Header => ["", .. Columns.Select(c => c.Name)];

    private string Window => $"{Fmt.Date(variants[0].Result.Dates[0])} to {Fmt.Date(variants[0].Result.Dates[^1])}";

    public void Table(TextWriter w)
    {
        w.WriteLine($"Comparison of {variants.Count} variants{(synthetic ? "  ** SYNTHETIC demo prices, not real market data **" : string.Empty)}");
        w.WriteLine($"  Window:      {Window}");
        w.WriteLine();
        var stats = new TextTable(Header).RightAlign([.. Enumerable.Range(1, Header.Length - 1)]);
        StatisticRows().ForEach(stats.Add);
        stats.WriteTo(w, "  ");
        w.WriteLine();
        w.WriteLine("Calendar-year returns (* partial year)");
        string[] yearHeader = ["", .. Years.Select(y => y.ToString(CultureInfo.InvariantCulture))];
        var years = new TextTable(yearHeader).RightAlign([.. Enumerable.Range(1, yearHeader.Length - 1)]);
        YearRows().ForEach(years.Add);
        years.WriteTo(w, "  ");
    }

    public void Markdown(TextWriter w)
    {
        w.WriteLine($"## Comparison of {variants.Count} variants");
        w.WriteLine();
        if (synthetic)
        {
            w.WriteLine("> **Synthetic demo prices** — not real market data.");
            w.WriteLine();
        }

        w.WriteLine($"Window: {Window}.");
        w.WriteLine();
        MarkdownTable(w, Header, StatisticRows());
        w.WriteLine();
        MarkdownTable(w, ["", .. Years.Select(y => y.ToString(CultureInfo.InvariantCulture))], YearRows());
    }

    public void Html(TextWriter w)
    {
        BacktestReport.PageStart(w, $"Comparison of {variants.Count} variants");
        w.WriteLine($"<header><h1>Comparison of {variants.Count} variants</h1>");
        if (synthetic)
        {
            w.WriteLine("<p class=\"banner\" id=\"synthetic\">SYNTHETIC demo prices: these figures are not real market data.</p>");
        }

        w.WriteLine("<dl class=\"meta\">");
        BacktestReport.Meta(w, "Window", Window);
        BacktestReport.Meta(w, "Variants", string.Join(", ", variants.Select(v => v.Name)));
        w.WriteLine("</dl></header><main>");
        BacktestReport.Section(w, "statistics", "Statistics", () => BacktestReport.Table(w, Header, StatisticRows()));
        BacktestReport.Section(w, "levels-chart", "Levels and drawdowns", () => BacktestReport.Figure(w, ChartRenderer.Performance(Chart(logScale: true), ChartFormat.Svg), "The variants and the first variant's benchmarks, rebased (log scale), and each variant's drawdown"), chart: true);
        BacktestReport.Section(w, "years", "Calendar-year returns", () => BacktestReport.Table(w, ["", .. Years.Select(y => y.ToString(CultureInfo.InvariantCulture))], YearRows()));
        w.WriteLine("</main>");
        w.WriteLine("</body>");
        w.WriteLine("</html>");
    }

    public void Json(TextWriter w) => Output.Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("start", Fmt.Date(variants[0].Result.Dates[0]));
        j.WriteString("end", Fmt.Date(variants[0].Result.Dates[^1]));
        j.WriteStartArray("variants");
        foreach (var (name, result) in variants)
        {
            j.WriteStartObject();
            j.WriteString("name", name);
            j.WriteString("methodology", result.Index.Methodology.Name);
            BacktestReport.Stats(j, result.Statistics, drawdownDates: false);
            YearsJson(j, result.CalendarYears);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("benchmarks");
        foreach (var b in variants[0].Result.Benchmarks)
        {
            j.WriteStartObject();
            j.WriteString("symbol", b.Symbol);
            j.WriteString("returnType", b.ReturnType.ToKey());
            BacktestReport.Stats(j, b.Statistics, drawdownDates: false);
            YearsJson(j, b.CalendarYears);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteBoolean("synthetic", synthetic);
        j.WriteEndObject();
    });

    /// <summary>Daily rebased levels: the union of the variants' dates, an empty cell where a variant has none.</summary>
    public void LevelsCsv(TextWriter w)
    {
        var dates = variants.SelectMany(v => v.Result.Dates).Distinct().Order().ToList();
        var maps = variants.Select(v => v.Result.Dates.Select((d, i) => (d, v.Result.Levels[i])).ToDictionary(x => x.d, x => x.Item2)).ToList();
        using var csv = new CsvOut(w);
        csv.Header(["date", .. variants.Select(v => v.Name)]);
        foreach (var d in dates)
        {
            csv.Date(d);
            foreach (var map in maps)
            {
                csv.Number(map.TryGetValue(d, out var level) ? level : double.NaN);
            }

            csv.End();
        }
    }

    /// <summary>The first variant as the chart's index (with its drawdown filled), the others (levels and drawdowns) and its benchmarks as lines, on its dates.</summary>
    public PerformanceChartData Chart(bool logScale)
    {
        var first = variants[0].Result;
        double[] On(BacktestResult r, IReadOnlyList<double> values)
        {
            var map = r.Dates.Select((d, i) => (d, values[i])).ToDictionary(x => x.d, x => x.Item2);
            return [.. first.Dates.Select(d => map.TryGetValue(d, out var v) ? v : double.NaN)];
        }

        return new PerformanceChartData(
            $"Comparison of {variants.Count} variants",
            $"rebased on {Fmt.Date(first.Dates[0])}" + (synthetic ? " — SYNTHETIC demo prices, not market data" : string.Empty),
            [.. first.Dates],
            new ChartSeries(variants[0].Name, [.. first.Levels]),
            [.. variants.Skip(1).Select(v => new ChartSeries(v.Name, On(v.Result, v.Result.Levels))), .. first.Benchmarks.Select(b => new ChartSeries(b.Symbol, [.. b.Levels]))],
            [.. first.DrawdownByDate],
            [],
            logScale)
        {
            OtherDrawdowns = [.. variants.Skip(1).Select(v => new ChartSeries(v.Name, On(v.Result, v.Result.DrawdownByDate)))],
        };
    }

    private static void MarkdownTable(TextWriter w, string[] header, List<string[]> rows)
    {
        w.WriteLine("| " + string.Join(" | ", header) + " |");
        w.WriteLine("| --- |" + string.Concat(header.Skip(1).Select(_ => " ---: |")));
        foreach (var r in rows)
        {
            w.WriteLine("| " + string.Join(" | ", r) + " |");
        }
    }

    private static void YearsJson(System.Text.Json.Utf8JsonWriter j, IReadOnlyList<PeriodReturn> years)
    {
        j.WriteStartObject("calendarYearReturns");
        foreach (var y in years)
        {
            j.Number(y.Year.ToString(CultureInfo.InvariantCulture), y.Return);
        }

        j.WriteEndObject();
    }
}
