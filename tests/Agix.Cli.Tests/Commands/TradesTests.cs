using Agix.Cli.Commands;
using NodaTime;

namespace Agix.Tests.Commands;

/// <summary>The pure order computation behind <c>agix trades</c>.</summary>
public sealed class TradesTests
{
    private static readonly LocalDate Day = new(2025, 12, 19);

    private static readonly Dictionary<string, string> Themes = new(StringComparer.Ordinal) { ["AAA"] = "compute", ["BBB"] = "cloud", ["CCC"] = "software", ["UNI"] = "edge" };

    [Fact]
    public void A_target_that_is_a_whole_number_of_lots_in_exact_arithmetic_is_not_cut_by_one_lot_through_round_off()
    {
        // A 10 % weight of V = 333,276.30 is 33,327.63 = 63 x 529.01 exactly, but 0.1 x 333276.3 / 529.01 is
        // 62.99999999999999 in doubles: a plain floor would buy 62. BBB: floor(0.9 x 333,276.30 / 1) = 299,948.
        // Cash left 333,276.30 - 63 x 529.01 - 299,948 = 333,276.30 - 33,327.63 - 299,948 = 0.67.
        var trades = Trades.Compute(
            Day, [new Target("AAA", "compute", 0.1), new Target("BBB", "cloud", 0.9)], Themes, new Dictionary<string, double>(),
            new Dictionary<string, double> { ["AAA"] = 529.01, ["BBB"] = 1 }, 333276.3, 1);

        trades.Orders.Select(o => (o.Symbol, o.TargetShares)).Should().Equal(("AAA", 63.0), ("BBB", 299948.0));
        trades.CashLeft.Should().BeApproximately(0.67, 1e-9);
    }

    [Fact]
    public void A_portfolio_by_hand_with_a_lot_of_ten_cash_and_names_outside_the_index()
    {
        // Held: AAA 100 at 112, BBB 50 at 62, UNI 7 at 40 (a universe member not in the target), OUT 10 at 30 (not in
        // the universe); cash 1,000. V = 11,200 + 3,100 + 280 + 300 + 1,000 = 15,880.
        // AAA 50 %: floor(7,940 / 1,120) = 7 lots = 70 (-30, -3,360); BBB 30 %: floor(4,764 / 620) = 7 lots = 70
        // (+20, +1,240); CCC 20 %: floor(3,176 / 140) = 22 lots = 220 (+220, +3,080); UNI and OUT sold: -7 (-280),
        // -10 (-300). Invested 7,840 + 4,340 + 3,080 = 15,260; cash left 15,880 - 15,260 = 620.
        // Order: by theme (compute, cloud, edge, software in the default themes' order; no theme last), then weight.
        var trades = Trades.Compute(
            Day,
            [new Target("BBB", "cloud", 0.3), new Target("AAA", "compute", 0.5), new Target("CCC", "software", 0.2)],
            Themes,
            new Dictionary<string, double> { ["AAA"] = 100, ["BBB"] = 50, ["UNI"] = 7, ["OUT"] = 10 },
            new Dictionary<string, double> { ["AAA"] = 112, ["BBB"] = 62, ["CCC"] = 14, ["UNI"] = 40, ["OUT"] = 30 },
            1000,
            10);

        trades.Value.Should().Be(15880);
        trades.CashLeft.Should().BeApproximately(620, 1e-9);
        trades.Orders.Select(o => (o.Symbol, o.Theme, o.Weight, o.Shares, o.TargetShares, o.TradeShares, o.TradeValue)).Should().Equal(
            ("AAA", "compute", 0.5, 100.0, 70.0, -30.0, -3360.0),
            ("BBB", "cloud", 0.3, 50.0, 70.0, 20.0, 1240.0),
            ("UNI", "edge", 0.0, 7.0, 0.0, -7.0, -280.0),
            ("CCC", "software", 0.2, 0.0, 220.0, 220.0, 3080.0),
            ("OUT", string.Empty, 0.0, 10.0, 0.0, -10.0, -300.0));
    }

    [Theory]
    [InlineData(1000.0, 1.0)]
    [InlineData(333276.3, 1.0)]
    [InlineData(1234567.89, 10.0)]
    [InlineData(98765.43, 100.0)]
    public void Applying_the_orders_and_computing_again_trades_nothing(double cash, double lot)
    {
        Target[] targets = [new("AAA", "compute", 0.1), new("BBB", "cloud", 0.3), new("CCC", "software", 0.6 / 7), new("DDD", "software", 0.6 * 6 / 7)];
        var prices = new Dictionary<string, double> { ["AAA"] = 529.01, ["BBB"] = 0.1, ["CCC"] = 13.37, ["DDD"] = 187.54 };

        var first = Trades.Compute(Day, targets, Themes, new Dictionary<string, double>(), prices, cash, lot);
        var again = Trades.Compute(Day, targets, Themes, first.Orders.ToDictionary(o => o.Symbol, o => o.TargetShares), prices, first.CashLeft, lot);

        first.CashLeft.Should().BeGreaterThanOrEqualTo(0);
        again.Orders.Select(o => o.TradeShares).Should().OnlyContain(t => t == 0);
        again.CashLeft.Should().BeApproximately(first.CashLeft, 1e-6);
    }
}
