using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Agix.Cli.Charts;
using Agix.Cli.Output;
using NodaTime;

namespace Agix.Cli;

/// <summary>
/// The options the CLI contract says every command shares: where the inputs are, the window, the return type, the
/// benchmarks, the format and the output. Every command accepts all of them (a command that has no use for one,
/// such as <c>levels --benchmark</c>, ignores it), so scripts can pass the same options everywhere.
/// </summary>
internal sealed class InputOptions
{
    public static readonly string[] Formats = ["table", "json", "csv", "markdown"];

    public Option<string?> Data { get; } = new("--data") { Description = "Folder with prices.csv, benchmarks.csv, universe.csv and methodology.json (default: the bundled data folder)", HelpName = "DIR" };

    public Option<string?> Prices { get; } = new("--prices") { Description = "Prices CSV (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Benchmarks { get; } = new("--benchmarks") { Description = "Benchmarks CSV (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Universe { get; } = new("--universe") { Description = "Universe CSV (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Methodology { get; } = new("--methodology") { Description = "Methodology JSON (overrides the one in --data)", HelpName = "FILE" };

    public Option<string?> Scores { get; } = new("--scores") { Description = "Scores CSV date,symbol,score for the score-blend scheme (overrides the data folder's optional scores.csv)", HelpName = "FILE" };

    public Option<LocalDate?> From { get; } = DateOption("--from", "Start of the evaluation window, yyyy-MM-dd (default: the base date)");

    public Option<LocalDate?> To { get; } = DateOption("--to", "End of the evaluation window, yyyy-MM-dd (default and latest: the data's as-of date)");

    public Option<string?> ReturnType { get; } = new Option<string?>("--return-type") { Description = "price, gross or net (default: the methodology's)", HelpName = "TYPE" }.AcceptOnlyFromAmong("price", "gross", "net");

    public Option<string[]> Benchmark { get; } = new("--benchmark", "-b") { Description = "A benchmark symbol to compare (repeatable; default: the methodology's list)", HelpName = "SYMBOL" };

    /// <summary>The shared options; <paramref name="extraFormats"/> are formats this command writes besides the shared ones (such as html).</summary>
    public InputOptions(params string[] extraFormats)
    {
        string[] formats = [.. Formats, .. extraFormats];
        Format = new Option<string>("--format", "-f") { Description = $"Output format: {string.Join(", ", formats)}", DefaultValueFactory = _ => "table", HelpName = "FORMAT" }.AcceptOnlyFromAmong(formats);
    }

    public Option<string> Format { get; }

    public Option<bool> Strict { get; } = new("--strict") { Description = "Treat data warnings (halts, missing days, unknown symbols, …) as errors: exit code 2" };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write to this file instead of standard output (written to a temporary file, then renamed)", HelpName = "FILE" };

    public Option<bool> Force { get; } = new("--force") { Description = "Let an output replace a file of a data folder (never a file this run reads)" };

    public static Option<LocalDate?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE",
        CustomParser = Parse,
    };

    /// <summary>
    /// A numeric option read the same way on every machine: a plain number with <c>.</c> as the decimal point
    /// (<c>0.04</c>, <c>-0.5</c>, <c>4e-2</c>), whatever the culture. A decimal comma, a thousands separator, a percent
    /// sign, NaN, infinity or a value outside <paramref name="min"/>..<paramref name="max"/> is a command-line error
    /// (exit 1) on one line that names the option and the expected form.
    /// </summary>
    /// <param name="name">The option name, e.g. <c>--risk-free</c>.</param>
    /// <param name="description">The help text.</param>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="example">A valid value shown in error messages, e.g. <c>0.04 for 4 %</c>.</param>
    /// <param name="minExclusive">True when <paramref name="min"/> itself is refused.</param>
    public static Option<double?> NumberOption(string name, string description, double min, double max, string example, bool minExclusive = false) => new(name)
    {
        Description = description,
        HelpName = "NUMBER",
        CustomParser = result => ParseNumber(result, name, min, max, example, minExclusive),
    };

    /// <summary>Reads a plain invariant-culture number; anything else is an error naming the option and the expected form.</summary>
    internal static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    /// <summary>An option naming a chart file: only .png and .svg are accepted (a command-line error, exit 1, otherwise).</summary>
    public static Option<string?> ChartOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "FILE" };
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string?>();
            if (path is not null && !ChartFormats.TryFromPath(path, out _))
            {
                result.AddError($"{name} '{path}': the file name must end in .png or .svg");
            }
        });
        return option;
    }

    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Prices);
        command.Add(Benchmarks);
        command.Add(Universe);
        command.Add(Methodology);
        command.Add(Scores);
        command.Add(Strict);
        command.Add(From);
        command.Add(To);
        command.Add(ReturnType);
        command.Add(Benchmark);
        command.Add(Format);
        command.Add(Output);
        command.Add(Force);
    }

    /// <summary>
    /// The outputs of the run (<c>--output</c> and <paramref name="others"/>), checked before any work: none may replace
    /// a file the run reads, a file of a data folder (without --force) or another output of the run.
    /// </summary>
    public OutputPlan Outputs(ParseResult result, DataPaths paths, params Option<string?>[] others) =>
        OutputPlan.Check(result, Output, others, Inputs.Files(paths), result.GetValue(Data) ?? BundledData.Folder, result.GetValue(Force));

    /// <summary>The outputs of a command that also reads files of its own (such as <c>trades --holdings</c>).</summary>
    public OutputPlan Outputs(ParseResult result, DataPaths paths, IEnumerable<string> alsoReads) =>
        OutputPlan.Check(result, Output, [], Inputs.Files(paths).Concat(alsoReads), result.GetValue(Data) ?? BundledData.Folder, result.GetValue(Force));

    /// <summary>The input files as the user named them (the bundled folder when no --data is given).</summary>
    public DataPaths Paths(ParseResult result, bool withBenchmarks)
    {
        if (result.GetValue(From) is { } from && result.GetValue(To) is { } to && from > to)
        {
            throw new UsageException($"--from {Agix.Cli.Output.Fmt.Date(from)} is after --to {Agix.Cli.Output.Fmt.Date(to)}");
        }

        var given = result.GetValue(Data);
        if (given is not null && !Directory.Exists(given))
        {
            throw new InvalidInputException(Diagnostic.Error(given, 0, 0, File.Exists(given) ? "--data must name a folder (use --prices for a single file)" : "--data: folder not found"));
        }

        var defaults = DataPaths.FromFolder(given ?? BundledData.Folder);
        return new DataPaths(
            result.GetValue(Prices) ?? defaults.Prices,
            withBenchmarks ? result.GetValue(Benchmarks) ?? defaults.Benchmarks : null,
            result.GetValue(Universe) ?? defaults.Universe,
            result.GetValue(Methodology) ?? defaults.Methodology!)
        {
            Scores = result.GetValue(Scores) ?? defaults.Scores,
        };
    }

    /// <summary>The requested benchmark symbols, or null for the methodology's list.</summary>
    public IReadOnlyList<string>? BenchmarkSymbols(ParseResult result) => result.GetValue(Benchmark) is { Length: > 0 } list ? list : null;

    /// <summary>Prints the warnings to standard error; with --strict, fails with exit code 2 when there is any.</summary>
    public void Report(ParseResult result, TextWriter stderr, IReadOnlyList<Diagnostic> found)
    {
        var warnings = found.Select(Inputs.ForUser).ToList();
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

    private static double? ParseNumber(ArgumentResult result, string name, double min, double max, string example, bool minExclusive)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (!TryParseNumber(text, out var value))
        {
            var form = text.Contains('%', StringComparison.Ordinal) ? "a plain number without a percent sign"
                : text.Contains(',', StringComparison.Ordinal) ? "a plain number with '.' as the decimal point (no comma)"
                : "a plain number with '.' as the decimal point";
            result.AddError($"{name} '{text}': expected {form}, e.g. {example}");
            return null;
        }

        if (value < min || value > max || (minExclusive && value == min))
        {
            var excluded = minExclusive ? " (excluded)" : string.Empty;
            result.AddError($"{name} {text}: expected a number between {min.ToString(CultureInfo.InvariantCulture)}{excluded} and {max.ToString(CultureInfo.InvariantCulture)}, e.g. {example}");
            return null;
        }

        return value;
    }

    private static LocalDate? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (NodaTime.Text.LocalDatePattern.Iso.Parse(text) is { Success: true } parsed && parsed.Value is var date)
        {
            return date;
        }

        result.AddError($"'{text}' is not a valid date for {((OptionResult)result.Parent!).Option.Name} (expected yyyy-MM-dd)");
        return null;
    }
}

/// <summary>The options make no sense together: exit code 1, like any command line that cannot be parsed.</summary>
internal sealed class UsageException(string message) : Exception(message);
