using System.Text.Json;
using Agix.Tests.Prices;

namespace Agix.Tests.Commands;

/// <summary>The data checks as the commands report them: warnings, errors with --strict (exit code 2).</summary>
public sealed class DataChecksCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agix-cli-checks-" + Guid.NewGuid().ToString("N"));

    public DataChecksCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private (string Prices, string Benchmarks, string Where) NvdaWithoutSplitRow()
    {
        var market = SharedData.RequireMarketDirectory();
        var prices = Path.Combine(_folder, "prices.csv");
        var line = RealDataEdits.WriteNvdaWithoutSplitRow(market, prices);
        return (prices, Path.Combine(market, "benchmarks.csv"), $"{prices}:{line}");
    }

    [Fact]
    public void Validate_warns_about_an_unrecorded_split_in_the_real_data_and_strict_makes_it_exit_code_2()
    {
        var (prices, benchmarks, where) = NvdaWithoutSplitRow();

        var (exit, output, error) = Cli.Run("validate", "--prices", prices, "--benchmarks", benchmarks);
        var (strictExit, _, strictError) = Cli.Run("validate", "--prices", prices, "--benchmarks", benchmarks, "--strict");

        exit.Should().Be(0, error);
        output.Should().Contain($"{where}: warning: NVDA 2023-06-01: close 39.77 is 0.1051 × the previous close 378.34 (2023-05-31) with split_ratio 1: a fall of more than 60 % in a day");
        strictExit.Should().Be(2);
        strictError.Should().Contain($"{where}: error: NVDA 2023-06-01: close 39.77 is 0.1051 × the previous close 378.34").And.Contain("(--strict)");
    }

    [Fact]
    public void Backtest_prints_the_data_check_warning_and_fails_with_strict()
    {
        var (prices, benchmarks, where) = NvdaWithoutSplitRow();

        var (exit, _, error) = Cli.Run("backtest", "--prices", prices, "--benchmarks", benchmarks, "--format", "json");
        var (strictExit, _, strictError) = Cli.Run("backtest", "--prices", prices, "--benchmarks", benchmarks, "--strict");

        exit.Should().Be(0, error);
        error.Should().Contain($"{where}: warning: NVDA 2023-06-01");
        strictExit.Should().Be(2);
        strictError.Should().Contain($"{where}: error: NVDA 2023-06-01");
    }

    [Fact]
    public void The_unmodified_real_data_validates_without_any_warning()
    {
        var market = SharedData.RequireMarketDirectory();

        var (exit, output, error) = Cli.Run("validate", "--prices", Path.Combine(market, "prices.csv"), "--benchmarks", Path.Combine(market, "benchmarks.csv"), "--strict", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("errorCount").GetInt32().Should().Be(0);
        doc.RootElement.GetProperty("warningCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public void The_bundled_synthetic_data_trips_no_data_check()
    {
        var (exit, output, error) = Cli.Run("validate", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString())
            .Should().ContainSingle().Which.Should().StartWith("DELL: data ends on 2025-06-30", "the only warning is the deletion the demo data makes on purpose");
    }
}
