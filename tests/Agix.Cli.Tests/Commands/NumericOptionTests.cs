using System.Diagnostics;
using System.Globalization;
using Agix.Cli;

namespace Agix.Tests.Commands;

/// <summary>
/// Numeric and date options are read with the invariant culture on every machine: a decimal comma, a percent sign or
/// anything else that is not a plain number is a command-line error (exit 1) on one line, never a stack trace.
/// </summary>
public sealed class NumericOptionTests : IDisposable
{
    private static readonly string[] Cultures = ["de-DE", "fr-FR", "tr-TR", "ar-SA"];

    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    public static TheoryData<string> CultureNames() => [.. Cultures];

    [Theory]
    [InlineData("abc")]
    [InlineData("4%")]
    [InlineData("0,1")]
    [InlineData("0,04")]
    [InlineData("1,000")]
    [InlineData("1.000,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e999")]
    [InlineData("0x10")]
    [InlineData(" 0.04")]
    [InlineData("")]
    public void A_risk_free_rate_that_is_not_a_plain_number_is_a_one_line_command_line_error(string value)
    {
        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--risk-free", value);

        exit.Should().Be(1, error);
        Lines(error).Should().ContainSingle().Which.Should().Contain("--risk-free").And.Contain("0.04");
        error.Should().NotContain("   at ").And.NotContain("Exception");
        output.Should().NotContain("Risk-free:");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("4.5")]
    public void A_risk_free_rate_out_of_range_is_a_one_line_command_line_error(string value)
    {
        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "--risk-free", value);

        exit.Should().Be(1, error);
        Lines(error).Should().ContainSingle().Which.Should().Contain("--risk-free").And.Contain("between -1 (excluded) and 1");
    }

    [Theory]
    [InlineData("0.04", "4.00 %")]
    [InlineData("4e-2", "4.00 %")]
    [InlineData(".04", "4.00 %")]
    [InlineData("+0.04", "4.00 %")]
    [InlineData("-0.01", "-1.00 %")]
    [InlineData("1", "100.00 %")]
    public void A_plain_risk_free_rate_is_read_as_a_fraction(string value, string shown)
    {
        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--risk-free", value);

        exit.Should().Be(0, error);
        output.Should().Contain($"Risk-free:   {shown} a year");
    }

    [Theory]
    [MemberData(nameof(CultureNames))]
    public void Numeric_and_date_options_read_the_same_under_every_culture(string culture)
    {
        var (exit, output, error) = UnderCulture(culture, () => Cli.Run("backtest", "--data", _data.Folder, "--risk-free", "0.04", "--from", "2024-01-10", "--to", "2024-01-19"));

        exit.Should().Be(0, error);
        output.Should().Contain("Risk-free:   4.00 % a year").And.Contain("Window:      2024-01-10 to 2024-01-19");
    }

    [Theory]
    [MemberData(nameof(CultureNames))]
    public void A_decimal_comma_is_refused_under_every_culture(string culture)
    {
        var (exit, _, error) = UnderCulture(culture, () => Cli.Run("backtest", "--data", _data.Folder, "--risk-free", "0,04"));

        exit.Should().Be(1, error);
        Lines(error).Should().ContainSingle().Which.Should().Contain("--risk-free '0,04'");
    }

    [Theory]
    [MemberData(nameof(CultureNames))]
    public void The_rebalance_date_reads_the_same_under_every_culture(string culture)
    {
        var (exit, output, error) = UnderCulture(culture, () => Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19", "--format", "json"));

        exit.Should().Be(0, error);
        output.Should().Contain("\"date\": \"2024-01-19\"");
    }

    [Theory]
    [InlineData("backtest", "--from", "2024/01/10")]
    [InlineData("levels", "--to", "10.01.2024")]
    [InlineData("rebalance", "--date", "٢٠٢٤-٠١-١٩")]
    [InlineData("rebalance", "--date", "2024-02-30")]
    public void A_date_that_is_not_iso_is_a_one_line_command_line_error(string command, string option, string value)
    {
        var (exit, _, error) = Cli.Run(command, "--data", _data.Folder, option, value);

        exit.Should().Be(1, error);
        Lines(error).Should().ContainSingle().Which.Should().Contain(option).And.Contain("yyyy-MM-dd");
    }

    [Theory]
    [InlineData("backtest", "--format", "xml")]
    [InlineData("levels", "--return-type", "total")]
    [InlineData("backtest", "--risk-free")]
    [InlineData("backtest", "--from")]
    [InlineData("rebalance")]
    [InlineData("validate", "--nope", "1")]
    public void System_command_line_errors_never_show_a_stack_trace(params string[] args)
    {
        var (exit, _, error) = Cli.Run([.. args, "--data", _data.Folder]);

        exit.Should().Be(1);
        error.Should().NotBeEmpty().And.NotContain("   at ").And.NotContain("Exception");
    }

    [Fact]
    public async Task The_cli_reads_numbers_and_dates_the_same_under_every_machine_locale()
    {
        string[] good = ["backtest", "--data", _data.Folder, "--risk-free", "0.04", "--from", "2024-01-10", "--to", "2024-01-19"];
        string[] comma = ["backtest", "--data", _data.Folder, "--risk-free", "0,1"];
        string[] junk = ["backtest", "--data", _data.Folder, "--risk-free", "abc"];
        var runs = Cultures.SelectMany(c => new[] { (Culture: c, Args: good), (Culture: c, Args: comma), (Culture: c, Args: junk) }).ToList();

        var results = await Task.WhenAll(runs.Select(r => Task.Run(() => RunProcess(r.Culture, r.Args), TestContext.Current.CancellationToken)));

        for (var i = 0; i < runs.Count; i++)
        {
            var (exit, output, error) = results[i];
            var because = $"{string.Join(' ', runs[i].Args.Skip(3))} under {runs[i].Culture}: {error}";
            error.Should().NotContain("   at ", because).And.NotContain("Unhandled exception", because);
            if (runs[i].Args == good)
            {
                exit.Should().Be(0, because);
                output.Should().Contain("Risk-free:   4.00 % a year", because).And.Contain("Window:      2024-01-10 to 2024-01-19", because);
            }
            else
            {
                exit.Should().Be(1, because);
                Lines(error).Should().ContainSingle(because).Which.Should().Contain("--risk-free", because);
            }
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T UnderCulture<T>(string name, Func<T> action)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    private static (int Exit, string Output, string Error) RunProcess(string culture, string[] args)
    {
        var locale = culture.Replace('-', '_') + ".UTF-8";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(AgixCommand).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LANG"] = locale;
        start.Environment["LC_ALL"] = locale;
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false";
        start.Environment["TZ"] = "Pacific/Chatham";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
