using System.CommandLine;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary><c>agix rebalance --date DATE</c>: the composition of the rebalance on or last before a date.</summary>
internal static class RebalanceCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var date = InputOptions.DateOption("--date", "The rebalance date, or any date: the last rebalance on or before it is shown");
        date.Required = true;
        var command = new Command("rebalance", "Show the composition (weights) that the rebalance on, or last before, a date produces.\n\nExample:\n  agix rebalance --date 2025-06-20 --format csv --output weights.csv") { date };
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var paths = inputs.Paths(result, withBenchmarks: false);
            var outputs = inputs.Outputs(result, paths);
            var data = Inputs.Load(paths);
            var when = result.GetValue(date)!.Value;
            var r = IndexCalculator.RebalanceOn(data, when);
            inputs.Report(result, stderr, r.Warnings);
            var format = result.GetValue(inputs.Format);
            outputs.WriteMain(stdout, w => Write(w, format, data, paths, r));
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static void Write(TextWriter w, string? format, IndexData data, DataPaths paths, Rebalance r)
    {
        switch (format)
        {
            case "csv":
                using (var csv = new CsvOut(w))
                {
                    csv.Header("symbol", "theme", "weight", "name", "previous_weight", "market_cap", "price", "units");
                    foreach (var c in r.Constituents)
                    {
                        csv.Text(c.Symbol).Text(c.Theme.ToName()).Number(c.Weight).Text(c.Name).Number(c.PreviousWeight).Number(c.MarketCap).Number(c.Price).Number(c.Units).End();
                    }
                }

                break;
            case "json":
                Json.Write(w, j =>
                {
                    j.WriteStartObject();
                    WriteJson(j, r);
                    j.WriteBoolean("synthetic", data.IsSynthetic);
                    j.WriteEndObject();
                });
                break;
            case "markdown":
                w.WriteLine($"## {data.Methodology.Name}: {(r.IsBase ? "base-date construction" : r.IsProForma ? "pro-forma rebalance" : "rebalance")} on {Fmt.Date(r.Date)}");
                w.WriteLine();
                if (data.IsSynthetic)
                {
                    w.WriteLine("> **Synthetic demo prices** — not real market data.");
                    w.WriteLine();
                }

                w.WriteLine($"Selection date {Fmt.Date(r.SelectionDate)}; one-way turnover {Fmt.Pct(r.Turnover)}; cost {Fmt.Pct(r.Cost, 4)}.");
                w.WriteLine();
                w.WriteLine("| symbol | theme | weight | before | market cap | name |");
                w.WriteLine("| --- | --- | ---: | ---: | ---: | --- |");
                foreach (var c in r.Constituents)
                {
                    w.WriteLine($"| {c.Symbol} | {c.Theme.ToName()} | {Fmt.Pct(c.Weight)} | {Fmt.Pct(c.PreviousWeight)} | {Fmt.Billions(c.MarketCap)} | {c.Name} |");
                }

                break;
            default:
                InputHeader.Write(w, data, paths, $"{data.Methodology.Name}: {(r.IsBase ? "base-date construction" : r.IsProForma ? "PRO-FORMA rebalance" : "rebalance")} on {Fmt.Date(r.Date)}");
                w.WriteLine($"  Selection date (market caps as of): {Fmt.Date(r.SelectionDate)}");
                if (r.ProFormaAsOf is { } asOf)
                {
                    w.WriteLine($"  Pro forma: {Fmt.Date(r.Date)} is after the last price date {Fmt.Date(asOf)}; T and S come from the NYSE calendar,");
                    w.WriteLine($"             weights from the data on {Fmt.Date(r.SelectionDate)}, 'before' = weights drifted to {Fmt.Date(asOf)}, price = close on S.");
                }

                w.WriteLine($"  Weights effective from the close of {Fmt.Date(r.Date)}; one-way turnover {Fmt.Pct(r.Turnover)}, cost {Fmt.Pct(r.Cost, 4)}");
                w.WriteLine();
                var table = new TextTable("symbol", "theme", "weight", "before", "market cap", "price", "name").RightAlign(2, 3, 4, 5);
                foreach (var c in r.Constituents)
                {
                    table.Add(c.Symbol, c.Theme.ToName(), Fmt.Pct(c.Weight), Fmt.Pct(c.PreviousWeight), Fmt.Billions(c.MarketCap), Fmt.Num(c.Price), c.Name);
                }

                table.WriteTo(w);
                w.WriteLine();
                var themes = new TextTable("theme", "weight", "names").RightAlign(1, 2);
                foreach (var g in r.Constituents.GroupBy(c => c.Theme).OrderBy(g => g.Key))
                {
                    themes.Add(g.Key.ToName(), Fmt.Pct(g.Sum(c => c.Weight)), g.Count().ToString(Fmt.Inv));
                }

                themes.WriteTo(w);
                if (r.Added.Count > 0 || r.Removed.Count > 0)
                {
                    w.WriteLine();
                    w.WriteLine($"Joined: {(r.Added.Count > 0 ? string.Join(", ", r.Added) : "none")}; left: {(r.Removed.Count > 0 ? string.Join(", ", r.Removed) : "none")}");
                }

                break;
        }
    }

    /// <summary>The contract's rebalance object: date, selectionDate, turnover, constituents[].</summary>
    internal static void WriteJson(System.Text.Json.Utf8JsonWriter j, Rebalance r)
    {
        j.WriteString("date", Fmt.Date(r.Date));
        j.WriteString("selectionDate", Fmt.Date(r.SelectionDate));
        j.Number("turnover", r.Turnover);
        j.Number("cost", r.Cost);
        j.WriteBoolean("isBase", r.IsBase);
        j.WriteBoolean("proForma", r.IsProForma);
        j.Date("dataAsOf", r.ProFormaAsOf);
        j.WriteStartArray("constituents");
        foreach (var c in r.Constituents)
        {
            j.WriteStartObject();
            j.WriteString("symbol", c.Symbol);
            j.WriteString("theme", c.Theme.ToName());
            j.Number("weight", c.Weight);
            j.WriteString("name", c.Name);
            j.Number("previousWeight", c.PreviousWeight);
            j.Number("marketCap", c.MarketCap);
            j.Number("price", c.Price);
            j.Number("units", c.Units);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("added");
        foreach (var s in r.Added)
        {
            j.WriteStringValue(s);
        }

        j.WriteEndArray();
        j.WriteStartArray("removed");
        foreach (var s in r.Removed)
        {
            j.WriteStringValue(s);
        }

        j.WriteEndArray();
    }
}
