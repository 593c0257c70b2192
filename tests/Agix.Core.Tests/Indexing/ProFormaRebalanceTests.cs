using NodaTime;

namespace Agix.Tests.Indexing;

/// <summary>Pro-forma rebalances computed a week ahead from data up to the selection date (real data).</summary>
public sealed class ProFormaRebalanceTests
{
    private static IndexData Load(string prices)
    {
        return IndexData.Load(new DataPaths(prices, null, RepoFiles.Path("data", "universe.csv"), RepoFiles.Path("data", "methodology.json")));
    }

    private static string Truncated(string lastDate)
    {
        var market = SharedData.RequireMarketDirectory();
        var path = Path.Combine(Path.GetTempPath(), $"agix-proforma-{lastDate}-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, File.ReadLines(Path.Combine(market, "prices.csv")).Where((line, i) => i == 0 || string.CompareOrdinal(line[..10], lastDate) <= 0));
        return path;
    }

    [Fact]
    public void A_rebalance_beyond_the_data_takes_its_dates_from_the_calendar_and_its_weights_from_the_selection_date()
    {
        var full = Load(Path.Combine(SharedData.RequireMarketDirectory(), "prices.csv"));
        var truncated = Truncated("2025-12-15");
        try
        {
            var actual = IndexCalculator.RebalanceOn(full, new LocalDate(2025, 12, 19));
            var proForma = IndexCalculator.RebalanceOn(Load(truncated), new LocalDate(2025, 12, 22));

            proForma.IsProForma.Should().BeTrue();
            proForma.ProFormaAsOf.Should().Be(new LocalDate(2025, 12, 15));
            proForma.Date.Should().Be(new LocalDate(2025, 12, 19));
            proForma.SelectionDate.Should().Be(new LocalDate(2025, 12, 12));
            actual.IsProForma.Should().BeFalse();
            proForma.Constituents.Select(c => c.Symbol).Should().Equal(actual.Constituents.Select(c => c.Symbol));
            proForma.Constituents.Select(c => c.Weight).Should().Equal(actual.Constituents.Select(c => c.Weight), (a, b) => Math.Abs(a - b) < 1e-15, "the same data on S gives the same weights");
            proForma.Constituents.Should().OnlyContain(c => double.IsNaN(c.Units));
        }
        finally
        {
            File.Delete(truncated);
        }
    }

    [Fact]
    public void A_selection_date_after_the_data_is_a_clear_error()
    {
        var truncated = Truncated("2025-12-10");
        try
        {
            var act = () => IndexCalculator.RebalanceOn(Load(truncated), new LocalDate(2025, 12, 19));

            act.Should().Throw<InvalidInputException>().Which.Message.Should().Contain("the rebalance on 2025-12-19 selects on 2025-12-12, after the last price date 2025-12-10");
        }
        finally
        {
            File.Delete(truncated);
        }
    }

    [Fact]
    public void The_next_rebalance_a_quarter_ahead_needs_data_to_its_selection_date()
    {
        var data = Load(Path.Combine(SharedData.RequireMarketDirectory(), "prices.csv"));

        var act = () => IndexCalculator.RebalanceOn(data, new LocalDate(2026, 3, 20));

        act.Should().Throw<InvalidInputException>().Which.Message.Should().Contain("selects on 2026-03-13");
    }
}
