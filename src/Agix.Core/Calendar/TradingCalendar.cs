using NodaTime;
using NodaTime.Text;

namespace Agix;

/// <summary>
/// The trading days agix works with. Inside the data range, from the first to the last data date (both included),
/// the trading days are exactly the dates present in the price data, whatever the holiday rules say; outside that
/// range (or when there is no data) they are the <see cref="NyseCalendar"/> trading days.
/// </summary>
internal sealed class TradingCalendar
{
    private readonly LocalDate[] dates;

    /// <summary>Creates the calendar from the trading dates present in the price data.</summary>
    /// <param name="dataDates">The data dates in strictly increasing order (sorted, no duplicates); may be empty.
    /// The array is copied.</param>
    /// <exception cref="ArgumentException">The dates are not strictly increasing.</exception>
    public TradingCalendar(LocalDate[] dataDates)
    {
        ArgumentNullException.ThrowIfNull(dataDates);
        for (var i = 1; i < dataDates.Length; i++)
        {
            if (dataDates[i] <= dataDates[i - 1])
            {
                throw new ArgumentException(
                    $"The data dates must be strictly increasing: {Iso(dataDates[i])} follows {Iso(dataDates[i - 1])}.",
                    nameof(dataDates));
            }
        }

        dates = (LocalDate[])dataDates.Clone();
        DataDates = Array.AsReadOnly(dates);
    }

    /// <summary>A calendar with no data: the NYSE trading days everywhere.</summary>
    public static TradingCalendar Nyse { get; } = new([]);

    /// <summary>The data dates, in increasing order; <see cref="IndexOf"/> indexes this list.</summary>
    public IReadOnlyList<LocalDate> DataDates { get; }

    /// <summary>
    /// Whether <paramref name="date"/> is a trading day: a data date inside the data range, a NYSE trading day
    /// outside it.
    /// </summary>
    public bool IsTradingDay(LocalDate date) =>
        InDataRange(date) ? Array.BinarySearch(dates, date) >= 0 : NyseCalendar.IsTradingDay(date);

    /// <summary>The last trading day strictly before <paramref name="date"/>.</summary>
    public LocalDate Previous(LocalDate date)
    {
        if (dates.Length == 0 || date <= dates[0])
        {
            return NyseCalendar.PreviousTradingDay(date);
        }

        if (date > dates[^1])
        {
            var nyse = NyseCalendar.PreviousTradingDay(date);
            return nyse > dates[^1] ? nyse : dates[^1];
        }

        // dates[0] < date <= dates[^1]: the data date just below the first data date >= date.
        return dates[FirstIndexAtOrAfter(date) - 1];
    }

    /// <summary>The first trading day strictly after <paramref name="date"/>.</summary>
    public LocalDate Next(LocalDate date)
    {
        if (dates.Length == 0 || date >= dates[^1])
        {
            return NyseCalendar.NextTradingDay(date);
        }

        if (date < dates[0])
        {
            var nyse = NyseCalendar.NextTradingDay(date);
            return nyse < dates[0] ? nyse : dates[0];
        }

        // dates[0] <= date < dates[^1]: the first data date > date.
        var index = Array.BinarySearch(dates, date);
        return index >= 0 ? dates[index + 1] : dates[~index];
    }

    /// <summary>
    /// Moves <paramref name="n"/> trading days from <paramref name="date"/>: n &gt; 0 applies <see cref="Next"/>
    /// n times, n &lt; 0 applies <see cref="Previous"/> −n times, and 0 returns <paramref name="date"/> unchanged.
    /// <paramref name="date"/> need not be a trading day: from a non-trading day, −1 gives the last trading day
    /// strictly before it and +1 the first trading day strictly after it.
    /// </summary>
    public LocalDate AddTradingDays(LocalDate date, int n)
    {
        for (; n > 0; n--)
        {
            date = Next(date);
        }

        for (; n < 0; n++)
        {
            date = Previous(date);
        }

        return date;
    }

    /// <summary>The index of <paramref name="date"/> in <see cref="DataDates"/>, or −1 when it is not a data date.</summary>
    public int IndexOf(LocalDate date)
    {
        var index = Array.BinarySearch(dates, date);
        return index >= 0 ? index : -1;
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private bool InDataRange(LocalDate date) => dates.Length > 0 && dates[0] <= date && date <= dates[^1];

    private int FirstIndexAtOrAfter(LocalDate date)
    {
        var index = Array.BinarySearch(dates, date);
        return index >= 0 ? index : ~index;
    }
}
