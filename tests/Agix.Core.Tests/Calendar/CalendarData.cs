using NodaTime;
using NodaTime.Text;

namespace Agix.Tests.Calendar;

/// <summary>Dates shared by the calendar tests.</summary>
internal static class CalendarData
{
    private static readonly Lazy<LocalDate[]> PriceDates = new(ReadPriceDates);

    /// <summary>Parses an ISO date.</summary>
    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    /// <summary>The NYSE trading days from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static LocalDate[] NyseDays(LocalDate first, LocalDate last)
    {
        var days = new List<LocalDate>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            if (NyseCalendar.IsTradingDay(d))
            {
                days.Add(d);
            }
        }

        return [.. days];
    }

    /// <summary>The sorted distinct dates of the real <c>prices.csv</c> (skips the test when the file is absent).</summary>
    public static LocalDate[] RealPriceDates()
    {
        SharedData.RequireMarketDirectory();
        return PriceDates.Value;
    }

    /// <summary>A calendar built from the real price data (skips the test when the file is absent).</summary>
    public static TradingCalendar RealDataCalendar() => new(RealPriceDates());

    private static LocalDate[] ReadPriceDates()
    {
        var path = Path.Combine(SharedData.RequireMarketDirectory(), "prices.csv");
        return [.. File.ReadLines(path).Skip(1).Select(line => D(line[..line.IndexOf(',', StringComparison.Ordinal)])).Distinct().Order()];
    }
}
