using NodaTime;

namespace Agix;

/// <summary>
/// The return of a series over a calendar year or a calendar month: the level on <see cref="End"/> (the last
/// date of the series in the period) over the level on <see cref="Start"/> (the last date of the series before
/// the period, or the series start) minus 1.
/// </summary>
public sealed record PeriodReturn
{
    internal PeriodReturn(int year, int month, double @return, bool isPartial, LocalDate start, LocalDate end)
    {
        Year = year;
        Month = month;
        Return = @return;
        IsPartial = isPartial;
        Start = start;
        End = end;
    }

    /// <summary>The calendar year.</summary>
    public int Year { get; init; }

    /// <summary>The calendar month, 1 to 12; 0 for a calendar-year return.</summary>
    public int Month { get; init; }

    /// <summary><c>L(End) / L(Start) - 1</c>, a fraction.</summary>
    public double Return { get; init; }

    /// <summary>/// Whether the series does not cover the period completely: <see cref="Start"/> is not the last NYSE trading day before the period (the series starts inside the period, or later than that day), or <see cref="End"/> is before the last NYSE trading day of the period. </summary>
    public bool IsPartial { get; init; }

    /// <summary>The date of the base level: the last date of the series before the period, or the series start.</summary>
    public LocalDate Start { get; init; }

    /// <summary>The last date of the series in the period.</summary>
    public LocalDate End { get; init; }
}
