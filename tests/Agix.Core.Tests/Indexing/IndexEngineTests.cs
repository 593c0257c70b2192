using Agix.Indexing;
using NodaTime;

namespace Agix.Tests.Indexing;

public sealed class IndexEngineTests
{
    private const double Exact = 1e-12;
    private static readonly LocalDate[] Days = [new(2024, 1, 2), new(2024, 1, 3), new(2024, 1, 4), new(2024, 1, 5)];
    private static readonly UniverseMember[] Abc =
    [
        new("A", "Alpha", Theme.Compute),
        new("B", "Beta", Theme.Compute),
        new("C", "Gamma", Theme.Compute),
    ];

    private static readonly Methodology CappedAt40 = Methodology.Default with
    {
        BaseDate = Days[0],
        WithholdingTax = 0.30,
        TransactionCostBps = 10,
        WeightingRules = new WeightingRules(WeightingScheme.MarketCap, 0.40, null, WeightingRules.DefaultBudgets),
    };

    /// <summary>The methodology's index vector: 3 stocks, 40 % cap, a dividend, a 10-for-1 split and a costed rebalance.</summary>
    private static IndexResult SpecVector()
    {
        var close = new double[,] { { 100, 45, 24 }, { 104, 44.10, 25.20 }, { 103, 43.50, 25.00 }, { 10.50, 43.80, 24.80 } };
        var shares = new double[] { 30, 40, 50 };
        var cap = new double[4, 3];
        for (var d = 0; d < 4; d++)
        {
            for (var s = 0; s < 3; s++)
            {
                cap[d, s] = close[d, s] * shares[s] * (d == 3 && s == 0 ? 10 : 1);
            }
        }

        var dividend = new double[,] { { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0.90, 0 }, { 0, 0, 0 } };
        var split = new double[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 10, 1, 1 } };
        var panel = PricePanel.Create(Days, ["A", "B", "C"], close, cap, dividend, split);
        return IndexEngine.Compute(panel, Abc, CappedAt40, new RebalanceDate(Days[0], Days[0]), [new RebalanceDate(Days[3], Days[0])], Days[3]);
    }

    [Fact]
    public void The_base_composition_is_capped_at_40_percent()
    {
        var index = SpecVector();

        index.Rebalances[0].Constituents.Select(c => c.Weight).Should().Equal([0.40, 0.36, 0.24], (a, b) => Math.Abs(a - b) < Exact);
        index.Rebalances[0].Turnover.Should().Be(0, "the base-date construction has no turnover");
        index.PriceReturn[0].Should().Be(1000);
    }

    [Fact]
    public void Price_return_levels_follow_the_units_held()
    {
        var index = SpecVector();

        index.PriceReturn[1].Should().BeApproximately(1020.8, 1e-9);
        index.PriceReturn[2].Should().BeApproximately(1010.0, 1e-9);
    }

    [Fact]
    public void Dividend_points_feed_gross_and_net_total_return()
    {
        var index = SpecVector();

        index.GrossTotalReturn[2].Should().BeApproximately(1017.2, 1e-9);
        index.NetTotalReturn[2].Should().BeApproximately(1015.04, 1e-9);
        index.PriceReturn[2].Should().BeApproximately(1010.0, 1e-9, "price return ignores the dividend");
    }

    [Fact]
    public void A_split_multiplies_the_units_and_leaves_the_level_unchanged()
    {
        var index = SpecVector();

        // Before costs: 40 units of A at 10.50, 8 of B at 43.80, 10 of C at 24.80 = 1018.4.
        var drifted = index.Rebalances[1].Constituents.Select(c => c.PreviousWeight).ToArray();
        (1018.4 * drifted[0] / 10.50).Should().BeApproximately(40, 1e-9);
    }

    [Fact]
    public void A_rebalance_reports_drifted_weights_turnover_and_charges_costs_per_side()
    {
        var index = SpecVector();
        var r = index.Rebalances[1];

        r.Constituents.Select(c => c.PreviousWeight).Should().Equal([0.41241162608, 0.34406912805, 0.24351924588], (a, b) => Math.Abs(a - b) < 1e-8);
        r.Turnover.Should().BeApproximately(0.01593087, 1e-8);
        r.Constituents.Select(c => c.Weight).Should().Equal([0.40, 0.36, 0.24], (a, b) => Math.Abs(a - b) < Exact);

        // Hand calculation: only B's weight rises (from 8 × 43.80 / 1018.4 to 0.36), so sum |dw| = 2 × that rise; cost = 10 bp of it.
        var cost = 0.001 * 2 * (0.36 - (8 * 43.80 / 1018.4));
        r.Cost.Should().BeApproximately(cost, Exact);
        index.PriceReturn[3].Should().BeApproximately(1018.4 * (1 - cost), 1e-9);
        index.PriceReturn[3].Should().BeApproximately(1018.367552, 1e-6);
        index.GrossTotalReturn[3].Should().BeApproximately(1017.2 * (1018.4 / 1010.0) * (1 - cost), 1e-9);
    }

    [Fact]
    public void New_units_reproduce_the_post_cost_level()
    {
        var index = SpecVector();
        var r = index.Rebalances[1];

        r.Constituents.Sum(c => c.Units * c.Price).Should().BeApproximately(index.PriceReturn[3], 1e-9);
    }

    [Fact]
    public void A_halted_constituent_carries_its_last_close_and_is_reported()
    {
        var nan = double.NaN;
        var close = new double[,] { { 100, 50 }, { nan, 55 }, { 110, 55 } };
        var cap = new double[,] { { 100, 100 }, { nan, 110 }, { 110, 110 } };
        var panel = PricePanel.Create(Days[..3], ["A", "B"], close, cap);
        var m = CappedAt40 with { WeightingRules = new WeightingRules(WeightingScheme.Equal, null, null, WeightingRules.DefaultBudgets), TransactionCostBps = 0 };

        var index = IndexEngine.Compute(panel, Abc[..2], m, new RebalanceDate(Days[0], Days[0]), [], Days[2]);

        index.PriceReturn[1].Should().BeApproximately(1050, 1e-9, "A is carried at 100 while B rises 10 %");
        index.PriceReturn[2].Should().BeApproximately(1100, 1e-9);
        index.Warnings.Should().ContainSingle().Which.Message.Should().Contain("A has no close on 1 trading day(s)");
    }

    [Fact]
    public void A_constituent_whose_data_ends_early_is_deleted_without_a_level_jump()
    {
        var nan = double.NaN;
        var close = new double[,] { { 100, 50 }, { 120, 50 }, { nan, 60 }, { nan, 66 } };
        var panel = PricePanel.Create(Days, ["A", "B"], close, close);
        var m = CappedAt40 with { WeightingRules = new WeightingRules(WeightingScheme.Equal, null, null, WeightingRules.DefaultBudgets), TransactionCostBps = 0 };

        var index = IndexEngine.Compute(panel, Abc[..2], m, new RebalanceDate(Days[0], Days[0]), [], Days[3]);

        // Day 1: 5 units of A at 120 + 10 of B at 50 = 1100; A's 600 moves into B: B now holds 22 units.
        index.PriceReturn[1].Should().BeApproximately(1100, 1e-9);
        index.PriceReturn[2].Should().BeApproximately(22 * 60, 1e-9);
        index.PriceReturn[3].Should().BeApproximately(22 * 66, 1e-9);
        index.Weight(1, 0).Should().Be(0);
        index.Weight(1, 1).Should().BeApproximately(1, Exact);
        index.Warnings.Should().ContainSingle(w => w.Message.Contains("A: data ends on 2024-01-03"));
    }

    [Fact]
    public void A_name_without_a_market_cap_on_the_selection_date_is_not_eligible()
    {
        var nan = double.NaN;
        var close = new double[,] { { 100, 50, 20 } };
        var cap = new double[,] { { 100, nan, 300 } };
        var panel = PricePanel.Create(Days[..1], ["A", "B", "C"], close, cap);
        var m = CappedAt40 with { WeightingRules = new WeightingRules(WeightingScheme.MarketCap, null, null, WeightingRules.DefaultBudgets) };

        var index = IndexEngine.Compute(panel, Abc, m, new RebalanceDate(Days[0], Days[0]), [], Days[0]);

        index.Rebalances[0].Constituents.Select(c => (c.Symbol, c.Weight)).Should().Equal(("C", 0.75), ("A", 0.25));
    }

    [Fact]
    public void A_base_date_outside_the_data_is_an_input_error()
    {
        var panel = PricePanel.Create(Days[..1], ["A"], new double[,] { { 1 } }, new double[,] { { 1 } });
        var data = IndexData.Create(panel, Abc[..1], Methodology.Default);

        var act = () => IndexEngine.Compute(data);

        act.Should().Throw<InvalidInputException>().Which.Message.Should().Contain("the base date 2022-11-30 (methodology baseDate) is not a trading day in the data");
    }
}
