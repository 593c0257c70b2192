using NodaTime;

namespace Agix;

/// <summary>
/// The return of a series over a calendar year or a calendar month: the level on <paramref name="End"/> (the last
/// date of the series in the period) over the level on <paramref name="Start"/> (the last date of the series before
/// the period, or the series start) minus 1.
/// </summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Month">The calendar month, 1 to 12; 0 for a calendar-year return.</param>
/// <param name="Return"><c>L(End) / L(Start) - 1</c>, a fraction.</param>
/// <param name="IsPartial">
/// Whether the series does not cover the period completely: <paramref name="Start"/> is not the last NYSE trading
/// day before the period (the series starts inside the period, or later than that day), or <paramref name="End"/>
/// is before the last NYSE trading day of the period.
/// </param>
/// <param name="Start">The date of the base level: the last date of the series before the period, or the series start.</param>
/// <param name="End">The last date of the series in the period.</param>
public sealed record PeriodReturn(int Year, int Month, double Return, bool IsPartial, LocalDate Start, LocalDate End);
