using System.CommandLine;
using Agix.Cli.Output;
using Agix.Indexing;

namespace Agix.Cli.Commands;

/// <summary><c>agix validate</c>: checks every input file and lists every problem in one run.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var inputs = new InputOptions("table", "json");
        var command = new Command("validate", "Check every input file (and that the methodology can be applied to the data) and list every problem found.\nErrors go to standard error and give exit code 2; warnings are listed but not fatal.\n\nExample:\n  agix validate --data ./my-data");
        inputs.AddTo(command, window: false, returnType: false);
        command.SetAction(result => CommandRunner.Run(result, (stdout, stderr) =>
        {
            var paths = inputs.Paths(result, withBenchmarks: true);
            var errors = new List<Diagnostic>();
            var warnings = new List<Diagnostic>();
            IndexData? data = null;
            try
            {
                data = Inputs.Load(paths);
                warnings.AddRange(data.Warnings);
                var index = IndexEngine.Compute(data);
                warnings.AddRange(index.Warnings);
            }
            catch (InvalidInputException ex)
            {
                errors.AddRange(ex.Problems);
            }
            catch (InfeasibleWeightingException ex)
            {
                errors.Add(Diagnostic.Error(paths.Methodology ?? "methodology", 0, 0, ex.Message));
            }

            if (result.GetValue(inputs.Strict))
            {
                errors.AddRange(warnings.Select(w => w with { Severity = Severity.Error, Message = w.Message + " (--strict)" }));
                warnings.Clear();
            }

            foreach (var e in errors)
            {
                stderr.WriteLine(e.ToString());
            }

            var format = result.GetValue(inputs.Format);
            OutputTarget.WriteText(result.GetValue(inputs.Output), stdout, Inputs.Files(paths), w =>
            {
                if (format == "json")
                {
                    Json.Write(w, j =>
                    {
                        j.WriteStartObject();
                        j.WriteBoolean("valid", errors.Count == 0);
                        j.WriteNumber("errorCount", errors.Count);
                        j.WriteNumber("warningCount", warnings.Count);
                        foreach (var (key, list) in new[] { ("errors", errors), ("warnings", warnings) })
                        {
                            j.WriteStartArray(key);
                            foreach (var d in list)
                            {
                                j.WriteStartObject();
                                j.WriteString("file", d.File);
                                j.WriteNumber("line", d.Line);
                                j.WriteNumber("column", d.Column);
                                j.WriteString("message", d.Message);
                                j.WriteEndObject();
                            }

                            j.WriteEndArray();
                        }

                        j.WriteEndObject();
                    });
                    return;
                }

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

                w.WriteLine(errors.Count == 0
                    ? $"OK: no errors, {warnings.Count} warning(s)."
                    : $"FAILED: {errors.Count} error(s) (listed on standard error), {warnings.Count} warning(s).");
            });
            return errors.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        }));
        return command;
    }
}
