using Agix.Performance;
using NodaTime;

namespace Agix;

/// <summary>Overrides for a backtest; a null property takes the methodology's value.</summary>
/// <param name="Benchmarks">The benchmark symbols (default: the methodology's list).</param>
/// <param name="From">
/// The start of the window (default: the base date): every series starts at its close on that date, or on its last
/// trading day before it. It may not be before the base date.
/// </param>
/// <param name="To">The end of the window (default, and at the latest: the data's as-of date, see <see cref="IndexCalculator.Compute"/>).</param>
/// <param name="RiskFreeRate">The annual risk-free rate as a fraction (default: the methodology's).</param>
public sealed record BacktestOptions(IReadOnlyList<string>? Benchmarks = null, LocalDate? From = null, LocalDate? To = null, double? RiskFreeRate = null);

/// <summary>
/// Builds the index and compares it with its benchmarks: statistics, calendar-year and monthly returns,
/// drawdowns, rolling volatility and beta, and return attribution.
/// </summary>
/// <example>
/// <code>
/// var result = Backtest.Run(IndexData.Load(DataPaths.FromFolder("data")));
/// Console.WriteLine($"CAGR {result.Statistics.Cagr:P1}, beta to SPY {result.Benchmarks[0].Relative.Beta:F2}");
/// </code>
/// </example>
public static class Backtest
{
    /// <summary>Runs the backtest. The data must include benchmark prices when benchmarks are compared.</summary>
    /// <exception cref="InvalidInputException">A benchmark has no data in the window, or the window is empty.</exception>
    public static BacktestResult Run(IndexData data, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var o = options ?? new BacktestOptions();
        return BacktestEngine.Run(data, o.Benchmarks, o.From, o.To, o.RiskFreeRate);
    }
}
