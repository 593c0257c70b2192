using Agix.Indexing;
using NodaTime;

namespace Agix.Tests.Performance;

public sealed class AttributionTests
{
    private static readonly LocalDate[] Days = [new(2024, 12, 30), new(2024, 12, 31), new(2025, 1, 2)];
    private static readonly UniverseMember[] Ab = [new("A", "Alpha", Theme.Compute), new("B", "Beta", Theme.Cloud)];

    private static (IndexResult Index, PricePanel Panel) TwoNames(double[,] close, double[,]? dividend = null)
    {
        var panel = PricePanel.Create(Days, ["A", "B"], close, close, dividend);
        var m = Methodology.Default with
        {
            BaseDate = Days[0],
            ReturnType = ReturnType.Gross,
            WeightingRules = new WeightingRules(WeightingScheme.Equal, null, null, WeightingRules.DefaultBudgets),
        };
        return (IndexEngine.Compute(panel, Ab, m, new RebalanceDate(Days[0], Days[0]), [], Days[^1]), panel);
    }

    [Fact]
    public void Contributions_are_linked_by_index_growth_and_add_up_exactly()
    {
        // 5 units each at 100. Day 1: A +10 % → 1050; A contributes 0.5 × 10 % = 5 points.
        // Day 2: B −10 % from a start-of-day weight of 500/1050 → −4.7619 % of 1050, i.e. −5 points of the 1000 start.
        var (index, panel) = TwoNames(new double[,] { { 100, 100 }, { 110, 100 }, { 110, 90 } });

        var window = Attribution.Compute(index, panel, ReturnType.Gross, 0, 2)[0];

        window.IndexReturn.Should().BeApproximately(0, 1e-15);
        window.Constituents.Single(c => c.Key == "A").Value.Should().BeApproximately(0.05, 1e-15);
        window.Constituents.Single(c => c.Key == "B").Value.Should().BeApproximately(-0.05, 1e-15);
        window.Themes.Single(t => t.Key == "compute").Value.Should().BeApproximately(0.05, 1e-15);
    }

    [Fact]
    public void Calendar_years_are_attributed_from_the_previous_year_end()
    {
        var (index, panel) = TwoNames(new double[,] { { 100, 100 }, { 110, 100 }, { 110, 90 } });

        var periods = Attribution.Compute(index, panel, ReturnType.Gross, 0, 2);

        periods.Select(p => p.Label).Should().Equal("window", "2024", "2025");
        periods[2].IndexReturn.Should().BeApproximately((1000.0 / 1050) - 1, 1e-15);
        periods[2].Constituents.Single(c => c.Key == "B").Value.Should().BeApproximately(-50.0 / 1050, 1e-15);
    }

    [Fact]
    public void Dividends_count_in_a_gross_attribution()
    {
        var (index, panel) = TwoNames(new double[,] { { 100, 100 }, { 100, 100 }, { 100, 100 } }, new double[,] { { 0, 0 }, { 2, 0 }, { 0, 0 } });

        var window = Attribution.Compute(index, panel, ReturnType.Gross, 0, 2)[0];

        window.Constituents.Single(c => c.Key == "A").Value.Should().BeApproximately(0.01, 1e-15, "a 2 % dividend on half the index");
        window.IndexReturn.Should().BeApproximately(0.01, 1e-15);
    }
}
