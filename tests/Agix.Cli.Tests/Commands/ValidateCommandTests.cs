using System.Text.Json;

namespace Agix.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Valid_inputs_pass_with_exit_code_0()
    {
        var (exit, output, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(0, error);
        output.Should().Contain("OK: no errors");
    }

    [Fact]
    public void Every_infeasible_theme_is_listed_in_one_run_once_with_the_rebalances_it_fails()
    {
        // One name per theme under a 20 % cap: compute (50 %) and cloud (30 %) cannot be held, software (20 %) can;
        // edge has a budget and no member at all. Each fails at the base date and at the January rebalance.
        _data.Write("methodology.json", """{ "baseDate": "2024-01-09", "rebalance": { "months": [1], "selectionLagDays": 2 }, "weighting": { "stockCap": 0.2, "themeBudgets": { "compute": 0.4, "cloud": 0.3, "edge": 0.1, "software": 0.2 } }, "benchmarks": ["SPY"] }""");

        var (exit, output, error) = Cli.Run("validate", "--data", _data.Folder, "--format", "json");

        exit.Should().Be(2);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3, error);
        lines[0].Should().Contain("methodology.json: error: base date 2024-01-09: infeasible weighting: compute has 1 eligible name(s) with a cap of 0.2, which can hold at most 0.2, less than its budget of 0.4").And.EndWith("[and at 1 later rebalance(s), the last on 2024-01-19]");
        lines[1].Should().Contain("infeasible weighting: cloud has 1 eligible name(s)");
        lines[2].Should().Contain("infeasible weighting: edge has a budget of 0.1 but no eligible member");
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("errorCount").GetInt32().Should().Be(3);
    }

    [Fact]
    public void Every_problem_of_every_file_is_listed_in_one_run()
    {
        _data.Write("prices.csv", "date,symbol,close,market_cap\n2024-01-09,AAA,-1,1\n2024-01-10,AAA,1,1\n2024-01-10,AAA,1,1\n");
        _data.Write("universe.csv", "symbol,name,theme\nAAA,Alpha,robots & ai\n");
        _data.Write("methodology.json", """{ "stockCap": 0.1, "returnType": "total" }""");

        var (exit, _, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(2);
        error.Should().Contain("prices.csv:2:3: error: close must be greater than 0, got -1");
        error.Should().Contain("universe.csv:2:3: error: 'robots & ai' is not a theme name");
        error.Should().Contain("methodology.json:1:3: error: unknown key 'stockCap'");
        error.Should().Contain("methodology.json:1:20: error: returnType must be one of price, gross, net, got \"total\"");
    }

    [Fact]
    public void Warnings_are_listed_but_not_fatal()
    {
        _data.Write("universe.csv", "symbol,name,theme\nAAA,Alpha Corp,compute\nBBB,Beta Inc,cloud\nCCC,Gamma,software\nDDD,Delta,software\n");
        var prices = File.ReadAllText(_data.File("prices.csv")) + "2024-01-13,AAA,1,1,0,1\n" + "2024-01-23,ZZZ,5,5,0,1\n";
        _data.Write("prices.csv", prices);

        var (exit, output, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(0, error);
        output.Should().Contain("member DDD has no prices");
        output.Should().Contain("1 symbol(s) are not in the universe and are ignored: ZZZ");
        output.Should().Contain("2024-01-13 is not an NYSE trading day (a weekend)");
    }

    [Fact]
    public void A_methodology_benchmark_without_data_fails_validation_as_it_would_fail_the_backtest()
    {
        _data.Write("methodology.json", File.ReadAllText(_data.File("methodology.json")).Replace("\"benchmarks\": [\"SPY\"]", "\"benchmarks\": [\"SPY\", \"NOPE\"]", StringComparison.Ordinal));

        var (validate, _, error) = Cli.Run("validate", "--data", _data.Folder);
        var (backtest, _, _) = Cli.Run("backtest", "--data", _data.Folder);

        validate.Should().Be(2);
        backtest.Should().Be(2);
        error.Should().Contain("benchmark NOPE has no data");
    }

    [Fact]
    public void The_error_count_is_the_real_total_beyond_the_listing_cap()
    {
        var rows = string.Concat(Enumerable.Range(0, 150).Select(i => $"2024-01-02,S{i},bad,1\n"));
        _data.Write("prices.csv", "date,symbol,close,market_cap\n" + rows);

        var (exit, output, _) = Cli.Run("validate", "--data", _data.Folder, "--format", "json");

        exit.Should().Be(2);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("errorCount").GetInt32().Should().Be(150);
        doc.RootElement.GetProperty("errors").GetArrayLength().Should().Be(101, "100 listed, then one line that counts the rest");
        doc.RootElement.GetProperty("errors")[100].GetProperty("line").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("levels")]
    [InlineData("rebalance")]
    [InlineData("validate")]
    public void Every_command_accepts_every_shared_option_of_the_contract(string command)
    {
        string[] args = [command, "--data", _data.Folder, "--from", "2024-01-09", "--to", "2024-01-22", "--return-type", "net", "--benchmark", "SPY", "--format", "markdown", "--output", _data.File(command + ".md")];
        if (command == "rebalance")
        {
            args = [.. args, "--date", "2024-01-19"];
        }

        var (exit, _, error) = Cli.Run(args);

        exit.Should().Be(0, error);
        File.ReadAllText(_data.File(command + ".md")).Should().StartWith("## ");
    }
}
