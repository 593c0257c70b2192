using Agix.Indexing;
using NodaTime;

namespace Agix.Tests.Indexing;

/// <summary>The data's as-of date (methodology §5, v2): a ragged end of data never turns the index into one stock.</summary>
public sealed class AsOfDateTests
{
    private const double Nan = double.NaN;

    private static readonly LocalDate[] Days = [.. Enumerable.Range(0, 5).Select(i => new LocalDate(2024, 3, 4).PlusDays(i))];

    private static readonly UniverseMember[] Three = [new("A", "a", Theme.Compute), new("B", "b", Theme.Compute), new("C", "c", Theme.Compute)];

    private static readonly Methodology Equal = Methodology.Default with
    {
        BaseDate = Days[0],
        WeightingRules = new WeightingRules(WeightingScheme.Equal, null, null, WeightingRules.DefaultBudgets),
        RebalanceRules = RebalanceRules.Default with { SelectionLagDays = 0 },
    };

    private static IndexData Data(double[,] close) =>
        IndexData.Create(PricePanel.Create(Days[..close.GetLength(0)], ["A", "B", "C"], close, Ones(close)), Three, Equal);

    private static double[,] Ones(double[,] close)
    {
        var caps = new double[close.GetLength(0), close.GetLength(1)];
        for (var d = 0; d < caps.GetLength(0); d++)
        {
            for (var s = 0; s < caps.GetLength(1); s++)
            {
                caps[d, s] = double.IsNaN(close[d, s]) ? Nan : 1;
            }
        }

        return caps;
    }

    [Fact]
    public void One_name_with_a_row_a_day_later_than_the_others_does_not_extend_the_index()
    {
        // C has one more row than A and B: on that day only 1 of 3 members has a close, less than half.
        var ragged = new double[,] { { 100, 100, 100 }, { 110, 90, 100 }, { 120, 80, 100 }, { Nan, Nan, 130 } };
        var complete = new double[,] { { 100, 100, 100 }, { 110, 90, 100 }, { 120, 80, 100 } };

        var index = IndexEngine.Compute(Data(ragged));
        var expected = IndexEngine.Compute(Data(complete));

        index.Dates.Should().Equal(Days[..3]);
        index.PriceReturn.Should().Equal(expected.PriceReturn);
        index.PriceReturn[^1].Should().BeApproximately(1000, 1e-9, "(1.2 + 0.8 + 1.0) / 3 = 1");
        index.Warnings.Should().ContainSingle().Which.Message.Should().Be(
            "the data's as-of date is 2024-03-06, the latest date on which at least half of the 3 members trading in the data's last 5 days have a close; 1 later row(s) of 1 symbol(s) up to 2024-03-07 are ignored (a partly updated file?): C");
    }

    [Fact]
    public void Half_of_the_members_with_a_close_is_enough_for_a_date_to_count()
    {
        // Four names; on the last day two of them have a close: that day is the as-of date, and the data of the two
        // others ends before it, so they are deleted after their last close and their value reinvested.
        UniverseMember[] four = [.. Three, new("D", "d", Theme.Compute)];
        var close = new double[,] { { 100, 100, 100, 100 }, { 100, 100, 100, 100 }, { 110, 110, Nan, Nan } };
        var panel = PricePanel.Create(Days[..3], ["A", "B", "C", "D"], close, Ones(close));

        var index = IndexEngine.Compute(IndexData.Create(panel, four, Equal));

        index.Dates.Should().HaveCount(3);
        index.PriceReturn[^1].Should().BeApproximately(1100, 1e-9);
        index.Warnings.Should().NotContain(w => w.Message.Contains("as-of"));
    }

    [Fact]
    public void A_member_whose_data_ends_before_the_as_of_date_is_still_deleted_with_its_warning()
    {
        // C's rows stop on day 1 and come back on day 4, after the as-of date (day 3): ignored, so C is deleted.
        var close = new double[,] { { 100, 100, 100 }, { 100, 100, 50 }, { 110, 110, Nan }, { 121, 121, Nan }, { Nan, Nan, 40 } };

        var index = IndexEngine.Compute(Data(close));

        index.Dates.Should().Equal(Days[..4]);
        index.PriceReturn[^1].Should().BeApproximately((1000 * 2 / 3.0 * 1.21) + (1000 / 3.0 * 0.5 * 1.21), 1e-9);
        index.Warnings.Select(w => w.Message).Should().Contain(m => m.StartsWith("the data's as-of date is 2024-03-07", StringComparison.Ordinal))
            .And.Contain("C: data ends on 2024-03-05, before the end of the price data; deleted after that close, its value reinvested pro rata");
    }

    [Fact]
    public void A_window_end_after_the_as_of_date_stops_at_the_as_of_date()
    {
        var ragged = new double[,] { { 100, 100, 100 }, { 110, 90, 100 }, { 120, 80, 100 }, { Nan, Nan, 130 } };

        var index = IndexEngine.Compute(Data(ragged), Days[4]);

        index.Dates[^1].Should().Be(Days[2]);
    }

    [Fact]
    public void A_rebalance_query_on_a_ragged_day_computes_the_index_only_to_the_as_of_date()
    {
        var ragged = new double[,] { { 100, 100, 100 }, { 110, 90, 100 }, { 120, 80, 100 }, { Nan, Nan, 130 } };

        var (rebalance, index) = IndexEngine.RebalanceAsOf(Data(ragged), Days[3]);

        rebalance.IsBase.Should().BeTrue();
        index.Dates[^1].Should().Be(Days[2]);
    }

    [Fact]
    public void Members_whose_data_ended_long_ago_do_not_pull_the_as_of_date_back()
    {
        // Two of three names stop after day 0; C trades to the end. Without the active rule only 1 of 3 would have a
        // close on the later days and the index would end on day 0.
        var days = Enumerable.Range(0, 12).Select(i => new LocalDate(2024, 3, 4).PlusDays(i)).ToArray();
        var close = new double[12, 3];
        for (var d = 0; d < 12; d++)
        {
            close[d, 0] = d == 0 ? 100 : Nan;
            close[d, 1] = d == 0 ? 100 : Nan;
            close[d, 2] = 100 + d;
        }

        var data = IndexData.Create(PricePanel.Create(days, ["A", "B", "C"], close, Ones(close)), Three, Equal with { BaseDate = days[0] });

        var index = IndexEngine.Compute(data);

        index.Dates[^1].Should().Be(days[^1]);
        index.Warnings.Should().NotContain(w => w.Message.Contains("as-of", StringComparison.Ordinal));
    }
}
