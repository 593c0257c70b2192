using static Agix.Tests.Performance.PerformanceData;

namespace Agix.Tests.Performance;

public sealed class PeriodReturnsTests
{
    [Fact]
    public void Monthly_returns_run_from_the_last_date_before_the_month_and_mark_the_partial_ends()
    {
        // Starts inside December 2023 (Wednesday 27th); ends inside February 2024 (Thursday 15th, the last trading
        // day being Thursday 29th).
        var dates = Dates("2023-12-27", "2023-12-28", "2023-12-29", "2024-01-31", "2024-02-15");
        double[] levels = [100, 101, 103, 98, 99];

        var months = Statistics.MonthlyReturns(dates, levels);

        months.Should().HaveCount(3);
        months[0].Should().Be(new PeriodReturn(2023, 12, months[0].Return, true, D("2023-12-27"), D("2023-12-29")));
        months[0].Return.Should().BeApproximately(0.03, Tolerance); // 103 / 100 - 1
        months[1].Should().Be(new PeriodReturn(2024, 1, months[1].Return, false, D("2023-12-29"), D("2024-01-31")));
        months[1].Return.Should().BeApproximately((98.0 / 103) - 1, Tolerance);
        months[2].Should().Be(new PeriodReturn(2024, 2, months[2].Return, true, D("2024-01-31"), D("2024-02-15")));
        months[2].Return.Should().BeApproximately((99.0 / 98) - 1, Tolerance);
    }

    [Fact]
    public void Calendar_year_returns_have_month_zero_and_mark_the_partial_years()
    {
        var dates = Dates("2023-12-27", "2023-12-28", "2023-12-29", "2024-01-31", "2024-02-15");
        double[] levels = [100, 101, 103, 98, 99];

        var years = Statistics.CalendarYearReturns(dates, levels);

        years.Should().HaveCount(2);
        years[0].Should().Be(new PeriodReturn(2023, 0, years[0].Return, true, D("2023-12-27"), D("2023-12-29")));
        years[0].Return.Should().BeApproximately(0.03, Tolerance);
        years[1].Should().Be(new PeriodReturn(2024, 0, years[1].Return, true, D("2023-12-29"), D("2024-02-15")));
        years[1].Return.Should().BeApproximately((99.0 / 103) - 1, Tolerance);
    }

    [Fact]
    public void A_series_starting_on_the_last_trading_day_of_a_month_has_a_complete_first_month()
    {
        // The base date 2022-11-30 is the last trading day of November; 2022-12-30 the last of December (the 26th
        // was the observed Christmas holiday); 2023-12-29 the last of 2023.
        var dates = Dates("2022-11-30", "2022-12-30", "2023-12-29", "2024-01-05");
        double[] levels = [1000, 1010, 1200, 1190];

        var months = Statistics.MonthlyReturns(dates, levels);
        var years = Statistics.CalendarYearReturns(dates, levels);

        // November 2022 holds only the start: no return, no entry.
        months.Select(m => (m.Year, m.Month, m.IsPartial)).Should().Equal((2022, 12, false), (2023, 12, true), (2024, 1, true));
        // December 2023 follows a gap: its base is the 2022-12-30 close, not the November 2023 close.
        months[1].Start.Should().Be(D("2022-12-30"));
        months[1].Return.Should().BeApproximately((1200.0 / 1010) - 1, Tolerance);
        // 2022 starts inside the year; 2023 is complete; 2024 ends on 5 January.
        years.Select(y => (y.Year, y.IsPartial)).Should().Equal((2022, true), (2023, false), (2024, true));
        years[1].Return.Should().BeApproximately((1200.0 / 1010) - 1, Tolerance);
    }

    [Fact]
    public void Month_ends_on_the_last_trading_day_before_a_holiday_are_complete()
    {
        // Good Friday 29 March 2024: the last trading day of March was Thursday 28.
        var dates = Dates("2024-02-29", "2024-03-28");

        var months = Statistics.MonthlyReturns(dates, [100.0, 105]);

        months.Should().ContainSingle().Which.Should().Be(new PeriodReturn(2024, 3, months[0].Return, false, D("2024-02-29"), D("2024-03-28")));
        months[0].Return.Should().BeApproximately(0.05, Tolerance);
    }

    [Fact]
    public void A_single_level_has_no_period_returns()
    {
        Statistics.MonthlyReturns(Dates("2024-01-02"), [100.0]).Should().BeEmpty();
        Statistics.CalendarYearReturns(Dates("2024-01-02"), [100.0]).Should().BeEmpty();
    }

    [Fact]
    public void Compounding_the_monthly_returns_gives_the_total_return()
    {
        var dates = TradingDays(D("2023-06-14"), 200);
        var levels = Levels(100, PseudoRandomReturns(199, seed: 3));

        var growth = Statistics.MonthlyReturns(dates, levels).Aggregate(1.0, (g, m) => g * (1 + m.Return));
        var yearly = Statistics.CalendarYearReturns(dates, levels).Aggregate(1.0, (g, y) => g * (1 + y.Return));

        growth.Should().BeApproximately(levels[^1] / levels[0], 1e-12);
        yearly.Should().BeApproximately(levels[^1] / levels[0], 1e-12);
        Statistics.MonthlyReturns(dates, levels).Count(m => m.IsPartial).Should().Be(2);
    }
}
