namespace Agix.Tests.PublicApi;

/// <summary>Results and inputs cannot be changed through a cast: no array or dictionary behind a read-only view.</summary>
public sealed class ImmutabilityTests
{
    [Fact]
    public void The_default_budgets_cannot_be_changed_for_the_whole_process()
    {
        var budgets = Methodology.Default.WeightingRules.ThemeBudgets;

        var asDictionary = budgets as IDictionary<Theme, double>;
        var act = () => asDictionary![Theme.Compute] = 1;

        budgets.Should().NotBeOfType<Dictionary<Theme, double>>();
        act.Should().Throw<NotSupportedException>();
        Methodology.Default.WeightingRules.ThemeBudgets[Theme.Compute].Should().Be(0.30);
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

/// <summary>Records compare by value, collections included; results have no public constructor.</summary>
public sealed class ValueSemanticsTests
{
    [Fact]
    public void Two_methodologies_read_from_the_same_file_are_equal_lists_and_budgets_included()
    {
        var a = Methodology.Load(RepoFiles.Path("data", "methodology.json"));
        var b = Methodology.Load(RepoFiles.Path("data", "methodology.json"));

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { Benchmarks = ["SPY"] }).Should().NotBe(b);
        (Methodology.Default with { Benchmarks = ["SPY", "QQQ", "^GSPC", "^NDX"] }).Should().Be(Methodology.Default);
    }

    [Fact]
    public void The_same_rebalance_computed_twice_is_equal()
    {
        var data = IndexData.Load(RepoFiles.Path("data"));

        var a = IndexCalculator.RebalanceOn(data, new NodaTime.LocalDate(2025, 6, 20));
        var b = IndexCalculator.RebalanceOn(data, new NodaTime.LocalDate(2025, 6, 20));

        a.Should().Be(b);
        a.Constituents.Should().NotBeSameAs(b.Constituents);
    }

    [Theory]
    [InlineData(typeof(IndexResult))]
    [InlineData(typeof(BacktestResult))]
    [InlineData(typeof(Rebalance))]
    [InlineData(typeof(Constituent))]
    [InlineData(typeof(SeriesStatistics))]
    [InlineData(typeof(RelativeStatistics))]
    [InlineData(typeof(PeriodReturn))]
    [InlineData(typeof(Drawdown))]
    [InlineData(typeof(Contribution))]
    [InlineData(typeof(AttributionPeriod))]
    [InlineData(typeof(BenchmarkComparison))]
    [InlineData(typeof(ValidationResult))]
    [InlineData(typeof(Agix.Sources.DataPullResult))]
    [InlineData(typeof(Agix.Sources.PullEvent))]
    public void Result_types_have_no_public_constructor_so_a_new_member_breaks_nobody(Type type)
    {
        type.GetConstructors().Should().BeEmpty();
    }
}
