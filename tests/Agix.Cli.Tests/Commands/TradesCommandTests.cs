using System.Text.Json;

namespace Agix.Tests.Commands;

public sealed class TradesCommandTests : IDisposable
{
    private readonly SmallData _data = new();

    public TradesCommandTests()
    {
        // A fourth symbol in the prices but not in the universe: a holding outside the index, sold.
        var days = File.ReadLines(_data.File("prices.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        File.AppendAllLines(_data.File("prices.csv"), days.Select(d => $"{d},OLD,30,1000,0,1"));
        _data.Write("holdings.csv", "symbol,shares\nAAA,100\nBBB,50\nOLD,10\n");
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void The_orders_match_a_hand_computation_with_a_lot_of_ten_cash_and_a_holding_outside_the_index()
    {
        // Rebalance 2024-01-19 (January, cap 100 %): AAA 50 %, BBB 30 %, CCC 20 %; closes that day AAA 112, BBB 62,
        // CCC 14, OLD 30. V = 100 x 112 + 50 x 62 + 10 x 30 + 1000 = 15,600.
        // AAA floor(0.5 x 15600 / 1120) x 10 = 60 (-40, -4,480); BBB floor(4680 / 620) x 10 = 70 (+20, +1,240);
        // CCC floor(3120 / 140) x 10 = 220 (+220, +3,080); OLD 0 (-10, -300). Cash left 15,600 - 14,140 = 1,460.
        var (exit, output, error) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"), "--cash", "1000", "--lot", "10", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.GetProperty("date").GetString().Should().Be("2024-01-19");
        root.GetProperty("priceDate").GetString().Should().Be("2024-01-19");
        root.GetProperty("portfolioValue").GetDouble().Should().BeApproximately(15600, 1e-9);
        root.GetProperty("cash").GetDouble().Should().BeApproximately(1460, 1e-9);
        var orders = root.GetProperty("orders").EnumerateArray().Select(o => (
            o.GetProperty("symbol").GetString(), o.GetProperty("shares").GetDouble(), o.GetProperty("targetShares").GetDouble(),
            o.GetProperty("tradeShares").GetDouble(), o.GetProperty("tradeValue").GetDouble())).ToList();
        orders.Should().Equal(
            ("AAA", 100.0, 60.0, -40.0, -4480.0),
            ("BBB", 50.0, 70.0, 20.0, 1240.0),
            ("CCC", 0.0, 220.0, 220.0, 3080.0),
            ("OLD", 10.0, 0.0, -10.0, -300.0));
    }

    [Fact]
    public void Csv_has_the_contract_columns_and_a_last_cash_row()
    {
        var (exit, output, error) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"), "--cash", "1000", "--lot", "10", "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("symbol,theme,weight,price,shares,target_shares,trade_shares,trade_value");
        lines[1].Should().Be("AAA,compute,0.5,112,100,60,-40,-4480");
        lines[^1].Should().StartWith("CASH,,").And.EndWith(",1,1000,1460,460,460");
    }

    [Fact]
    public void Markdown_is_a_table_to_paste_in_a_pull_request()
    {
        var (exit, output, _) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"), "--format", "markdown");

        exit.Should().Be(0);
        output.Should().Contain("| symbol | theme | weight | price | shares | target | trade | value |").And.Contain("| OLD |  | 0.00 % | 30.00 | 10 | 0 | -10 | -300.00 |");
    }

    [Fact]
    public void A_holding_without_a_close_on_the_price_date_is_sold_at_its_last_close_with_a_warning_at_its_line()
    {
        // GONE's rows stop on 2024-01-12, a week before the rebalance of 2024-01-19: sold at 25, its last close.
        File.AppendAllLines(_data.File("prices.csv"), ["2024-01-11,GONE,24,100,0,1", "2024-01-12,GONE,25,100,0,1"]);
        _data.Write("holdings.csv", "symbol,shares\nAAA,100\nGONE,4\n");

        var (exit, output, error) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"), "--format", "csv");
        var (strict, _, strictError) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"), "--strict");

        exit.Should().Be(0, error);
        error.Should().Contain("holdings.csv:3:1: warning: GONE has no close on 2024-01-19, the rebalance's price date: priced at its last close, of 2024-01-12");
        output.Should().Contain("\nGONE,,0,25,4,0,-4,-100\n");
        strict.Should().Be(2);
        strictError.Should().Contain("holdings.csv:3:1: error: GONE has no close on 2024-01-19");
    }

    [Fact]
    public void A_holding_with_no_close_on_or_before_the_price_date_is_exit_2_at_its_line()
    {
        File.AppendAllLines(_data.File("prices.csv"), ["2024-01-22,LATE,10,100,0,1"]);
        _data.Write("holdings.csv", "symbol,shares\nAAA,100\nLATE,4\n");

        var (exit, output, error) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"));

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("holdings.csv:3:1: error: LATE has no close on or before 2024-01-19, the rebalance's price date");
    }

    [Theory]
    [InlineData("symbol,shares\nAAA,100\nZZZ,5\n", "holdings.csv:3:1: error: unknown symbol 'ZZZ': neither in the universe nor in the prices")]
    [InlineData("symbol,shares\nAAA,ten\n", "holdings.csv:2:2: error: shares must be a number of at least 0, got 'ten'")]
    [InlineData("symbol,shares\nAAA,-100\n", "holdings.csv:2:2: error: shares must be a number of at least 0, got '-100'")]
    [InlineData("symbol,shares\nAAA,1,5\n", "holdings.csv:2: error: the row has 3 field(s), expected 2 (a decimal comma?)")]
    [InlineData("symbol,shares\nAAA,100\nAAA,5\n", "holdings.csv:3:1: error: AAA is listed twice (first at line 2)")]
    public void Bad_holdings_are_exit_2_with_file_line_and_column(string content, string expected)
    {
        _data.Write("holdings.csv", content);

        var (exit, output, error) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"));

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(expected);
    }

    [Theory]
    [InlineData("--lot", "0")]
    [InlineData("--lot", "2.5")]
    [InlineData("--cash", "-5")]
    [InlineData("--cash", "1,5")]
    public void Bad_cash_or_lot_is_exit_1(string option, string value)
    {
        var (exit, _, error) = Cli.Run("trades", "--data", _data.Folder, "--date", "2024-01-19", "--holdings", _data.File("holdings.csv"), option, value);

        exit.Should().Be(1);
        error.Should().Contain(option);
    }
}
