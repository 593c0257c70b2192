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
    /// <summary>
    /// Checks that the methodology can be applied to the data as a backtest with these options would apply it:
    /// feasible weights at every rebalance (every infeasible theme of every rebalance is listed, once per theme,
    /// with how many rebalances it fails), data for every benchmark in the window, a window with data. Never throws
    /// for bad data: every problem is in the result.
    /// </summary>
    public static ValidationResult Validate(IndexData data, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var o = options ?? new BacktestOptions();
        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>(data.Warnings);
        var infeasible = new List<Indexing.Infeasibility>();
        try
        {
            // The index and the comparisons give every diagnostic; the report's series (attribution and the rest) none.
            var result = BacktestEngine.Compare(data, o.Benchmarks, o.From, o.To, o.RiskFreeRate, infeasible);
            warnings.AddRange(result.Index.Warnings);
            warnings.AddRange(result.Warnings);
        }
        catch (InvalidInputException ex)
        {
            errors.AddRange(ex.Problems);
        }
        catch (InfeasibleWeightingException ex)
        {
            errors.Add(Diagnostic.Error(data.MethodologyName, 0, 0, ex.Message));
        }

        foreach (var group in infeasible.GroupBy(i => i.Error.Group))
        {
            var first = group.First();
            var more = group.Count() > 1 ? $" [and at {group.Count() - 1} later rebalance(s), the last on {Prices.IsoDate.Format(group.Last().Date)}]" : string.Empty;
            errors.Add(Diagnostic.Error(data.MethodologyName, 0, 0, first.Error.Message + more));
        }

        return new ValidationResult(errors, warnings);
    }

    /// <summary>Runs the backtest. The data must include benchmark prices when benchmarks are compared.</summary>
    /// <exception cref="InvalidInputException">A benchmark has no data in the window, or the window is empty.</exception>
    public static BacktestResult Run(IndexData data, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var o = options ?? new BacktestOptions();
        return BacktestEngine.Run(data, o.Benchmarks, o.From, o.To, o.RiskFreeRate);
    }
}

/// <summary>What <see cref="Backtest.Validate"/> found: errors (the methodology cannot be applied) and warnings.</summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed class ValidationResult
{
    internal ValidationResult(IReadOnlyList<Diagnostic> errors, IReadOnlyList<Diagnostic> warnings)
    {
        Errors = Array.AsReadOnly([.. errors]);
        Warnings = Array.AsReadOnly([.. warnings]);
    }

    /// <summary>Every error, each naming its file (or subject).</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }

    /// <summary>The warnings of the data, the index and the comparison.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>Whether there is no error.</summary>
    public bool IsValid => Errors.Count == 0;
}
