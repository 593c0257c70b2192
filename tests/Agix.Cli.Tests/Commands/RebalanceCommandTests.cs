using System.Text.Json;

namespace Agix.Tests.Commands;

public sealed class RebalanceCommandTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Json_has_the_contract_keys_and_weights_that_sum_to_one()
    {
        var (exit, output, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.GetProperty("date").GetString().Should().Be("2024-01-19", "the third Friday of January 2024");
        root.GetProperty("selectionDate").GetString().Should().Be("2024-01-17", "two trading days before");
        // By hand: base weights 0.5/0.3/0.2 at 105, 55, 17.5 drift to 112, 62, 14 by 2024-01-19; the rebalance goes
        // back to the budgets, and one-way turnover is half the sum of the absolute changes.
        double[] drift = [0.5 * 112 / 105, 0.3 * 62 / 55, 0.2 * 14 / 17.5];
        var total = drift.Sum();
        var turnover = 0.5 * ((drift[0] / total) - 0.5 + ((drift[1] / total) - 0.3) + (0.2 - (drift[2] / total)));
        root.GetProperty("turnover").GetDouble().Should().BeApproximately(turnover, 1e-12);
        var constituents = root.GetProperty("constituents").EnumerateArray().ToList();
        constituents.Select(c => c.GetProperty("symbol").GetString()).Should().Equal("AAA", "BBB", "CCC");
        constituents.Select(c => c.GetProperty("theme").GetString()).Should().Equal("compute", "cloud", "software");
        constituents.Sum(c => c.GetProperty("weight").GetDouble()).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void A_date_between_rebalances_shows_the_last_one_before_it()
    {
        var (_, output, _) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-12", "--format", "json");

        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("date").GetString().Should().Be("2024-01-09", "the base-date construction is the last rebalance before it");
        doc.RootElement.GetProperty("turnover").GetDouble().Should().Be(0);
    }

    [Fact]
    public void Csv_starts_with_symbol_theme_weight_and_protects_text_cells()
    {
        _data.Write("universe.csv", "symbol,name,theme\nAAA,=HYPERLINK(\"x\"),compute\nBBB,Beta Inc,cloud\nCCC,\"Gamma, Ltd\",software\n");

        var (exit, output, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-09", "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("symbol,theme,weight");
        lines[1].Should().StartWith("AAA,compute,0.5,\"'=HYPERLINK(\"\"x\"\")\"");
        lines[3].Should().Contain("\"Gamma, Ltd\"");
    }

    [Fact]
    public void A_date_before_the_base_date_is_an_input_error()
    {
        var (exit, _, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2023-01-01");

        exit.Should().Be(2);
        error.Should().Contain("before the base date 2024-01-09");
    }

    [Fact]
    public void An_infeasible_methodology_names_the_theme_the_count_the_cap_and_the_budget()
    {
        _data.Write("methodology.json", """{ "baseDate": "2024-01-09", "rebalance": { "selectionLagDays": 2 }, "weighting": { "stockCap": 0.2, "themeBudgets": { "compute": 0.5, "cloud": 0.3, "software": 0.2 } } }""");

        var (exit, _, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-09");

        exit.Should().Be(2);
        error.Should().Contain("compute has 1 eligible name(s) with a cap of 0.2").And.Contain("budget of 0.5");
    }

    [Fact]
    public void A_rebalance_after_the_last_price_date_is_computed_pro_forma()
    {
        // Cut the data after 2024-01-18: the January rebalance (third Friday, 2024-01-19) lies beyond it, and its
        // selection date (2 trading days earlier, 2024-01-17) is inside it.
        _data.Write("prices.csv", string.Join("\n", File.ReadAllLines(_data.File("prices.csv")).Where(l => !l.StartsWith("2024-01-19", StringComparison.Ordinal) && !l.StartsWith("2024-01-22", StringComparison.Ordinal))) + "\n");

        var (exit, output, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("proForma").GetBoolean().Should().BeTrue();
        doc.RootElement.GetProperty("dataAsOf").GetString().Should().Be("2024-01-18");
        doc.RootElement.GetProperty("selectionDate").GetString().Should().Be("2024-01-17");
        doc.RootElement.GetProperty("constituents")[0].GetProperty("units").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Strict_turns_warnings_into_exit_code_2()
    {
        var prices = File.ReadAllText(_data.File("prices.csv")) + "2024-01-13,AAA,1,1,0,1\n";
        _data.Write("prices.csv", prices);

        var (lenient, _, _) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19");
        var (strict, output, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-19", "--strict");

        lenient.Should().Be(0);
        strict.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("2024-01-13 is not an NYSE trading day (a weekend) (--strict)");
    }

    [Fact]
    public void An_infeasible_rebalance_says_which_names_were_not_eligible_and_why()
    {
        var prices = File.ReadAllText(_data.File("prices.csv")).Replace("2024-01-05,AAA,103,1030,0,1", "2024-01-05,AAA,103,,0,1", StringComparison.Ordinal);
        _data.Write("prices.csv", prices);

        var (exit, _, error) = Cli.Run("rebalance", "--data", _data.Folder, "--date", "2024-01-09");

        exit.Should().Be(2);
        error.Should().Contain("methodology.json: error: base date 2024-01-09: infeasible weighting: compute has a budget of 0.5 but no eligible member (not eligible: AAA: no market cap on the selection date 2024-01-05)");
    }
}
