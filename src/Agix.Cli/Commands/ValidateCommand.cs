using System.CommandLine;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary>
/// <c>agix validate</c>: checks every input file, and that the methodology can be applied to the data (the index on
/// every rebalance and the benchmarks the backtest would compare), and lists every problem in one run.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions();
        var command = new Command("validate", "Check every input file, and that the methodology can be applied to the data (feasible weights at every rebalance, data for every benchmark), and list every problem found.\nErrors go to standard error and give exit code 2; warnings are listed but not fatal (unless --strict).\n\nExample:\n  agix validate --data ./my-data --strict");
        inputs.AddTo(command);
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var paths = inputs.Paths(result, withBenchmarks: true);
            var outputs = inputs.Outputs(result, paths);
            var errors = new List<Diagnostic>();
            var warnings = new List<Diagnostic>();
            var errorCount = 0;
            IndexData? data = null;
            try
            {
                data = Inputs.Load(paths);
                data = data.WithMethodology(inputs.Apply(result, data.Methodology));
                var validation = Backtest.Validate(data, new BacktestOptions(inputs.BenchmarkSymbols(result), result.GetValue(inputs.From), result.GetValue(inputs.To)));
                warnings.AddRange(validation.Warnings.Select(Inputs.ForUser));
                errors.AddRange(validation.Errors.Select(Inputs.ForUser));
                errorCount += validation.Errors.Count;
            }
            catch (InvalidInputException ex)
            {
                errors.AddRange(ex.Problems.Select(Inputs.ForUser));
                errorCount += ex.ErrorCount;
            }
            catch (InfeasibleWeightingException ex)
            {
                errors.Add(Diagnostic.Error(CommandRunner.MethodologyName(result, inputs), 0, 0, ex.Message));
                errorCount++;
            }

            if (result.GetValue(inputs.Strict))
            {
                errors.AddRange(warnings.Select(w => w with { Severity = Severity.Error, Message = w.Message + " (--strict)" }));
                errorCount += warnings.Count;
                warnings.Clear();
            }

            foreach (var e in errors)
            {
                stderr.WriteLine(e.ToString());
            }

            var format = result.GetValue(inputs.Format);
            outputs.WriteMain(stdout, w =>
            {
                switch (format)
                {
                    case "json":
                        Json.Write(w, j =>
                        {
                            j.WriteStartObject();
                            j.WriteBoolean("valid", errorCount == 0);
                            j.WriteNumber("errorCount", errorCount);
                            j.WriteNumber("warningCount", warnings.Count);
                            foreach (var (key, list) in new[] { ("errors", errors), ("warnings", warnings) })
                            {
                                j.WriteStartArray(key);
                                foreach (var d in list)
                                {
                                    j.WriteStartObject();
                                    j.WriteString("file", d.File);
                                    j.Number("line", d.Line > 0 ? d.Line : double.NaN);
                                    j.Number("column", d.Column > 0 ? d.Column : double.NaN);
                                    j.WriteString("message", d.Message);
                                    j.WriteEndObject();
                                }

                                j.WriteEndArray();
                            }

                            j.WriteEndObject();
                        });
                        break;
                    case "csv":
                        using (var csv = new CsvOut(w))
                        {
                            csv.Header("severity", "file", "line", "column", "message");
                            foreach (var d in errors.Concat(warnings))
                            {
                                csv.Text(d.Severity == Severity.Error ? "error" : "warning").Text(d.File).Number(d.Line > 0 ? d.Line : double.NaN).Number(d.Column > 0 ? d.Column : double.NaN).Text(d.Message).End();
                            }
                        }

                        break;
                    case "markdown":
                        w.WriteLine($"## agix validate: {(errorCount == 0 ? "valid" : $"{errorCount} error(s)")}, {warnings.Count} warning(s)");
                        w.WriteLine();
                        foreach (var d in errors.Concat(warnings))
                        {
                            w.WriteLine($"- `{d}`");
                        }

                        break;
                    default:
                        w.WriteLine("agix validate");
                        foreach (var (label, file) in new[] { ("prices", paths.Prices), ("benchmarks", paths.Benchmarks), ("universe", paths.Universe), ("methodology", paths.Methodology) })
                        {
                            w.WriteLine($"  {label,-12} {(file is null ? "-" : Inputs.Display(file))}");
                        }

                        if (data is not null)
                        {
                            w.WriteLine($"  {data.Prices.SymbolCount} symbols x {data.Prices.DateCount} dates ({InputHeader.Range(data.Prices.Dates)}); {data.Universe.Count} universe members; {data.Benchmarks?.SymbolCount ?? 0} benchmark series");
                            if (data.IsSynthetic)
                            {
                                w.WriteLine("  NOTE: SYNTHETIC demo prices, not real market data.");
                            }
                        }

                        foreach (var d in warnings)
                        {
                            w.WriteLine(d.ToString());
                        }

                        w.WriteLine(errorCount == 0
                            ? $"OK: no errors, {warnings.Count} warning(s)."
                            : $"FAILED: {errorCount} error(s) (listed on standard error), {warnings.Count} warning(s).");
                        break;
                }
            });
            return errorCount == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        }));
        return command;
    }
}
