using NodaTime;

namespace Agix;

/// <summary>One rebalance date pair: new weights take effect at the close of <paramref name="Date"/>. An immutable value.</summary>
/// <param name="Date">The rebalance date T: the rolled scheduled date, or the base date B for the initial composition.</param>
/// <param name="SelectionDate">The selection date S: the <see cref="RebalanceRules.SelectionLagDays"/>-th trading day
/// strictly before T (S = T when the lag is 0); market caps are read as of S.</param>
public readonly record struct RebalanceDate(LocalDate Date, LocalDate SelectionDate);

/// <summary>
/// The rebalance schedule: the third Friday of each rebalance month, moved to a trading day by the holiday roll,
/// with its selection date a fixed number of trading days before it.
/// </summary>
internal static class RebalanceSchedule
{
    /// <summary>The third Friday of <paramref name="month"/> (1–12) in <paramref name="year"/>: the scheduled date.</summary>
    public static LocalDate ThirdFriday(int year, int month) =>
        LocalDate.FromYearMonthWeekAndDay(year, month, 3, IsoDayOfWeek.Friday);

    /// <summary>
    /// <paramref name="scheduled"/> itself when it is a trading day; otherwise the last trading day strictly before it
    /// (<see cref="HolidayRoll.Preceding"/>) or the first trading day strictly after it (<see cref="HolidayRoll.Following"/>).
    /// </summary>
    public static LocalDate RollToTradingDay(LocalDate scheduled, HolidayRoll roll, TradingCalendar cal)
    {
        ArgumentNullException.ThrowIfNull(cal);
        if (cal.IsTradingDay(scheduled))
        {
            return scheduled;
        }

        return roll switch
        {
            HolidayRoll.Preceding => cal.Previous(scheduled),
            HolidayRoll.Following => cal.Next(scheduled),
            _ => throw new ArgumentOutOfRangeException(nameof(roll), roll, "Unknown holiday roll."),
        };
    }

    /// <summary>
    /// The scheduled rebalance of <paramref name="month"/> in <paramref name="year"/>: T is the third Friday rolled to a
    /// trading day, S is the <see cref="RebalanceRules.SelectionLagDays"/>-th trading day strictly before T. The
    /// month need not be one of <see cref="RebalanceRules.Months"/>.
    /// </summary>
    public static RebalanceDate ForScheduled(int year, int month, RebalanceRules rules, TradingCalendar cal)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var date = RollToTradingDay(ThirdFriday(year, month), rules.HolidayRoll, cal);
        return new RebalanceDate(date, SelectionDate(date, rules, cal));
    }

    /// <summary>
    /// The initial composition, built like a rebalance with T = <paramref name="baseDate"/> (B) and S the
    /// <see cref="RebalanceRules.SelectionLagDays"/>-th trading day strictly before B. B is taken as given: checking
    /// that it is a trading day in the data is the caller's job.
    /// </summary>
    public static RebalanceDate ForBase(LocalDate baseDate, RebalanceRules rules, TradingCalendar cal)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cal);
        return new RebalanceDate(baseDate, SelectionDate(baseDate, rules, cal));
    }

    /// <summary>
    /// Every scheduled rebalance whose rolled date T satisfies <paramref name="baseDate"/> &lt; T &lt;=
    /// <paramref name="end"/> (the base date is excluded, the end date included), in increasing order of T. The
    /// initial composition on the base date is not part of the list: see <see cref="ForBase"/>.
    /// </summary>
    public static IReadOnlyList<RebalanceDate> Between(LocalDate baseDate, LocalDate end, RebalanceRules rules, TradingCalendar cal)
    {
        var months = Months(rules);
        var result = new List<RebalanceDate>();

        // One year either side: a roll could in principle move a date across a year end.
        for (var year = baseDate.Year - 1; year <= end.Year + 1; year++)
        {
            foreach (var month in months)
            {
                var date = RollToTradingDay(ThirdFriday(year, month), rules.HolidayRoll, cal);
                if (baseDate < date && date <= end && (result.Count == 0 || result[^1].Date < date))
                {
                    result.Add(new RebalanceDate(date, SelectionDate(date, rules, cal)));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The last scheduled rebalance whose rolled date T is on or before <paramref name="date"/> (T &lt;=
    /// <paramref name="date"/>). The base date is not considered: a result before the base date is the caller's to
    /// handle.
    /// </summary>
    public static RebalanceDate OnOrBefore(LocalDate date, RebalanceRules rules, TradingCalendar cal)
    {
        var months = Months(rules);

        // One year ahead: a roll could in principle move a date back across a year end.
        for (var year = date.Year + 1; ; year--)
        {
            for (var i = months.Length - 1; i >= 0; i--)
            {
                var rebalance = RollToTradingDay(ThirdFriday(year, months[i]), rules.HolidayRoll, cal);
                if (rebalance <= date)
                {
                    return new RebalanceDate(rebalance, SelectionDate(rebalance, rules, cal));
                }
            }
        }
    }

    private static LocalDate SelectionDate(LocalDate date, RebalanceRules rules, TradingCalendar cal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rules.SelectionLagDays, nameof(rules));
        return cal.AddTradingDays(date, -rules.SelectionLagDays);
    }

    private static int[] Months(RebalanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Months.Count == 0)
        {
            throw new ArgumentException("The rebalance rules name no month.", nameof(rules));
        }

        return [.. rules.Months.Distinct().Order()];
    }
}
