using NodaTime;

namespace Agix;

/// <summary>
/// A drawdown episode: from a peak (the first date the running high was reached) through the trough to the recovery
/// (the first date after the trough on which the level is back at or above the peak level).
/// </summary>
/// <param name="Peak">The first date on which the running high was reached.</param>
/// <param name="Trough">The date of the lowest level of the episode (the first such date on a tie).</param>
/// <param name="Recovery">The first date after the trough with the level at or above the peak level; null when not recovered.</param>
/// <param name="Depth"><c>L(Trough) / L(Peak) - 1</c>, a negative fraction.</param>
/// <param name="TradingDays">The length from the peak to the recovery, or to the last date when not recovered, in observations (index difference).</param>
/// <param name="CalendarDays">The same length in calendar days.</param>
public sealed record Drawdown(LocalDate Peak, LocalDate Trough, LocalDate? Recovery, double Depth, int TradingDays, int CalendarDays);
