using static Agix.Tests.Calendar.CalendarData;

namespace Agix.Tests.Calendar;

public sealed class RebalanceScheduleTests
{
    private static readonly RebalanceRules Preceding = RebalanceRules.Default;
    private static readonly RebalanceRules Following = RebalanceRules.Default with { HolidayRoll = HolidayRoll.Following };

    private static readonly string[] QuarterlyDates =
    [
        "2022-12-16", "2023-03-17", "2023-06-16", "2023-09-15", "2023-12-15", "2024-03-15", "2024-06-21",
        "2024-09-20", "2024-12-20", "2025-03-21", "2025-06-20", "2025-09-19", "2025-12-19",
    ];

    [Theory]
    [InlineData(2022, 12, "2022-12-16")]
    [InlineData(2024, 3, "2024-03-15")] // the month starts on a Friday
    [InlineData(2025, 3, "2025-03-21")] // the month starts on a Saturday
    [InlineData(2026, 6, "2026-06-19")]
    public void The_scheduled_date_is_the_third_Friday_of_the_month(int year, int month, string expected)
    {
        RebalanceSchedule.ThirdFriday(year, month).Should().Be(D(expected));
    }

    [Fact]
    public void The_third_Friday_of_June_2026_rolls_back_to_Thursday_for_Juneteenth()
    {
        RebalanceSchedule.RollToTradingDay(D("2026-06-19"), HolidayRoll.Preceding, TradingCalendar.Nyse)
            .Should().Be(D("2026-06-18"));
    }

    [Fact]
    public void The_third_Friday_of_June_2026_rolls_forward_to_Monday_with_the_following_roll()
    {
        RebalanceSchedule.RollToTradingDay(D("2026-06-19"), HolidayRoll.Following, TradingCalendar.Nyse)
            .Should().Be(D("2026-06-22"));
    }

    [Theory]
    [InlineData(HolidayRoll.Preceding)]
    [InlineData(HolidayRoll.Following)]
    public void A_scheduled_trading_day_does_not_roll(HolidayRoll roll)
    {
        RebalanceSchedule.RollToTradingDay(D("2024-06-21"), roll, TradingCalendar.Nyse).Should().Be(D("2024-06-21"));
    }

    [Theory]
    [InlineData(2022, 12, HolidayRoll.Preceding, "2022-12-16", "2022-12-09")]
    [InlineData(2023, 6, HolidayRoll.Preceding, "2023-06-16", "2023-06-09")]
    [InlineData(2024, 6, HolidayRoll.Preceding, "2024-06-21", "2024-06-13")] // 2024-06-19 was closed
    [InlineData(2025, 6, HolidayRoll.Preceding, "2025-06-20", "2025-06-12")]
    [InlineData(2026, 6, HolidayRoll.Preceding, "2026-06-18", "2026-06-11")]
    [InlineData(2026, 6, HolidayRoll.Following, "2026-06-22", "2026-06-12")]
    public void The_methodology_calendar_vectors_hold_on_the_NYSE_calendar(
        int year, int month, HolidayRoll roll, string date, string selectionDate)
    {
        var rules = RebalanceRules.Default with { HolidayRoll = roll };

        RebalanceSchedule.ForScheduled(year, month, rules, TradingCalendar.Nyse)
            .Should().Be(new RebalanceDate(D(date), D(selectionDate)));
    }

    [Theory]
    [InlineData(2022, 12, HolidayRoll.Preceding, "2022-12-16", "2022-12-09")]
    [InlineData(2023, 6, HolidayRoll.Preceding, "2023-06-16", "2023-06-09")]
    [InlineData(2024, 6, HolidayRoll.Preceding, "2024-06-21", "2024-06-13")]
    [InlineData(2025, 6, HolidayRoll.Preceding, "2025-06-20", "2025-06-12")]
    [InlineData(2026, 6, HolidayRoll.Preceding, "2026-06-18", "2026-06-11")] // beyond the data: NYSE rules
    [InlineData(2026, 6, HolidayRoll.Following, "2026-06-22", "2026-06-12")]
    public void The_methodology_calendar_vectors_hold_on_the_real_data_calendar(
        int year, int month, HolidayRoll roll, string date, string selectionDate)
    {
        var rules = RebalanceRules.Default with { HolidayRoll = roll };

        RebalanceSchedule.ForScheduled(year, month, rules, RealDataCalendar())
            .Should().Be(new RebalanceDate(D(date), D(selectionDate)));
    }

    [Fact]
    public void The_base_date_is_its_own_rebalance_date_with_the_usual_selection_lag()
    {
        // Five trading days before 2022-11-30: 29, 28, 25 (early close), 23 and 22; Thanksgiving (24) was closed.
        RebalanceSchedule.ForBase(D("2022-11-30"), Preceding, TradingCalendar.Nyse)
            .Should().Be(new RebalanceDate(D("2022-11-30"), D("2022-11-22")));
    }

    [Fact]
    public void The_base_date_selection_lag_is_the_same_on_the_real_data_calendar()
    {
        RebalanceSchedule.ForBase(D("2022-11-30"), Preceding, RealDataCalendar())
            .Should().Be(new RebalanceDate(D("2022-11-30"), D("2022-11-22")));
    }

    [Fact]
    public void A_selection_lag_of_zero_selects_on_the_rebalance_date()
    {
        var rules = Preceding with { SelectionLagDays = 0 };

        RebalanceSchedule.ForScheduled(2026, 6, rules, TradingCalendar.Nyse)
            .Should().Be(new RebalanceDate(D("2026-06-18"), D("2026-06-18")));
    }

    [Fact]
    public void The_quarterly_rebalances_after_the_base_date_are_the_thirteen_third_Fridays_on_the_NYSE_calendar()
    {
        var dates = RebalanceSchedule.Between(D("2022-11-30"), D("2025-12-30"), Preceding, TradingCalendar.Nyse);

        dates.Select(r => r.Date).Should().Equal(QuarterlyDates.Select(D));
        dates[0].SelectionDate.Should().Be(D("2022-12-09"));
    }

    [Fact]
    public void The_quarterly_rebalances_after_the_base_date_are_the_thirteen_third_Fridays_on_the_real_data_calendar()
    {
        var cal = RealDataCalendar();

        var dates = RebalanceSchedule.Between(D("2022-11-30"), D("2025-12-30"), Preceding, cal);

        dates.Should().HaveCount(13);
        dates[0].Date.Should().Be(D("2022-12-16"));
        dates[^1].Date.Should().Be(D("2025-12-19"));
        dates.Select(r => r.Date).Should().Equal(QuarterlyDates.Select(D));
        dates.Should().OnlyContain(r => r.SelectionDate == cal.AddTradingDays(r.Date, -5));
    }

    [Fact]
    public void Between_excludes_the_base_date_and_includes_the_end_date()
    {
        var dates = RebalanceSchedule.Between(D("2022-12-16"), D("2023-03-17"), Preceding, TradingCalendar.Nyse);

        dates.Should().Equal(new RebalanceDate(D("2023-03-17"), D("2023-03-10")));
        RebalanceSchedule.Between(D("2023-03-17"), D("2023-03-17"), Preceding, TradingCalendar.Nyse).Should().BeEmpty();
    }

    [Fact]
    public void Between_uses_the_rolled_dates_and_any_order_of_months()
    {
        var rules = Following with { Months = [12, 6] };

        var dates = RebalanceSchedule.Between(D("2026-01-01"), D("2026-12-31"), rules, TradingCalendar.Nyse);

        dates.Select(r => r.Date).Should().Equal(D("2026-06-22"), D("2026-12-18"));
        RebalanceSchedule.Between(D("2026-01-01"), D("2026-06-19"), rules, TradingCalendar.Nyse).Should().BeEmpty();
    }

    [Theory]
    [InlineData("2025-12-19", HolidayRoll.Preceding, "2025-12-19")]
    [InlineData("2025-12-18", HolidayRoll.Preceding, "2025-09-19")]
    [InlineData("2026-01-05", HolidayRoll.Preceding, "2025-12-19")]
    [InlineData("2026-06-18", HolidayRoll.Preceding, "2026-06-18")]
    [InlineData("2026-06-19", HolidayRoll.Following, "2026-03-20")] // June rolls to the 22nd, after the date
    [InlineData("2026-06-22", HolidayRoll.Following, "2026-06-22")]
    public void OnOrBefore_gives_the_last_rebalance_on_or_before_the_date(string date, HolidayRoll roll, string expected)
    {
        var rules = RebalanceRules.Default with { HolidayRoll = roll };

        var rebalance = RebalanceSchedule.OnOrBefore(D(date), rules, TradingCalendar.Nyse);

        rebalance.Date.Should().Be(D(expected));
        rebalance.SelectionDate.Should().Be(TradingCalendar.Nyse.AddTradingDays(D(expected), -5));
    }

    [Fact]
    public void A_day_missing_from_the_data_is_not_counted_in_the_selection_lag()
    {
        var withoutMonday = NyseDays(D("2024-01-02"), D("2024-12-31")).Where(d => d != D("2024-06-17")).ToArray();

        var rebalance = RebalanceSchedule.ForScheduled(2024, 6, Preceding, new TradingCalendar(withoutMonday));

        rebalance.Should().Be(new RebalanceDate(D("2024-06-21"), D("2024-06-12")));
    }

    [Fact]
    public void A_third_Friday_missing_from_the_data_rolls_to_a_data_date()
    {
        var withoutFriday = NyseDays(D("2024-01-02"), D("2024-12-31")).Where(d => d != D("2024-06-21")).ToArray();
        var cal = new TradingCalendar(withoutFriday);

        RebalanceSchedule.ForScheduled(2024, 6, Preceding, cal).Should().Be(new RebalanceDate(D("2024-06-20"), D("2024-06-12")));
        RebalanceSchedule.ForScheduled(2024, 6, Following, cal).Should().Be(new RebalanceDate(D("2024-06-24"), D("2024-06-13")));
    }

    [Fact]
    public void Rules_without_months_are_rejected()
    {
        var rules = Preceding with { Months = [] };

        var act = () => RebalanceSchedule.OnOrBefore(D("2025-01-01"), rules, TradingCalendar.Nyse);

        act.Should().Throw<ArgumentException>();
    }
}
