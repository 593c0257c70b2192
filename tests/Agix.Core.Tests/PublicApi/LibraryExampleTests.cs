using NodaTime;

namespace Agix.Tests.PublicApi;

/// <summary>The examples of docs/library.md, as a user would write them, through the public API only.</summary>
public sealed class LibraryExampleTests
{
    [Fact]
    public void An_index_defined_in_code_over_an_in_memory_panel_computes_the_hand_calculated_level()
    {
        LocalDate[] dates = [new(2024, 1, 2), new(2024, 1, 3), new(2024, 1, 4)];
        double[,] close = { { 100, 50 }, { 104, 49 }, { 103, 51 } };
        double[,] marketCap = { { 3e12, 1e12 }, { 3.1e12, 0.98e12 }, { 3.09e12, 1.02e12 } };
        var prices = PricePanel.Create(dates, ["AAA", "BBB"], close, marketCap);
        var methodology = Methodology.Default with
        {
            Name = "Two-name test index",
            BaseDate = dates[0],
            ReturnType = ReturnType.Price,
            WeightingRules = new WeightingRules(WeightingScheme.MarketCap, StockCap: 0.6, ThemeCap: null, WeightingRules.DefaultBudgets),
            RebalanceRules = RebalanceRules.Default with { SelectionLagDays = 0 },
        };
        UniverseMember[] universe = [new("AAA", "Alpha", Theme.Compute), new("BBB", "Beta", Theme.Cloud)];

        var index = IndexCalculator.Compute(IndexData.Create(prices, universe, methodology));

        index.PriceReturn[^1].Should().BeApproximately(1000 * ((0.6 * 103 / 100) + (0.4 * 51 / 50)), 1e-9);
    }

    [Fact]
    public void The_bundled_data_loads_and_backtests_in_a_few_lines()
    {
        var data = IndexData.Load(RepoFiles.Path("data"));
        var result = Backtest.Run(data, new BacktestOptions(Benchmarks: ["SPY", "QQQ"]));

        result.Benchmarks.Select(b => b.Symbol).Should().Equal("SPY", "QQQ");
        result.Statistics.TotalReturn.Should().BeApproximately((result.Levels[^1] / result.Levels[0]) - 1, 1e-15);
    }
}
