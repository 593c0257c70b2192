namespace Agix.Tests.PublicApi;

/// <summary>Results and inputs cannot be changed through a cast: no array or dictionary behind a read-only view.</summary>
public sealed class ImmutabilityTests
{
    [Fact]
    public void The_default_budgets_cannot_be_changed_for_the_whole_process()
    {
        var budgets = Methodology.Default.Weighting.ThemeBudgets;

        var asDictionary = budgets as IDictionary<Theme, double>;
        var act = () => asDictionary![Theme.Compute] = 1;

        budgets.Should().NotBeOfType<Dictionary<Theme, double>>();
        act.Should().Throw<NotSupportedException>();
        Methodology.Default.Weighting.ThemeBudgets[Theme.Compute].Should().Be(0.30);
    }

    [Fact]
    public void Result_series_and_lists_cannot_be_cast_back_to_arrays_or_lists()
    {
        var data = IndexData.Load(RepoFiles.Path("data"));

        var index = IndexCalculator.Compute(data);
        var backtest = Backtest.Run(data);

        object[] views = [index.Dates, index.PriceReturn, index.Rebalances, index.Symbols, index.Rebalances[0].Constituents, backtest.Levels, backtest.Dates, backtest.Benchmarks[0].Levels, backtest.CalendarYears, data.Prices.Dates, data.Universe];
        views.Should().OnlyContain(v => !(v is Array) && !(v.GetType().IsGenericType && v.GetType().GetGenericTypeDefinition() == typeof(List<>)));
        var act = () => ((IList<double>)backtest.Levels)[0] = 0;
        act.Should().Throw<NotSupportedException>();
    }
}
