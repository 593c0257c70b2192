using System.CommandLine;
using System.CommandLine.Parsing;
using Agix.Prices;
using NodaTime;

namespace Agix.Cli;

/// <summary>The options every command shares: where the inputs are, the window and the output.</summary>
internal sealed class InputOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Folder with prices.csv, benchmarks.csv, universe.csv and methodology.json (default: the bundled data folder)", HelpName = "DIR" };

    public Option<string?> Prices { get; } = new("--prices") { Description = "Prices CSV (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Benchmarks { get; } = new("--benchmarks") { Description = "Benchmarks CSV (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Universe { get; } = new("--universe") { Description = "Universe CSV (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Methodology { get; } = new("--methodology") { Description = "Methodology JSON (overrides the one in --data)", HelpName = "FILE" };

    public Option<LocalDate?> From { get; } = DateOption("--from", "Start of the evaluation window, yyyy-MM-dd (default: the base date)");

    public Option<LocalDate?> To { get; } = DateOption("--to", "End of the evaluation window, yyyy-MM-dd (default: the last date of the data)");

    public Option<string?> ReturnType { get; } = new Option<string?>("--return-type") { Description = "price, gross or net (default: the methodology's)", HelpName = "TYPE" }.AcceptOnlyFromAmong("price", "gross", "net");

    public Option<string> Format { get; }

    public Option<bool> Strict { get; } = new("--strict") { Description = "Treat data warnings (halts, missing days, unknown symbols, …) as errors: exit code 2" };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write to this file instead of standard output (written to a temporary file, then renamed)", HelpName = "FILE" };

    public InputOptions(params string[] formats)
    {
        Format = new Option<string>("--format", "-f") { Description = $"Output format: {string.Join(", ", formats)}", DefaultValueFactory = _ => "table", HelpName = "FORMAT" };
        Format.AcceptOnlyFromAmong(formats);
    }

    public static Option<LocalDate?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE",
        CustomParser = Parse,
    };

    public void AddTo(Command command, bool window = true, bool returnType = true, bool output = true)
    {
        command.Add(Data);
        command.Add(Prices);
        command.Add(Benchmarks);
        command.Add(Universe);
        command.Add(Methodology);
        command.Add(Strict);
        if (window)
        {
            command.Add(From);
            command.Add(To);
        }

        if (returnType)
        {
            command.Add(ReturnType);
        }

        if (output)
        {
            command.Add(Format);
            command.Add(Output);
        }
    }

    /// <summary>The input files as the user named them (the bundled folder when no --data is given).</summary>
    public DataPaths Paths(ParseResult result, bool withBenchmarks)
    {
        var folder = result.GetValue(Data) ?? BundledData.Folder;
        var defaults = DataPaths.FromFolder(folder);
        var methodology = result.GetValue(Methodology) ?? defaults.Methodology!;
        return new DataPaths(
            result.GetValue(Prices) ?? defaults.Prices,
            withBenchmarks ? result.GetValue(Benchmarks) ?? defaults.Benchmarks : null,
            result.GetValue(Universe) ?? defaults.Universe,
            methodology);
    }

    /// <summary>Prints the warnings to standard error; with --strict, fails with exit code 2 when there is any.</summary>
    public void Report(ParseResult result, TextWriter stderr, IReadOnlyList<Diagnostic> warnings)
    {
        if (result.GetValue(Strict) && warnings.Count > 0)
        {
            throw new InvalidInputException([.. warnings.Select(w => w with { Severity = Severity.Error, Message = w.Message + " (--strict)" })]);
        }

        InputHeader.Warnings(stderr, warnings);
    }

    /// <summary>Applies the --return-type override to the methodology.</summary>
    public Methodology Apply(ParseResult result, Methodology m)
    {
        return result.GetValue(ReturnType) switch
        {
            "price" => m with { ReturnType = Agix.ReturnType.Price },
            "gross" => m with { ReturnType = Agix.ReturnType.Gross },
            "net" => m with { ReturnType = Agix.ReturnType.Net },
            _ => m,
        };
    }

    private static LocalDate? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a valid date for {((OptionResult)result.Parent!).Option.Name} (expected yyyy-MM-dd)");
        return null;
    }
}
