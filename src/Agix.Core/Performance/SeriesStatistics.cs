using NodaTime;

namespace Agix;

/// <summary>
/// The statistics of one level series L_0 … L_N on its dates, from its N daily simple returns
/// <c>r_t = L_t / L_(t-1) - 1</c>. The daily risk-free rate is <c>rf_d = (1 + rf)^(1/252) - 1</c> for an annual
/// rate rf. Every figure is a fraction (0.2618 is 26.18 %). An undefined statistic is <see cref="double.NaN"/>,
/// never 0.
/// </summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record SeriesStatistics
{
    internal SeriesStatistics(double totalReturn, double cagr, double volatility, double sharpe, double sortino, double maxDrawdown, LocalDate? peakDate, LocalDate? troughDate, LocalDate? recoveryDate, double calmar)
    {
        TotalReturn = totalReturn;
        Cagr = cagr;
        Volatility = volatility;
        Sharpe = sharpe;
        Sortino = sortino;
        MaxDrawdown = maxDrawdown;
        PeakDate = peakDate;
        TroughDate = troughDate;
        RecoveryDate = recoveryDate;
        Calmar = calmar;
    }

    /// <summary>/// <c>L_N / L_0 - 1</c>. Never NaN (0 for a series of one level). </summary>
    public double TotalReturn { get; init; }

    /// <summary>/// The compound annual growth rate in calendar time: <c>(L_N / L_0)^(365.25 / D) - 1</c>, D the calendar days from the first to the last date. NaN when undefined (D = 0). </summary>
    public double Cagr { get; init; }

    /// <summary>/// The sample standard deviation (N - 1 denominator) of the daily returns times √252. 0 for a constant series; NaN when undefined (fewer than 2 returns). </summary>
    public double Volatility { get; init; }

    /// <summary>/// <c>mean(r - rf_d) / sd(r - rf_d) · √252</c>, sd the sample standard deviation (N - 1). NaN when undefined (fewer than 2 returns, or excess returns of zero variance). </summary>
    public double Sharpe { get; init; }

    /// <summary>/// <c>mean(r - rf_d) · √252 / √(mean over all N returns of min(r - rf_d, 0)²)</c>. NaN when undefined (no returns, or no excess return below 0). </summary>
    public double Sortino { get; init; }

    /// <summary>/// <c>min over t of L_t / max(L_s, s ≤ t) - 1</c>, the start level included: a negative number, or 0 when the level never falls below its running high. Never NaN. </summary>
    public double MaxDrawdown { get; init; }

    /// <summary>/// The first date on which the running high before the deepest trough was reached; null when there is no drawdown. </summary>
    public LocalDate? PeakDate { get; init; }

    /// <summary>/// The date of the deepest drawdown (the first such date on a tie); null when there is no drawdown. </summary>
    public LocalDate? TroughDate { get; init; }

    /// <summary>/// The first date after the trough on which the level is back at or above the peak level; null when there is no drawdown or the series has not recovered by its last date. </summary>
    public LocalDate? RecoveryDate { get; init; }

    /// <summary>/// <c>Cagr / |MaxDrawdown|</c>. NaN when undefined (no drawdown, or Cagr NaN). </summary>
    public double Calmar { get; init; }
}
