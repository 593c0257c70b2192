using static Agix.Tests.Performance.PerformanceData;

namespace Agix.Tests.Performance;

public sealed class DrawdownsTests
{
    // Trading days 2 to 12 January 2024 (Saturday 6 and Sunday 7 skipped).
    private static readonly NodaTime.LocalDate[] NineDates =
        Dates("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10", "2024-01-11", "2024-01-12");

    // Episodes: 100 → 90 → 100 (-10 %); 105 → 84 → 95 → 110 (-20 %); 110 → 104.5 → 107 (-5 %, not recovered).
    private static readonly double[] NineLevels = [100, 90, 100, 105, 84, 95, 110, 104.5, 107];

    [Fact]
    public void The_deepest_episodes_come_first_with_their_dates_and_lengths()
    {
        var drawdowns = Statistics.Drawdowns(NineDates, NineLevels, top: 3);

        drawdowns.Should().HaveCount(3);
        // 84 / 105 - 1 = -0.2; peak 5 Jan (index 3), recovery 10 Jan (index 6): 3 trading days, 5 calendar days.
        drawdowns[0].Should().Be(new Drawdown(D("2024-01-05"), D("2024-01-08"), D("2024-01-10"), drawdowns[0].Depth, 3, 5));
        drawdowns[0].Depth.Should().BeApproximately(-0.2, Tolerance);
        // 90 / 100 - 1 = -0.1; peak 2 Jan (index 0), recovery 4 Jan (index 2): 2 trading days, 2 calendar days.
        drawdowns[1].Should().Be(new Drawdown(D("2024-01-02"), D("2024-01-03"), D("2024-01-04"), drawdowns[1].Depth, 2, 2));
        drawdowns[1].Depth.Should().BeApproximately(-0.1, Tolerance);
        // 104.5 / 110 - 1 = -0.05; peak 10 Jan (index 6), not recovered: to the last date (index 8), 2 and 2 days.
        drawdowns[2].Should().Be(new Drawdown(D("2024-01-10"), D("2024-01-11"), null, drawdowns[2].Depth, 2, 2));
        drawdowns[2].Depth.Should().BeApproximately(-0.05, Tolerance);
    }

    [Fact]
    public void Top_limits_the_number_of_episodes()
    {
        Statistics.Drawdowns(NineDates, NineLevels, top: 2).Select(d => d.Peak).Should().Equal(D("2024-01-05"), D("2024-01-02"));
        Statistics.Drawdowns(NineDates, NineLevels, top: 10).Should().HaveCount(3);
        Statistics.Drawdowns(NineDates, NineLevels, top: 0).Should().BeEmpty();
    }

    [Fact]
    public void The_deepest_episode_is_the_maximum_drawdown()
    {
        var deepest = Statistics.Drawdowns(NineDates, NineLevels, top: 1).Single();
        var s = Statistics.Compute(NineDates, NineLevels, riskFreeAnnual: 0);

        deepest.Depth.Should().Be(s.MaxDrawdown);
        s.PeakDate.Should().Be(deepest.Peak);
        s.TroughDate.Should().Be(deepest.Trough);
        deepest.Recovery.Should().Be(s.RecoveryDate);
    }

    [Fact]
    public void A_high_touched_twice_before_a_deeper_fall_starts_one_episode_at_its_first_date()
    {
        // 100, 95, 100, 90, 101: the return to exactly 100 does not end the episode; it ends when 101 exceeds it.
        var drawdowns = Statistics.Drawdowns(FiveDates, [100.0, 95, 100, 90, 101], top: 5);

        drawdowns.Should().ContainSingle();
        drawdowns[0].Should().Be(new Drawdown(D("2024-01-02"), D("2024-01-05"), D("2024-01-08"), drawdowns[0].Depth, 4, 6));
        drawdowns[0].Depth.Should().BeApproximately(-0.1, Tolerance);
    }

    [Fact]
    public void A_series_that_never_falls_has_no_drawdowns()
    {
        Statistics.Drawdowns(FiveDates, [100.0, 100, 101, 101, 102], top: 5).Should().BeEmpty();
    }

    [Fact]
    public void A_negative_top_is_rejected()
    {
        var act = () => Statistics.Drawdowns(NineDates, NineLevels, top: -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
