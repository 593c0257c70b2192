
namespace Agix.Tests.Performance;

/// <summary>The backtest on the real 2022–2025 data against published figures.</summary>
public sealed class BacktestRealDataTests
{
    private static readonly Lazy<(IndexData Data, BacktestResult Result)> Run = new(() =>
    {
        var market = SharedData.RequireMarketDirectory();
        var data = IndexData.Load(new DataPaths(
            Path.Combine(market, "prices.csv"),
            Path.Combine(market, "benchmarks.csv"),
            RepoFiles.Path("data", "universe.csv"),
            RepoFiles.Path("data", "methodology.json")));
        return (data, BacktestEngine.Run(data));
    });

    private static BacktestResult Real()
    {
        SharedData.RequireMarketDirectory();
        return Run.Value.Result;
    }

    [Theory]
    [InlineData("SPY", 2023, 0.262)]
    [InlineData("SPY", 2024, 0.249)]
    [InlineData("QQQ", 2023, 0.549)]
    [InlineData("QQQ", 2024, 0.256)]
    public void Benchmark_calendar_year_total_returns_match_the_published_figures(string symbol, int year, double published)
    {
        var benchmark = Real().Benchmarks.Single(b => b.Symbol == symbol);

        benchmark.ReturnType.Should().Be(ReturnType.Gross, "SPY and QQQ pay dividends, so a gross index is compared with their total return");
        benchmark.CalendarYears.Single(y => y.Year == year).Return.Should().BeApproximately(published, 0.001);
    }

    [Fact]
    public void Index_levels_without_dividends_are_compared_as_price_return()
    {
        var result = Real();

        result.Benchmarks.Single(b => b.Symbol == "^GSPC").ReturnType.Should().Be(ReturnType.Price);
        result.Benchmarks.Single(b => b.Symbol == "^NDX").ReturnType.Should().Be(ReturnType.Price);
    }

    [Fact]
    public void Every_series_starts_at_the_base_value_on_the_chatgpt_launch()
    {
        var result = Real();

        result.Dates[0].Should().Be(new NodaTime.LocalDate(2022, 11, 30));
        result.Levels[0].Should().Be(1000);
        result.Benchmarks.Should().OnlyContain(b => b.Levels[0] == 1000);
        result.CalendarYears[0].IsPartial.Should().BeTrue("2022 starts on 2022-11-30");
    }

    [Fact]
    public void Theme_and_constituent_contributions_add_up_to_the_index_return()
    {
        foreach (var period in Real().Attribution)
        {
            period.Themes.Sum(t => t.Value).Should().BeApproximately(period.IndexReturn, 1e-12, period.Label);
            period.Constituents.Sum(c => c.Value).Should().BeApproximately(period.IndexReturn, 1e-12, period.Label);
        }
    }

    [Fact]
    public void The_index_total_return_is_the_level_ratio()
    {
        var result = Real();

        result.Statistics.TotalReturn.Should().BeApproximately((result.Levels[^1] / result.Levels[0]) - 1, 1e-15);
        result.Attribution[0].IndexReturn.Should().BeApproximately(result.Statistics.TotalReturn, 1e-12);
    }

    [Fact]
    public void A_window_over_a_calendar_year_reproduces_that_year_of_the_calendar_table_for_every_series()
    {
        var full = Real();
        var year = BacktestEngine.Run(Run.Value.Data, from: new NodaTime.LocalDate(2024, 1, 1), to: new NodaTime.LocalDate(2024, 12, 31));

        year.Dates[0].Should().Be(new NodaTime.LocalDate(2023, 12, 29), "the window starts at the close of the last trading day before 2024-01-01");
        year.Statistics.TotalReturn.Should().BeApproximately(full.CalendarYears.Single(y => y.Year == 2024).Return, 1e-12);
        foreach (var b in year.Benchmarks)
        {
            var table = full.Benchmarks.Single(x => x.Symbol == b.Symbol).CalendarYears.Single(y => y.Year == 2024).Return;
            b.Statistics.TotalReturn.Should().BeApproximately(table, 1e-12, b.Symbol);
        }

        year.CalendarYears.Should().ContainSingle().Which.IsPartial.Should().BeFalse();
    }

    [Fact]
    public void The_index_statistics_do_not_depend_on_the_benchmark_list()
    {
        var data = Run.Value.Data;

        var alone = BacktestEngine.Run(data, []);
        var withAll = Real();

        withAll.Statistics.Should().Be(alone.Statistics);
        withAll.CalendarYears.Should().Equal(alone.CalendarYears);
        withAll.Months.Should().Equal(alone.Months);
        withAll.Dates.Should().Equal(alone.Dates);
    }
}
