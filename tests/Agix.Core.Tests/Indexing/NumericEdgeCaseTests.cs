using Agix.Indexing;
using NodaTime;

namespace Agix.Tests.Indexing;

public sealed class NumericEdgeCaseTests
{
    private static readonly LocalDate[] Days = [.. Enumerable.Range(0, 6).Select(i => new LocalDate(2024, 3, 4).PlusDays(i))];

    private static Methodology Scheme(WeightingScheme scheme, double? cap = null, IReadOnlyDictionary<Theme, double>? budgets = null) => Methodology.Default with
    {
        BaseDate = Days[0],
        WeightingRules = new WeightingRules(scheme, cap, null, budgets ?? WeightingRules.DefaultBudgets),
        RebalanceRules = RebalanceRules.Default with { SelectionLagDays = 0 },
    };

    private static IndexResult Run(double[,] close, double[,] cap, UniverseMember[] universe, Methodology m, double[,]? split = null, RebalanceDate[]? schedule = null, int? days = null)
    {
        var n = days ?? close.GetLength(0);
        var panel = PricePanel.Create(Days[..n], [.. universe.Select(u => u.Symbol)], close, cap, null, split);
        return IndexEngine.Compute(panel, universe, m, new RebalanceDate(Days[0], Days[0]), schedule ?? [], Days[n - 1]);
    }

    [Fact]
    public void Prices_from_a_ten_thousandth_to_a_million_and_caps_up_to_1e14_compute_exactly()
    {
        UniverseMember[] u = [new("TINY", "t", Theme.Compute), new("HUGE", "h", Theme.Compute)];
        var close = new double[,] { { 1e-4, 1e6 }, { 1.5e-4, 0.9e6 } };
        var cap = new double[,] { { 1e9, 1e14 }, { 1.5e9, 0.9e14 } };

        var index = Run(close, cap, u, Scheme(WeightingScheme.Equal));

        index.PriceReturn[1].Should().BeApproximately(1000 * ((0.5 * 1.5) + (0.5 * 0.9)), 1e-9);
    }

    [Theory]
    [InlineData(10000)]
    [InlineData(0.01)]
    public void A_ten_thousand_for_one_split_and_a_one_for_hundred_reverse_split_leave_the_level_unchanged(double ratio)
    {
        UniverseMember[] u = [new("A", "a", Theme.Compute), new("B", "b", Theme.Compute)];
        var close = new double[,] { { 500, 20 }, { 500 / ratio, 20 } };
        var cap = new double[,] { { 1e12, 1e11 }, { 1e12, 1e11 } };
        var split = new double[,] { { 1, 1 }, { ratio, 1 } };

        var index = Run(close, cap, u, Scheme(WeightingScheme.Equal), split);

        index.PriceReturn[1].Should().BeApproximately(1000, 1e-9);
        index.Weight(1, 0).Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void A_constituent_with_a_single_day_of_data_is_not_bought_on_the_day_its_data_ends()
    {
        // ONE trades only on day 2, a rebalance with a zero-day lag; its data ends there, before the end of the
        // data, so it would be deleted after that close: it is not eligible, and the index holds A alone.
        var nan = double.NaN;
        UniverseMember[] u = [new("A", "a", Theme.Compute), new("ONE", "o", Theme.Compute)];
        var close = new double[,] { { 100, nan }, { 101, nan }, { 102, 50 }, { 103, nan } };
        var cap = new double[,] { { 1, nan }, { 1, nan }, { 1, 1 }, { 1, nan } };

        var index = Run(close, cap, u, Scheme(WeightingScheme.Equal), schedule: [new RebalanceDate(Days[2], Days[2])]);

        index.Rebalances[1].Constituents.Select(c => c.Symbol).Should().Equal("A");
        index.PriceReturn.Should().Equal([1000, 1010, 1020, 1030], (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void A_constituent_whose_data_ends_on_a_rebalance_date_is_sold_there_and_reported_as_removed()
    {
        var nan = double.NaN;
        UniverseMember[] u = [new("A", "a", Theme.Compute), new("B", "b", Theme.Compute), new("C", "c", Theme.Compute)];
        var close = new double[,] { { 10, 10, 10 }, { 10, 10, 10 }, { 10, 10, 10 }, { 10, 10, nan } };
        var cap = new double[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, nan } };

        var index = Run(close, cap, u, Scheme(WeightingScheme.Equal), schedule: [new RebalanceDate(Days[2], Days[2])]);

        var r = index.Rebalances[1];
        r.Constituents.Select(c => (c.Symbol, c.Weight)).Should().Equal(("A", 0.5), ("B", 0.5));
        r.Removed.Should().Equal("C");
        r.Turnover.Should().BeApproximately(1.0 / 3, 1e-12, "C's third is sold and spread over A and B");
        index.Warnings.Should().NotContain(w => w.Message.Contains("deleted"), "C was already sold when its data ended");
    }

    [Fact]
    public void A_whole_theme_disappearing_between_rebalances_is_reinvested_then_stops_the_next_rebalance_with_its_name()
    {
        var nan = double.NaN;
        var budgets = new Dictionary<Theme, double> { [Theme.Compute] = 0.5, [Theme.Software] = 0.5 };
        UniverseMember[] u = [new("C", "c", Theme.Compute), new("S", "s", Theme.Software)];
        var close = new double[,] { { 10, 10 }, { 11, 10 }, { 12, nan }, { 12, nan } };
        var cap = new double[,] { { 1, 1 }, { 1, 1 }, { 1, nan }, { 1, nan } };
        var m = Scheme(WeightingScheme.ThemeBudget, 1, budgets);

        var index = Run(close, cap, u, m);

        index.PriceReturn[2].Should().BeApproximately(1050 * 12 / 11.0, 1e-9, "software's value moved into compute after its last close");
        var act = () => Run(close, cap, u, m, schedule: [new RebalanceDate(Days[3], Days[3])]);
        act.Should().Throw<InfeasibleWeightingException>().Which.Message.Should().Contain("software has a budget of 0.5 but no eligible member");
    }

    [Fact]
    public void A_universe_of_one_symbol_follows_its_price()
    {
        UniverseMember[] u = [new("ONLY", "o", Theme.Cloud)];

        var index = Run(new double[,] { { 40 }, { 44 }, { 38 } }, new double[,] { { 1 }, { 1 }, { 1 } }, u, Scheme(WeightingScheme.MarketCap, 1));

        index.PriceReturn.Should().Equal([1000, 1100, 950], (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Caps_exactly_at_feasibility_give_every_name_the_cap()
    {
        UniverseMember[] u = [.. Enumerable.Range(0, 10).Select(i => new UniverseMember($"N{i}", "n", Theme.Compute))];
        var close = new double[1, 10];
        var cap = new double[1, 10];
        for (var i = 0; i < 10; i++)
        {
            close[0, i] = 10 + i;
            cap[0, i] = Math.Pow(10, 9 + (i % 4));
        }

        var index = Run(close, cap, u, Scheme(WeightingScheme.MarketCap, 0.1));

        index.Rebalances[0].Constituents.Should().OnlyContain(c => Math.Abs(c.Weight - 0.1) < 1e-15);
    }

    [Fact]
    public void A_benchmark_that_starts_after_the_index_is_compared_from_its_first_close_and_the_index_keeps_its_window()
    {
        UniverseMember[] u = [new("A", "a", Theme.Compute)];
        var prices = PricePanel.Create(Days, ["A"], new double[,] { { 10 }, { 11 }, { 12 }, { 13 }, { 14 }, { 15 } }, new double[,] { { 1 }, { 1 }, { 1 }, { 1 }, { 1 }, { 1 } });
        var nan = double.NaN;
        var bench = PricePanel.Create(Days, ["LATE"], new double[,] { { nan }, { nan }, { nan }, { 100 }, { 101 }, { 102 } });
        var data = IndexData.Create(prices, u, Scheme(WeightingScheme.Equal), bench);

        var result = BacktestEngine.Run(data, ["LATE"]);

        result.Dates.Should().Equal(Days);
        result.Levels[^1].Should().BeApproximately(1500, 1e-9);
        result.Statistics.TotalReturn.Should().BeApproximately(0.5, 1e-12, "the index's own window does not depend on the benchmark");
        result.Benchmarks[0].Levels.Should().Equal([nan, nan, nan, 1000, 1010, 1020], (a, b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) < 1e-9);
        result.Benchmarks[0].Statistics.TotalReturn.Should().BeApproximately(0.02, 1e-12);
        result.Warnings.Should().ContainSingle().Which.Message.Should().Be("benchmark LATE starts on 2024-03-07, after the start of the window 2024-03-04: its statistics, and its comparison with the index, start there");
    }

    [Fact]
    public void A_benchmark_whose_calendar_has_gaps_changes_no_statistic_of_the_index_and_is_compared_on_the_common_days_only()
    {
        UniverseMember[] u = [new("A", "a", Theme.Compute)];
        var prices = PricePanel.Create(Days, ["A"], new double[,] { { 10 }, { 11 }, { 12 }, { 13 }, { 14 }, { 15 } }, new double[,] { { 1 }, { 1 }, { 1 }, { 1 }, { 1 }, { 1 } });
        var nan = double.NaN;
        var bench = PricePanel.Create(Days, ["GAPPY"], new double[,] { { 100 }, { nan }, { 110 }, { nan }, { 99 }, { 121 } });
        var data = IndexData.Create(prices, u, Scheme(WeightingScheme.Equal), bench);

        var alone = BacktestEngine.Run(data, []);
        var result = BacktestEngine.Run(data, ["GAPPY"]);

        result.Dates.Should().Equal(Days);
        result.Statistics.Should().Be(alone.Statistics, "the index's own statistics use its own trading days");
        result.Months.Should().Equal(alone.Months);
        result.Statistics.Volatility.Should().BeApproximately(StdDev([0.1, 1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14]) * Math.Sqrt(252), 1e-12);
        result.Benchmarks[0].Levels.Should().Equal([1000, nan, 1100, nan, 990, 1210], (a, b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) < 1e-9);
        result.Benchmarks[0].Statistics.Volatility.Should().BeApproximately(StdDev([0.1, -0.1, 2.0 / 9]) * Math.Sqrt(252), 1e-12);

        // Beta by hand on the three common-day returns: index 0.2, 1/6, 1/14; benchmark 0.1, -0.1, 2/9.
        double[] r = [0.2, 1.0 / 6, 1.0 / 14];
        double[] b = [0.1, -0.1, 2.0 / 9];
        double mr = r.Average(), mb = b.Average();
        var beta = r.Zip(b, (x, y) => (x - mr) * (y - mb)).Sum() / b.Sum(y => (y - mb) * (y - mb));
        result.Benchmarks[0].Relative.Beta.Should().BeApproximately(beta, 1e-12);
    }

    [Fact]
    public void A_split_or_a_dividend_on_a_day_without_a_close_is_an_error_naming_the_symbol_and_date()
    {
        var nan = double.NaN;
        var close = new double[,] { { 100 }, { nan }, { 52 } };

        var split = () => PricePanel.Create(Days[..3], ["A"], close, splitRatio: new double[,] { { 1 }, { 2 }, { 1 } });
        var dividend = () => PricePanel.Create(Days[..3], ["A"], close, dividend: new double[,] { { 0 }, { 0.5 }, { 0 } });

        split.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("A has a split ratio of 2 on 2024-03-05 but no close that day");
        dividend.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("A has a dividend of 0.5 on 2024-03-05 but no close that day");
    }

    [Fact]
    public void Nan_or_neutral_values_beside_a_missing_close_are_accepted()
    {
        var nan = double.NaN;

        var panel = PricePanel.Create(Days[..2], ["A"], new double[,] { { 100 }, { nan } }, new double[,] { { 1 }, { nan } }, new double[,] { { 0 }, { nan } }, new double[,] { { 1 }, { nan } });

        panel.GetSplitRatio(1, 0).Should().Be(1);
        panel.GetDividend(1, 0).Should().Be(0);
    }

    private static double StdDev(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }
}
