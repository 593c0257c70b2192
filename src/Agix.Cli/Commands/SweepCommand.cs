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
        var inputs = new InputOptions();
        var vary = new Option<string[]>("--vary") { Description = "A methodology key (JSON path) and its values: weighting.stockCap=0.05,0.08,0.10 (repeatable; the variants are every combination)", HelpName = "KEY=V1,V2", Required = true };
        var sort = new Option<string>("--sort") { Description = $"The statistic the table is sorted by, best first: {string.Join(", ", StatisticNames)}", HelpName = "STAT", DefaultValueFactory = _ => "sharpe" }.AcceptOnlyFromAmong(StatisticNames);
        var command = new Command("sweep", "Run a grid of methodology variants on one data folder and list each variant's settings and headline statistics. The data is read once; variants run in parallel; an infeasible variant is reported, not fatal.\n\nExample:\n  agix sweep --vary weighting.stockCap=0.05,0.08,0.10,0.15 --vary transactionCostBps=0,10,25 --format csv --output sweep.csv")
        {
            vary, sort,
        };
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var keys = Parse(result.GetValue(vary) ?? []);
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
            outputs.WriteMain(stdout, w => Write(w, format, data, keys, variants.Select(v => v.Values).ToList(), rows, order));
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

            keys.Add((key, values));
        }

        return keys;
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
                var headers = (string[])[.. keys.Select(k => k.Key), "feasible", "total return", "CAGR", "volatility", "Sharpe", "Sortino", "max drawdown", "Calmar", "turnover/yr"];
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
                    string[] cells = [.. settings[i], rows[i].Feasible ? "yes" : "no", Fmt.Pct(v[0], 1), Fmt.Pct(v[1]), Fmt.Pct(v[2]), Fmt.Num(v[3]), Fmt.Num(v[4]), Fmt.Pct(v[5]), Fmt.Num(v[6]), Fmt.Pct(v[7])];
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
