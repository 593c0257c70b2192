using static Agix.Tests.Calendar.CalendarData;

namespace Agix.Tests.Calendar;

public sealed class TradingCalendarTests
{
    // Data on Mon 17, Wed 19 (Juneteenth, an exchange holiday) and Fri 21 June 2024 only.
    private static readonly TradingCalendar Sparse = new([D("2024-06-17"), D("2024-06-19"), D("2024-06-21")]);

    [Fact]
    public void Inside_the_data_range_the_trading_days_are_exactly_the_data_dates()
    {
        Sparse.IsTradingDay(D("2024-06-17")).Should().BeTrue();
        Sparse.IsTradingDay(D("2024-06-18")).Should().BeFalse();
        Sparse.IsTradingDay(D("2024-06-19")).Should().BeTrue();
        Sparse.IsTradingDay(D("2024-06-20")).Should().BeFalse();
        Sparse.IsTradingDay(D("2024-06-21")).Should().BeTrue();
    }

    [Fact]
    public void Outside_the_data_range_the_NYSE_rules_apply()
    {
        Sparse.IsTradingDay(D("2024-06-14")).Should().BeTrue();
        Sparse.IsTradingDay(D("2024-06-16")).Should().BeFalse();
        Sparse.IsTradingDay(D("2024-06-24")).Should().BeTrue();
        Sparse.IsTradingDay(D("2024-07-04")).Should().BeFalse();
    }

    [Fact]
    public void A_calendar_without_data_is_the_NYSE_calendar()
    {
        var cal = new TradingCalendar([]);

        for (var d = D("2020-01-01"); d <= D("2027-12-31"); d = d.PlusDays(1))
        {
            cal.IsTradingDay(d).Should().Be(NyseCalendar.IsTradingDay(d), "on {0}", d);
        }

        cal.Previous(D("2024-06-20")).Should().Be(D("2024-06-18"));
        cal.Next(D("2024-06-18")).Should().Be(D("2024-06-20"));
        TradingCalendar.Nyse.DataDates.Should().BeEmpty();
    }

    [Theory]
    [InlineData("2024-06-17", "2024-06-14")] // first data date: the NYSE day before it
    [InlineData("2024-06-18", "2024-06-17")]
    [InlineData("2024-06-19", "2024-06-17")] // strictly before
    [InlineData("2024-06-21", "2024-06-19")] // a data date the exchange calls a holiday
    [InlineData("2024-06-23", "2024-06-21")] // after the range: back into the data
    [InlineData("2024-06-25", "2024-06-24")] // after the range: the NYSE day after the data
    public void Previous_is_the_last_trading_day_strictly_before(string date, string expected)
    {
        Sparse.Previous(D(date)).Should().Be(D(expected));
    }

    [Theory]
    [InlineData("2024-06-13", "2024-06-14")] // before the range: the NYSE day before the data
    [InlineData("2024-06-15", "2024-06-17")] // before the range: forward into the data
    [InlineData("2024-06-17", "2024-06-19")] // strictly after, and the data wins over the holiday rules
    [InlineData("2024-06-18", "2024-06-19")]
    [InlineData("2024-06-20", "2024-06-21")]
    [InlineData("2024-06-21", "2024-06-24")] // last data date: the NYSE day after it
    public void Next_is_the_first_trading_day_strictly_after(string date, string expected)
    {
        Sparse.Next(D(date)).Should().Be(D(expected));
    }

    [Fact]
    public void A_data_date_on_an_exchange_holiday_is_reached_from_outside_the_range()
    {
        var cal = new TradingCalendar([D("2024-06-19")]);

        cal.Next(D("2024-06-18")).Should().Be(D("2024-06-19"));
        cal.Previous(D("2024-06-20")).Should().Be(D("2024-06-19"));
    }

    [Theory]
    [InlineData("2024-06-21", -5, "2024-06-13")] // counts across the Juneteenth closure
    [InlineData("2024-06-21", 0, "2024-06-21")]
    [InlineData("2024-06-22", 0, "2024-06-22")] // zero returns the date itself, trading day or not
    [InlineData("2024-06-22", -1, "2024-06-21")] // from a Saturday, -1 is the Friday before
    [InlineData("2024-06-22", 1, "2024-06-24")] // and +1 the Monday after
    [InlineData("2024-06-13", 5, "2024-06-21")]
    [InlineData("2025-01-10", -2, "2025-01-07")] // skips the Carter closure
    public void Adding_trading_days_counts_trading_days_only(string date, int n, string expected)
    {
        TradingCalendar.Nyse.AddTradingDays(D(date), n).Should().Be(D(expected));
    }

    [Fact]
    public void Adding_trading_days_follows_the_data_inside_its_range_and_the_NYSE_outside()
    {
        Sparse.AddTradingDays(D("2024-06-24"), -3).Should().Be(D("2024-06-17"));
        Sparse.AddTradingDays(D("2024-06-19"), 3).Should().Be(D("2024-06-25"));
        Sparse.AddTradingDays(D("2024-06-21"), -4).Should().Be(D("2024-06-13"));
    }

    [Fact]
    public void IndexOf_gives_the_position_in_the_data_dates_or_minus_one()
    {
        Sparse.IndexOf(D("2024-06-17")).Should().Be(0);
        Sparse.IndexOf(D("2024-06-19")).Should().Be(1);
        Sparse.IndexOf(D("2024-06-21")).Should().Be(2);
        Sparse.IndexOf(D("2024-06-18")).Should().Be(-1);
        Sparse.IndexOf(D("2024-06-14")).Should().Be(-1);
        Sparse.IndexOf(D("2024-06-24")).Should().Be(-1);
        TradingCalendar.Nyse.IndexOf(D("2024-06-24")).Should().Be(-1);
    }

    [Fact]
    public void Data_dates_that_are_not_strictly_increasing_are_rejected()
    {
        var unsorted = () => new TradingCalendar([D("2024-06-18"), D("2024-06-17")]);
        var duplicate = () => new TradingCalendar([D("2024-06-17"), D("2024-06-17")]);

        unsorted.Should().Throw<ArgumentException>().WithMessage("*2024-06-17 follows 2024-06-18*");
        duplicate.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_calendar_keeps_its_own_copy_of_the_data_dates()
    {
        var dates = new[] { D("2024-06-17"), D("2024-06-19") };
        var cal = new TradingCalendar(dates);

        dates[1] = D("2024-06-18");

        cal.IsTradingDay(D("2024-06-19")).Should().BeTrue();
        cal.DataDates.Should().Equal(D("2024-06-17"), D("2024-06-19"));
    }

    [Fact]
    public void On_the_real_data_every_date_steps_to_its_neighbours()
    {
        var dates = RealPriceDates();
        var cal = new TradingCalendar(dates);

        for (var i = 1; i < dates.Length; i++)
        {
            cal.Previous(dates[i]).Should().Be(dates[i - 1]);
            cal.Next(dates[i - 1]).Should().Be(dates[i]);
            cal.IndexOf(dates[i]).Should().Be(i);
        }

        cal.Next(D("2025-12-30")).Should().Be(D("2025-12-31"));
        cal.Next(D("2025-12-31")).Should().Be(D("2026-01-02"));
        cal.Previous(D("2022-01-03")).Should().Be(D("2021-12-31"));
    }
}
