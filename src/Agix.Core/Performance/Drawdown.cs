using NodaTime;

namespace Agix;

/// <summary>
/// A drawdown episode: from a peak (the first date the running high was reached) through the trough to the recovery
/// (the first date after the trough on which the level is back at or above the peak level).
/// </summary>
public sealed record Drawdown
{
    internal Drawdown(LocalDate peak, LocalDate trough, LocalDate? recovery, double depth, int tradingDays, int calendarDays)
    {
        Peak = peak;
        Trough = trough;
        Recovery = recovery;
        Depth = depth;
        TradingDays = tradingDays;
        CalendarDays = calendarDays;
    }

    /// <summary>The first date on which the running high was reached.</summary>
    public LocalDate Peak { get; init; }

    /// <summary>The date of the lowest level of the episode (the first such date on a tie).</summary>
    public LocalDate Trough { get; init; }

    /// <summary>The first date after the trough with the level at or above the peak level; null when not recovered.</summary>
    public LocalDate? Recovery { get; init; }

    /// <summary><c>L(Trough) / L(Peak) - 1</c>, a negative fraction.</summary>
    public double Depth { get; init; }

    /// <summary>The length from the peak to the recovery, or to the last date when not recovered, in observations (index difference).</summary>
    public int TradingDays { get; init; }

    /// <summary>The same length in calendar days.</summary>
    public int CalendarDays { get; init; }
}
