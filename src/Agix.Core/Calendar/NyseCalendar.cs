using NodaTime;

namespace Agix;

/// <summary>
/// The New York Stock Exchange holiday rules: New Year, Martin Luther King Jr. Day, Presidents' Day, Good Friday,
/// Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving and Christmas, with the
/// observance rules (Saturday to Friday, Sunday to Monday; a Saturday New Year's Day is not observed), and the
/// one-off full-day closures since 2000. Dates before 2000 may miss one-off closures; early closes (half days)
/// are trading days.
/// </summary>
public static class NyseCalendar
{
    private static readonly HashSet<LocalDate> SpecialClosures =
    [
        new(2001, 9, 11), new(2001, 9, 12), new(2001, 9, 13), new(2001, 9, 14), // September 11
        new(2004, 6, 11), // President Reagan's funeral
        new(2007, 1, 2), // President Ford's day of mourning
        new(2012, 10, 29), new(2012, 10, 30), // Hurricane Sandy
        new(2018, 12, 5), // President G. H. W. Bush's day of mourning
        new(2025, 1, 9), // President Carter's day of mourning
    ];

    /// <summary>Whether the exchange is open for a full or partial session on <paramref name="date"/>.</summary>
    public static bool IsTradingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>Whether <paramref name="date"/> is a weekday on which the exchange is closed.</summary>
    public static bool IsHoliday(LocalDate date)
    {
        if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            return false;
        }

        if (SpecialClosures.Contains(date))
        {
            return true;
        }

        // The exchange has closed on Martin Luther King Jr. Day since 1998 and on Juneteenth since 2022.
        var year = date.Year;
        return date == Observed(new LocalDate(year, 1, 1), allowSaturdayShift: false)
            || (year >= 1998 && date == NthWeekday(year, 1, IsoDayOfWeek.Monday, 3))
            || date == NthWeekday(year, 2, IsoDayOfWeek.Monday, 3)
            || date == EasterSunday(year).PlusDays(-2)
            || date == LastWeekday(year, 5, IsoDayOfWeek.Monday)
            || (year >= 2022 && date == Observed(new LocalDate(year, 6, 19), allowSaturdayShift: true))
            || date == Observed(new LocalDate(year, 7, 4), allowSaturdayShift: true)
            || date == NthWeekday(year, 9, IsoDayOfWeek.Monday, 1)
            || date == NthWeekday(year, 11, IsoDayOfWeek.Thursday, 4)
            || date == Observed(new LocalDate(year, 12, 25), allowSaturdayShift: true);
    }

    /// <summary>The first trading day strictly after <paramref name="date"/>.</summary>
    public static LocalDate NextTradingDay(LocalDate date)
    {
        var d = date.PlusDays(1);
        while (!IsTradingDay(d))
        {
            d = d.PlusDays(1);
        }

        return d;
    }

    /// <summary>The last trading day strictly before <paramref name="date"/>.</summary>
    public static LocalDate PreviousTradingDay(LocalDate date)
    {
        var d = date.PlusDays(-1);
        while (!IsTradingDay(d))
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm).</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    private static LocalDate Observed(LocalDate holiday, bool allowSaturdayShift) => holiday.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => allowSaturdayShift ? holiday.PlusDays(-1) : holiday, // a Saturday New Year is not observed
        IsoDayOfWeek.Sunday => holiday.PlusDays(1),
        _ => holiday,
    };

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int n) =>
        LocalDate.FromYearMonthWeekAndDay(year, month, n, day);

    // Occurrence 5 means "the last one" in NodaTime, even in a month with only four.
    private static LocalDate LastWeekday(int year, int month, IsoDayOfWeek day) =>
        LocalDate.FromYearMonthWeekAndDay(year, month, 5, day);
}
