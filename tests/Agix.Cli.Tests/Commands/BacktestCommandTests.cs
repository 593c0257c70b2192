using System.Text.Json;

namespace Agix.Tests.Commands;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Json_follows_the_contract_shape()
    {
        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var index = doc.RootElement.GetProperty("index");
        index.GetProperty("name").GetString().Should().Be("Test Index");
        index.GetProperty("returnType").GetString().Should().Be("price");
        index.GetProperty("start").GetString().Should().Be("2024-01-09");
        index.GetProperty("end").GetString().Should().Be("2024-01-22");
        index.GetProperty("baseValue").GetDouble().Should().Be(1000);
        foreach (var key in new[] { "totalReturn", "cagr", "volatility", "sharpe", "sortino", "maxDrawdown", "calmar" })
        {
            index.GetProperty("statistics").TryGetProperty(key, out _).Should().BeTrue(key);
        }

        index.GetProperty("calendarYearReturns").GetProperty("2024").ValueKind.Should().Be(JsonValueKind.Number);
        var spy = doc.RootElement.GetProperty("benchmarks")[0];
        spy.GetProperty("symbol").GetString().Should().Be("SPY");
        spy.GetProperty("returnType").GetString().Should().Be("price");
        foreach (var key in new[] { "beta", "alpha", "correlation", "trackingError", "informationRatio", "upCapture", "downCapture" })
        {
            spy.GetProperty("relative").TryGetProperty(key, out _).Should().BeTrue(key);
        }

        // SPY only rises in this data: it never had a down month, so the down capture is undefined: null, never 0.
        spy.GetProperty("relative").GetProperty("downCapture").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("rebalances")[0].GetProperty("constituents")[0].GetProperty("symbol").GetString().Should().Be("AAA");
    }

    [Fact]
    public void The_total_return_is_the_level_ratio_of_the_levels_command()
    {
        var (_, levels, _) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv");
        var (_, json, _) = Cli.Run("backtest", "--data", _data.Folder, "--format", "json");
        var last = double.Parse(levels.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);

        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("index").GetProperty("statistics").GetProperty("totalReturn").GetDouble().Should().BeApproximately((last / 1000) - 1, 1e-12);
    }

    [Fact]
    public void Csv_holds_the_daily_levels_of_the_index_and_the_rebased_benchmarks()
    {
        var (exit, output, _) = Cli.Run("backtest", "--data", _data.Folder, "--format", "csv");

        exit.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("date,index,SPY");
        lines[1].Should().Be("2024-01-09,1000,1000");
        lines[2].Should().StartWith("2024-01-10,");
        double.Parse(lines[2].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(1000.0 * 476 / 475, 1e-9, "SPY rebased: 470 + i, base on i = 5");
    }

    [Fact]
    public void Markdown_is_a_pasteable_report()
    {
        var (exit, output, _) = Cli.Run("backtest", "--data", _data.Folder, "--format", "markdown");

        exit.Should().Be(0);
        output.Should().StartWith("## Test Index: backtest").And.Contain("| Total return |").And.Contain("### Calendar-year returns");
    }

    [Fact]
    public void The_table_names_the_window_the_return_types_and_the_methodology()
    {
        var (exit, output, _) = Cli.Run("backtest", "--data", _data.Folder);

        exit.Should().Be(0);
        output.Should().Contain("Test Index: backtest").And.Contain("Window:      2024-01-09 to 2024-01-22").And.Contain("SPY (price return)").And.Contain("Contribution to the Index return by theme").And.Contain("theme budgets compute 50 / cloud 30 / software 20 %");
        output.Should().NotContain("SYNTHETIC");
    }

    [Fact]
    public void The_bundled_demo_data_is_labelled_synthetic()
    {
        var (exit, output, error) = Cli.Run("backtest");

        exit.Should().Be(0, error);
        output.Should().Contain("SYNTHETIC demo prices");
    }

    [Fact]
    public void A_requested_benchmark_without_data_is_an_error_that_names_it()
    {
        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "--benchmark", "QQQ");

        exit.Should().Be(2);
        error.Should().Contain("benchmark QQQ has no data");
    }

    [Fact]
    public void A_window_with_a_single_index_close_is_an_error()
    {
        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "--from", "2024-01-22");

        exit.Should().Be(2, "2024-01-22 is the last date: the window holds one close and no return");
        error.Should().Contain("the window 2024-01-22 to 2024-01-22 has fewer than two index closes");
    }

    [Fact]
    public void A_window_from_a_weekend_starts_at_the_close_of_the_friday_before()
    {
        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--from", "2024-01-20", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("index").GetProperty("start").GetString().Should().Be("2024-01-19");
    }

    [Fact]
    public void Rolling_statistics_are_written_as_csv()
    {
        var target = _data.File("rolling.csv");

        var (exit, _, _) = Cli.Run("backtest", "--data", _data.Folder, "--rolling", target, "--format", "csv");

        exit.Should().Be(0);
        File.ReadAllLines(target)[0].Should().Be("date,index_volatility,SPY_volatility,index_beta_SPY");
        File.ReadAllLines(target)[1].Should().Be("2024-01-09,,,", "fewer than 126 returns: undefined, left empty");
    }

    [Fact]
    public void Theme_weights_over_time_are_written_as_csv_and_sum_to_one()
    {
        var target = _data.File("weights.csv");

        var (exit, _, _) = Cli.Run("backtest", "--data", _data.Folder, "--theme-weights", target, "--format", "csv");

        exit.Should().Be(0);
        var lines = File.ReadAllLines(target);
        lines[0].Should().Be("date,compute,cloud,software", "themes that never hold weight are left out");
        lines[1].Should().Be("2024-01-09,0.5,0.3,0.2", "the budgets on the base date");
        foreach (var line in lines.Skip(1))
        {
            line.Split(',').Skip(1).Sum(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).Should().BeApproximately(1, 1e-12);
        }
    }

    [Fact]
    public void Charts_are_written_as_png_and_svg()
    {
        var png = _data.File("chart.png");
        var svg = _data.File("years.svg");

        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "--chart", png, "--chart-years", svg, "--log-scale", "--format", "csv");

        exit.Should().Be(0, error);
        File.ReadAllBytes(png).Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        File.ReadAllText(svg).Should().Contain("<svg").And.Contain("Index").And.Contain("SPY");
    }

    [Fact]
    public void A_chart_with_an_unknown_extension_is_a_command_line_error_before_any_work()
    {
        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "--chart", _data.File("chart.gif"));

        exit.Should().Be(1);
        error.Should().Contain("the file name must end in .png or .svg").And.NotContain("Parameter");
    }

    [Theory]
    [InlineData("--risk-free", "4.5")]
    [InlineData("--chart-years", "years.jpg")]
    public void Option_values_out_of_range_are_command_line_errors(string option, string value)
    {
        Cli.Run("backtest", "--data", _data.Folder, option, value).Exit.Should().Be(1);
    }

    [Fact]
    public void From_after_to_is_a_command_line_error()
    {
        var (exit, _, error) = Cli.Run("backtest", "--data", _data.Folder, "--from", "2024-01-20", "--to", "2024-01-12");

        exit.Should().Be(1);
        error.Should().Contain("--from 2024-01-20 is after --to 2024-01-12");
    }

    [Fact]
    public void A_benchmark_that_ends_early_is_compared_to_its_last_close_with_a_warning_and_the_index_keeps_its_window()
    {
        _data.Write("benchmarks.csv", string.Join("\n", File.ReadAllLines(_data.File("benchmarks.csv")).Where(l => !l.StartsWith("2024-01-22", StringComparison.Ordinal))) + "\n");

        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--format", "json");

        exit.Should().Be(0, error);
        error.Should().Contain("benchmark SPY ends on 2024-01-19, before the end of the window 2024-01-22: its statistics, and its comparison with the index, end there");
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("index").GetProperty("end").GetString().Should().Be("2024-01-22");
    }

    [Fact]
    public void An_infeasible_methodology_names_the_methodology_file_in_every_command()
    {
        _data.Write("methodology.json", """{ "baseDate": "2024-01-09", "rebalance": { "selectionLagDays": 2 }, "weighting": { "stockCap": 0.2, "themeBudgets": { "compute": 0.5, "cloud": 0.3, "software": 0.2 } } }""");

        foreach (var command in new[] { "backtest", "levels", "validate" })
        {
            var (exit, _, error) = Cli.Run(command, "--data", _data.Folder);

            exit.Should().Be(2, command);
            error.Should().Contain("methodology.json: error: base date 2024-01-09: infeasible weighting: compute has 1 eligible name(s)", command);
        }
    }

    [Fact]
    public void A_row_after_the_as_of_date_is_ignored_with_one_warning_and_is_an_error_with_strict()
    {
        File.AppendAllText(_data.File("prices.csv"), "2024-01-23,AAA,250,2000,0,1\n");

        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--format", "json");
        var (strictExit, _, strictError) = Cli.Run("backtest", "--data", _data.Folder, "--strict");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("index").GetProperty("end").GetString().Should().Be("2024-01-22");
        error.Should().Contain("warning: the data's as-of date is 2024-01-22, the latest date on which at least half of the 3 members trading in the data's last 5 days have a close; 1 later row(s) of 1 symbol(s) up to 2024-01-23 are ignored (a partly updated file?): AAA");
        strictExit.Should().Be(2);
        strictError.Should().Contain("error: the data's as-of date is 2024-01-22").And.Contain("(--strict)");
    }

    [Fact]
    public void A_window_that_starts_before_the_base_date_is_an_error_naming_the_base_date()
    {
        var (exit, output, error) = Cli.Run("backtest", "--data", _data.Folder, "--from", "2024-01-05");

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("--from: error: 2024-01-05 is before the base date 2024-01-09");
    }
}
