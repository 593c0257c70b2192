using System.CommandLine;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary><c>agix levels</c>: the daily index level series.</summary>
internal static class LevelsCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var command = new Command("levels", "Print the daily index levels (price, gross and net total return) from the base date.\n\nExample:\n  agix levels --format csv --output levels.csv");
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var paths = inputs.Paths(result, withBenchmarks: false);
            var outputs = inputs.Outputs(result, paths);
            var data = Inputs.Load(paths);
            var methodology = inputs.Apply(result, data.Methodology);
            var from = result.GetValue(inputs.From);
            var to = result.GetValue(inputs.To);
            var index = IndexCalculator.Compute(data.WithMethodology(methodology), to);
            inputs.Report(result, stderr, [.. data.Warnings, .. index.Warnings]);
            if (from is { } f && (f < methodology.BaseDate || f > index.Dates[^1]))
            {
                throw new InvalidInputException(Diagnostic.Error("--from", 0, 0, $"{Fmt.Date(f)} is outside the index, which runs from {Fmt.Date(methodology.BaseDate)} to {Fmt.Date(index.Dates[^1])}"));
            }

            var rows = Enumerable.Range(0, index.Dates.Count).Where(i => from is null || index.Dates[i] >= from.Value).ToArray();
            var levels = index.Levels(methodology.ReturnType);
            var format = result.GetValue(inputs.Format);
            outputs.WriteMain(stdout, w =>
            {
                switch (format)
                {
                    case "csv":
                        using (var csv = new CsvOut(w))
                        {
                            csv.Header("date", "level", "price_return", "gross_total_return", "net_total_return");
                            foreach (var i in rows)
                            {
                                csv.Date(index.Dates[i]).Number(levels[i]).Number(index.PriceReturn[i]).Number(index.GrossTotalReturn[i]).Number(index.NetTotalReturn[i]).End();
                            }
                        }

                        break;
                    case "json":
                        Json.Write(w, j =>
                        {
                            j.WriteStartObject();
                            j.WriteString("name", methodology.Name);
                            j.WriteString("returnType", methodology.ReturnType.ToKey());
                            j.WriteNumber("baseValue", methodology.BaseValue);
                            j.WriteString("baseDate", Fmt.Date(methodology.BaseDate));
                            j.WriteBoolean("synthetic", data.IsSynthetic);
                            j.WriteStartArray("levels");
                            foreach (var i in rows)
                            {
                                j.WriteStartObject();
                                j.WriteString("date", Fmt.Date(index.Dates[i]));
                                j.Number("level", levels[i]);
                                j.Number("priceReturn", index.PriceReturn[i]);
                                j.Number("grossTotalReturn", index.GrossTotalReturn[i]);
                                j.Number("netTotalReturn", index.NetTotalReturn[i]);
                                j.WriteEndObject();
                            }

                            j.WriteEndArray();
                            j.WriteEndObject();
                        });
                        break;
                    case "markdown":
                        w.WriteLine($"## {methodology.Name}: daily levels ({methodology.ReturnType.ToLabel()})");
                        w.WriteLine();
                        if (data.IsSynthetic)
                        {
                            w.WriteLine("> **Synthetic demo prices** — not real market data.");
                            w.WriteLine();
                        }

                        w.WriteLine("| date | level | price | gross | net |");
                        w.WriteLine("| --- | ---: | ---: | ---: | ---: |");
                        foreach (var i in rows)
                        {
                            w.WriteLine($"| {Fmt.Date(index.Dates[i])} | {Fmt.Num(levels[i])} | {Fmt.Num(index.PriceReturn[i])} | {Fmt.Num(index.GrossTotalReturn[i])} | {Fmt.Num(index.NetTotalReturn[i])} |");
                        }

                        break;
                    default:
                        InputHeader.Write(w, data, paths, $"{methodology.Name}: daily levels ({methodology.ReturnType.ToLabel()}, base {Fmt.Num(methodology.BaseValue)} on {Fmt.Date(methodology.BaseDate)})");
                        w.WriteLine();
                        var table = new TextTable("date", "level", "price", "gross", "net").RightAlign(1, 2, 3, 4);
                        foreach (var i in rows)
                        {
                            table.Add(Fmt.Date(index.Dates[i]), Fmt.Num(levels[i]), Fmt.Num(index.PriceReturn[i]), Fmt.Num(index.GrossTotalReturn[i]), Fmt.Num(index.NetTotalReturn[i]));
                        }

                        table.WriteTo(w);
                        break;
                }
            });
            return ExitCodes.Success;
        }));
        return command;
    }
}
