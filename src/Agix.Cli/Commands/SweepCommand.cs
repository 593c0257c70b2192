using System.CommandLine;
using System.Text.Json.Nodes;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary>
/// <c>agix sweep --vary KEY=V1,V2,…</c>: a grid of methodology variants on one data folder (the cartesian product of
/// the varied keys, methodology JSON paths such as <c>weighting.stockCap</c>), one row per variant with its headline
/// statistics. The data is loaded and validated once; the variants run in parallel on all cores. An infeasible
/// variant is a row with <c>feasible = false</c>, not a failure.
/// </summary>
internal static class SweepCommand
{
    private static readonly string[] StatisticNames = ["totalReturn", "cagr", "volatility", "sharpe", "sortino", "maxDrawdown", "calmar", "turnover"];

    public static Command Create()
    {
        var inputs = new InputOptions("html");
        var vary = new Option<string[]>("--vary") { Description = "A methodology key (JSON path) and its values: weighting.stockCap=0.05,0.08,0.10 (repeatable; the variants are every combination)", HelpName = "KEY=V1,V2", Required = true };
        var sort = new Option<string>("--sort") { Description = $"The statistic the table is sorted by, best first: {string.Join(", ", StatisticNames)}", HelpName = "STAT", DefaultValueFactory = _ => "sharpe" }.AcceptOnlyFromAmong(StatisticNames);
        var heatMap = new Option<string?>("--heat-map") { Description = "html: the two varied keys of the heat map, rows then columns: KEY1,KEY2 (default: the first two --vary keys)", HelpName = "KEY1,KEY2" };
        var command = new Command("sweep", "Run a grid of methodology variants on one data folder and list each variant's settings and headline statistics. The data is read once; variants run in parallel; an infeasible variant is reported, not fatal.\n\nExample:\n  agix sweep --vary weighting.stockCap=0.05,0.08,0.10,0.15 --vary transactionCostBps=0,10,25 --format csv --output sweep.csv")
        {
            vary, sort, heatMap,
        };
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var keys = Parse(result.GetValue(vary) ?? []);
            var axes = HeatMapAxes(keys, result.GetValue(heatMap));
            var paths = inputs.Paths(result, withBenchmarks: false);
            var outputs = inputs.Outputs(result, paths);
            var data = Inputs.Load(paths);
            var baseJson = paths.Methodology is { } file && File.Exists(file) ? File.ReadAllText(file) : "{}";
            var variants = Grid(keys).Select(values => (Values: values, Methodology: Variant(baseJson, keys, values))).ToList();
            var options = new BacktestOptions([], result.GetValue(inputs.From), result.GetValue(inputs.To));
            var rows = Sweep.Run(data, [.. variants.Select(v => v.Methodology)], options);
            inputs.Report(result, stderr, data.Warnings);
            var order = Order(rows, result.GetValue(sort)!);
            var format = result.GetValue(inputs.Format);
            var settings = variants.Select(v => v.Values).ToList();
            outputs.WriteMain(stdout, w =>
            {
                if (format == "html")
                {
                    Html(w, data, paths, keys, settings, rows, order, result.GetValue(sort)!, axes);
                }
                else
                {
                    Write(w, format, data, keys, settings, rows, order);
                }
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The varied keys and their values, as given: <c>KEY=V1,V2</c>; a key given twice is a usage error.</summary>
    internal static List<(string Key, string[] Values)> Parse(string[] given)
    {
        var keys = new List<(string, string[])>();
        foreach (var g in given)
        {
            var eq = g.IndexOf('=', StringComparison.Ordinal);
            var values = eq < 0 ? [] : g[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (eq <= 0 || values.Length == 0)
            {
                throw new UsageException($"--vary '{g}': expected KEY=V1,V2,… such as weighting.stockCap=0.05,0.10");
            }

            var key = g[..eq].Trim();
            if (keys.Any(k => k.Item1 == key))
            {
                throw new UsageException($"--vary: {key} is given twice");
            }

            if (values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(v => v.Count() > 1) is { } twice)
            {
                throw new UsageException($"--vary {key}: the value {twice.Key} is given twice");
            }

            keys.Add((key, values));
        }

        return keys;
    }

    /// <summary>
    /// The heat map's row and column keys (indices into <paramref name="keys"/>): the given pair, or the first two varied
    /// keys; with one varied key, that key as rows and a single column (-1).
    /// </summary>
    internal static (int Row, int Column) HeatMapAxes(List<(string Key, string[] Values)> keys, string? given)
    {
        if (given is null)
        {
            return (0, keys.Count > 1 ? 1 : -1);
        }

        var names = given.Split(',', StringSplitOptions.TrimEntries);
        var found = names.Select(n => keys.FindIndex(k => k.Key == n)).ToArray();
        if (names.Length != 2 || found.Any(i => i < 0) || found[0] == found[1])
        {
            throw new UsageException($"--heat-map '{given}': expected two different varied keys, KEY1,KEY2, from: {string.Join(", ", keys.Select(k => k.Key))}");
        }

        return (found[0], found[1]);
    }

    /// <summary>Every combination of the values, the first key varying slowest.</summary>
    private static IEnumerable<string[]> Grid(List<(string Key, string[] Values)> keys)
    {
        IEnumerable<string[]> grid = [[]];
        foreach (var (_, values) in keys)
        {
            grid = grid.SelectMany(prefix => values.Select(v => (string[])[.. prefix, v]));
        }

        return grid;
    }

    /// <summary>The base methodology JSON with the variant's values set at their paths (numbers, null, true/false, or text).</summary>
    private static Methodology Variant(string baseJson, List<(string Key, string[] Values)> keys, string[] values)
    {
        var root = JsonNode.Parse(baseJson) as JsonObject ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            var parts = keys[i].Key.Split('.');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child)
                {
                    child = [];
                    node[part] = child;
                }

                node = child;
            }

            node[parts[^1]] = Value(values[i]);
        }

        var name = string.Join(", ", keys.Select((k, i) => $"{k.Key}={values[i]}"));
        return Methodology.Parse(root.ToJsonString(), $"--vary {name}");
    }

    private static JsonValue? Value(string text) =>
        text == "null" ? null
        : text is "true" or "false" ? JsonValue.Create(text == "true")
        : InputOptions.TryParseNumber(text, out var number) ? JsonValue.Create(number)
        : JsonValue.Create(text);

    /// <summary>The rows by the sort statistic, best first (highest, except for volatility and turnover), infeasible last.</summary>
    private static int[] Order(IReadOnlyList<SweepRow> rows, string sort)
    {
        var index = Array.IndexOf(StatisticNames, sort);
        var lowerIsBetter = sort is "volatility" or "turnover";
        return [.. Enumerable.Range(0, rows.Count)
            .OrderBy(i => rows[i].Feasible && !double.IsNaN(rows[i].Values[index]) ? 0 : 1)
            .ThenBy(i => lowerIsBetter ? rows[i].Values[index] : -rows[i].Values[index])
            .ThenBy(i => i)];
    }

    private static readonly string[] StatisticLabels = ["total return", "CAGR", "volatility", "Sharpe", "Sortino", "max drawdown", "Calmar", "turnover/yr"];

    private static string[] Cells(double[] v) => [Fmt.Pct(v[0], 1), Fmt.Pct(v[1]), Fmt.Pct(v[2]), Fmt.Num(v[3]), Fmt.Num(v[4]), Fmt.Pct(v[5]), Fmt.Num(v[6]), Fmt.Pct(v[7])];

    /// <summary>
    /// The sweep as one self-contained HTML page (the backtest report's page, stylesheet and policy): a heat map of the
    /// sort statistic with one varied key as rows and another as columns (where further keys vary, each cell shows the
    /// best variant over them), then every variant sorted by the statistic.
    /// </summary>
    private static void Html(TextWriter w, IndexData data, DataPaths paths, List<(string Key, string[] Values)> keys, List<string[]> settings, IReadOnlyList<SweepRow> rows, int[] order, string sort, (int Row, int Column) axes)
    {
        var stat = Array.IndexOf(StatisticNames, sort);
        var lowerIsBetter = sort is "volatility" or "turnover";
        var title = $"{data.Methodology.Name}: sweep of {rows.Count} variant(s)";
        BacktestReport.PageStart(w, title);
        w.WriteLine($"<header><h1>{BacktestReport.E(title)}</h1>");
        if (data.IsSynthetic)
        {
            w.WriteLine("<p class=\"banner\" id=\"synthetic\">SYNTHETIC demo prices: these figures are not real market data.</p>");
        }

        w.WriteLine("<dl class=\"meta\">");
        foreach (var (key, values) in keys)
        {
            BacktestReport.Meta(w, key, string.Join(", ", values));
        }

        BacktestReport.Meta(w, "Sorted by", $"{StatisticLabels[stat]}, {(lowerIsBetter ? "lowest" : "highest")} first");
        BacktestReport.Meta(w, "Feasible", $"{rows.Count(r => r.Feasible)} of {rows.Count}");
        BacktestReport.Meta(w, "Data", $"{Inputs.Display(paths.Prices)}; universe {Inputs.Display(paths.Universe)}; base methodology {(paths.Methodology is { } m && File.Exists(m) ? Inputs.Display(m) : "defaults")}");
        w.WriteLine("</dl></header><main>");

        var (rowKey, columnKey) = axes;
        int[] others = [.. Enumerable.Range(0, keys.Count).Where(k => k != rowKey && k != columnKey)];
        var heading = columnKey < 0 ? $"{StatisticLabels[stat]} by {keys[rowKey].Key}" : $"{StatisticLabels[stat]} by {keys[rowKey].Key} and {keys[columnKey].Key}";
        BacktestReport.Section(w, "heatmap", heading, () =>
        {
            string[] columns = columnKey < 0 ? [StatisticLabels[stat]] : keys[columnKey].Values;
            var best = new int?[keys[rowKey].Values.Length, columns.Length];
            var infeasible = new bool[keys[rowKey].Values.Length, columns.Length];
            var undefined = new bool[keys[rowKey].Values.Length, columns.Length];
            foreach (var i in order)
            {
                var r = Array.IndexOf(keys[rowKey].Values, settings[i][rowKey]);
                var c = columnKey < 0 ? 0 : Array.IndexOf(keys[columnKey].Values, settings[i][columnKey]);
                if (rows[i].Feasible && !double.IsNaN(rows[i].Values[stat]))
                {
                    best[r, c] ??= i;   // the order is best first
                }
                else if (rows[i].Feasible)
                {
                    undefined[r, c] = true;   // feasible, but the statistic is n/a (a window too short for it, say)
                }
                else
                {
                    infeasible[r, c] = true;
                }
            }

            // Shades follow the values as shown, so that cells that read the same are shaded the same.
            double Shown(int i) => double.Parse(Cells(rows[i].Values)[stat].Replace(" %", string.Empty, StringComparison.Ordinal), Fmt.Inv);
            var shown = (from int? i in best where i is not null select Shown(i.Value)).ToList();
            var (low, high) = shown.Count == 0 ? (0.0, 0.0) : (shown.Min(), shown.Max());
            w.WriteLine("<div class=\"scroll\"><table class=\"heat\">");
            w.Write($"<thead><tr><th>{BacktestReport.E(keys[rowKey].Key)}{(columnKey < 0 ? string.Empty : " \\ " + BacktestReport.E(keys[columnKey].Key))}</th>");
            w.WriteLine(string.Concat(columns.Select(c => $"<th class=\"n\">{BacktestReport.E(c)}</th>")) + "</tr></thead>");
            w.WriteLine("<tbody>");
            for (var r = 0; r < keys[rowKey].Values.Length; r++)
            {
                w.Write($"<tr><th>{BacktestReport.E(keys[rowKey].Values[r])}</th>");
                for (var c = 0; c < columns.Length; c++)
                {
                    if (best[r, c] is { } i)
                    {
                        var score = high > low ? (Shown(i) - low) / (high - low) : 0.5;
                        var shade = (int)Math.Round(((lowerIsBetter ? 1 - score : score) * 10) - 5);
                        var label = Cells(rows[i].Values)[stat];
                        var where = others.Length > 0 ? string.Join(", ", others.Select(k => $"{keys[k].Key}={settings[i][k]}")) : null;
                        w.Write($"<td class=\"n h{shade.ToString(Fmt.Inv)}\"{(where is null ? string.Empty : $" title=\"{BacktestReport.E(where)}\"")}>{BacktestReport.E(label)}</td>");
                    }
                    else
                    {
                        w.Write(undefined[r, c] ? "<td class=\"n h0\">n/a</td>" : infeasible[r, c] ? "<td class=\"n inf\">infeasible</td>" : "<td></td>");
                    }
                }

                w.WriteLine("</tr>");
            }

            w.WriteLine("</tbody></table></div>");
            var note = others.Length > 0
                ? $"Each cell is the best {StatisticLabels[stat]} over the other varied keys ({string.Join(", ", others.Select(k => keys[k].Key))}); hover a cell for the settings. "
                : string.Empty;
            w.WriteLine($"<p class=\"note\">{BacktestReport.E(note)}Shades run from red (worst shown) to blue (best shown); grey \"infeasible\" cells have no feasible variant; \"n/a\": the statistic is undefined for every feasible variant there (a window too short for it, say).</p>");
        });
        BacktestReport.Section(w, "variants", "Every variant", () =>
            BacktestReport.Table(w, [.. keys.Select(k => k.Key), "feasible", .. StatisticLabels],
                [.. order.Select(i => (string[])[.. settings[i], rows[i].Feasible ? "yes" : "no", .. Cells(rows[i].Values)])], textColumns: keys.Count + 1));
        var problems = order.Where(i => rows[i].Problem is not null).ToList();
        if (problems.Count > 0)
        {
            BacktestReport.Section(w, "infeasible", "Infeasible variants", () =>
                BacktestReport.Table(w, ["variant", "why"], [.. problems.Select(i => (string[])[string.Join(", ", keys.Select((k, j) => $"{k.Key}={settings[i][j]}")), rows[i].Problem!])], textColumns: 2));
        }

        w.WriteLine("</main>");
        w.WriteLine("</body>");
        w.WriteLine("</html>");
    }

    private static void Write(TextWriter w, string? format, IndexData data, List<(string Key, string[] Values)> keys, List<string[]> settings, IReadOnlyList<SweepRow> rows, int[] order)
    {
        switch (format)
        {
            case "csv":
                using (var csv = new CsvOut(w))
                {
                    csv.Header([.. keys.Select(k => k.Key), "feasible", .. StatisticNames]);
                    for (var i = 0; i < rows.Count; i++)
                    {
                        foreach (var v in settings[i])
                        {
                            csv.Text(v);
                        }

                        csv.Text(rows[i].Feasible ? "true" : "false");
                        foreach (var x in rows[i].Values)
                        {
                            csv.Number(x);
                        }

                        csv.End();
                    }
                }

                break;
            case "json":
                Json.Write(w, j =>
                {
                    j.WriteStartObject();
                    j.WriteStartArray("variants");
                    for (var i = 0; i < rows.Count; i++)
                    {
                        j.WriteStartObject();
                        j.WriteStartObject("settings");
                        for (var k = 0; k < keys.Count; k++)
                        {
                            j.WriteString(keys[k].Key, settings[i][k]);
                        }

                        j.WriteEndObject();
                        j.WriteBoolean("feasible", rows[i].Feasible);
                        if (rows[i].Problem is { } problem)
                        {
                            j.WriteString("problem", problem);
                        }

                        j.WriteStartObject("statistics");
                        for (var s = 0; s < StatisticNames.Length; s++)
                        {
                            j.Number(StatisticNames[s], rows[i].Values[s]);
                        }

                        j.WriteEndObject();
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteBoolean("synthetic", data.IsSynthetic);
                    j.WriteEndObject();
                });
                break;
            default:
                var markdown = format == "markdown";
                var headers = (string[])[.. keys.Select(k => k.Key), "feasible", .. StatisticLabels];
                if (!markdown)
                {
                    w.WriteLine($"{data.Methodology.Name}: sweep of {rows.Count} variant(s){(data.IsSynthetic ? "  ** SYNTHETIC demo prices, not real market data **" : string.Empty)}");
                    w.WriteLine();
                }
                else
                {
                    w.WriteLine($"## {data.Methodology.Name}: sweep of {rows.Count} variant(s)");
                    w.WriteLine();
                    w.WriteLine("| " + string.Join(" | ", headers) + " |");
                    w.WriteLine("|" + string.Concat(headers.Select((_, c) => c < keys.Count + 1 ? " --- |" : " ---: |")));
                }

                var table = new TextTable(headers).RightAlign([.. Enumerable.Range(keys.Count + 1, 8)]);
                foreach (var i in order)
                {
                    var v = rows[i].Values;
                    string[] cells = [.. settings[i], rows[i].Feasible ? "yes" : "no", .. Cells(v)];
                    if (markdown)
                    {
                        w.WriteLine("| " + string.Join(" | ", cells) + " |");
                    }
                    else
                    {
                        table.Add(cells);
                    }
                }

                if (!markdown)
                {
                    table.WriteTo(w, "  ");
                }

                break;
        }
    }
}

/// <summary>One variant's result: feasible or not (with why), and the headline statistics (NaN when not feasible).</summary>
internal sealed record SweepRow(bool Feasible, string? Problem, double[] Values);

/// <summary>Runs the variants of a sweep in parallel on data read once; each row equals a separate backtest of that methodology.</summary>
internal static class Sweep
{
    public static IReadOnlyList<SweepRow> Run(IndexData data, IReadOnlyList<Methodology> variants, BacktestOptions options)
    {
        var rows = new SweepRow[variants.Count];
        Parallel.For(0, variants.Count, i =>
        {
            try
            {
                var result = Backtest.Run(data.WithMethodology(variants[i]), options);
                var s = result.Statistics;
                var years = (result.Dates[^1].ToDateOnly().DayNumber - result.Dates[0].ToDateOnly().DayNumber) / 365.25;
                var turnover = result.Index.Rebalances.Where(r => !r.IsBase && r.Date > result.Dates[0] && r.Date <= result.Dates[^1]).Sum(r => r.Turnover) / years;
                rows[i] = new SweepRow(true, null, [s.TotalReturn, s.Cagr, s.Volatility, s.Sharpe, s.Sortino, s.MaxDrawdown, s.Calmar, turnover]);
            }
            catch (InfeasibleWeightingException ex)
            {
                rows[i] = new SweepRow(false, ex.Message, [.. Enumerable.Repeat(double.NaN, 8)]);
            }
        });
        return rows;
    }
}
