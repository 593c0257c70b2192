using NodaTime;
using static Agix.Tests.Calendar.CalendarData;

namespace Agix.Tests.Calendar;

public sealed class NyseCalendarTests
{
    public static TheoryData<int, string[]> PublishedHolidays { get; } = new()
    {
        // 2022-01-01 was a Saturday: New Year's Day was not observed.
        { 2022, ["2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"] },
        { 2023, ["2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"] },
        { 2024, ["2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"] },
        { 2025, ["2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"] },
        { 2026, ["2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"] },
    };

    [Theory]
    [MemberData(nameof(PublishedHolidays))]
    public void The_full_day_holidays_of_a_year_are_the_published_NYSE_list(int year, string[] expected)
    {
        var holidays = Days(year).Where(NyseCalendar.IsHoliday);

        holidays.Should().Equal(expected.Select(D));
    }

    [Theory]
    [InlineData(2022, 251)]
    [InlineData(2023, 250)]
    [InlineData(2024, 252)]
    [InlineData(2025, 250)]
    [InlineData(2026, 251)]
    public void A_year_has_the_published_number_of_trading_days(int year, int expected)
    {
        Days(year).Count(NyseCalendar.IsTradingDay).Should().Be(expected);
    }

    [Theory]
    [InlineData("2021-12-24", false)] // Christmas on a Saturday is observed on Friday
    [InlineData("2021-12-31", true)] // New Year's Day on a Saturday is not observed
    [InlineData("2021-06-18", true)] // Juneteenth is a holiday only from 2022
    [InlineData("2022-06-20", false)] // Juneteenth on a Sunday is observed on Monday
    [InlineData("2022-12-26", false)] // Christmas on a Sunday is observed on Monday
    [InlineData("2023-01-02", false)] // New Year's Day on a Sunday is observed on Monday
    [InlineData("2022-11-25", true)] // the day after Thanksgiving is an early close, a trading day
    [InlineData("2026-07-03", false)] // Independence Day on a Saturday is observed on Friday
    [InlineData("2027-06-18", false)] // Juneteenth on a Saturday is observed on Friday
    [InlineData("2027-07-05", false)] // Independence Day on a Sunday is observed on Monday
    [InlineData("2027-12-24", false)]
    [InlineData("2027-12-31", true)]
    [InlineData("1997-01-20", true)] // Martin Luther King Jr. Day is a holiday only from 1998
    [InlineData("1998-01-19", false)]
    public void Observance_rules_move_weekend_holidays_except_a_Saturday_New_Year(string date, bool isTradingDay)
    {
        NyseCalendar.IsTradingDay(D(date)).Should().Be(isTradingDay);
    }

    [Theory]
    [InlineData("2001-09-11")]
    [InlineData("2001-09-12")]
    [InlineData("2001-09-13")]
    [InlineData("2001-09-14")]
    [InlineData("2004-06-11")]
    [InlineData("2007-01-02")]
    [InlineData("2012-10-29")]
    [InlineData("2012-10-30")]
    [InlineData("2018-12-05")]
    [InlineData("2025-01-09")]
    public void One_off_closures_are_holidays(string date)
    {
        NyseCalendar.IsHoliday(D(date)).Should().BeTrue();
        NyseCalendar.IsTradingDay(D(date)).Should().BeFalse();
    }

    [Theory]
    [InlineData("2000-04-21")]
    [InlineData("2008-03-21")]
    [InlineData("2016-03-25")]
    [InlineData("2019-04-19")]
    [InlineData("2021-04-02")]
    [InlineData("2022-04-15")]
    [InlineData("2023-04-07")]
    [InlineData("2024-03-29")]
    [InlineData("2025-04-18")]
    [InlineData("2026-04-03")]
    [InlineData("2027-03-26")]
    [InlineData("2038-04-23")]
    public void Good_Friday_is_a_holiday_two_days_before_Easter_Sunday(string goodFriday)
    {
        var date = D(goodFriday);

        NyseCalendar.EasterSunday(date.Year).Should().Be(date.PlusDays(2));
        NyseCalendar.IsHoliday(date).Should().BeTrue();
    }

    [Fact]
    public void Weekends_are_neither_trading_days_nor_holidays()
    {
        var saturday = D("2022-01-01");

        NyseCalendar.IsTradingDay(saturday).Should().BeFalse();
        NyseCalendar.IsHoliday(saturday).Should().BeFalse();
        NyseCalendar.IsTradingDay(saturday.PlusDays(1)).Should().BeFalse();
        NyseCalendar.IsHoliday(saturday.PlusDays(1)).Should().BeFalse();
    }

    [Fact]
    public void Next_and_previous_trading_days_are_strict_and_skip_closures()
    {
        NyseCalendar.NextTradingDay(D("2001-09-10")).Should().Be(D("2001-09-17"));
        NyseCalendar.PreviousTradingDay(D("2001-09-17")).Should().Be(D("2001-09-10"));
        NyseCalendar.NextTradingDay(D("2024-07-03")).Should().Be(D("2024-07-05"));
        NyseCalendar.PreviousTradingDay(D("2024-07-05")).Should().Be(D("2024-07-03"));
    }

    [Fact]
    public void The_dates_in_the_real_price_data_are_exactly_the_NYSE_trading_days()
    {
        var dates = RealPriceDates();

        dates[0].Should().Be(D("2022-01-03"));
        dates[^1].Should().Be(D("2025-12-30"));
        dates.Should().Equal(NyseDays(dates[0], dates[^1]));
    }

    private static IEnumerable<LocalDate> Days(int year)
    {
        for (var d = new LocalDate(year, 1, 1); d.Year == year; d = d.PlusDays(1))
        {
            yield return d;
        }
    }
}
