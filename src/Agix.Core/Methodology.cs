using NodaTime;

namespace Agix;

/// <summary>Which series the index level follows.</summary>
public enum ReturnType
{
    /// <summary>Price return: dividends are ignored.</summary>
    Price,

    /// <summary>Gross total return: dividends reinvested in full.</summary>
    Gross,

    /// <summary>Net total return: dividends reinvested after withholding tax.</summary>
    Net,
}

/// <summary>How a scheduled rebalance date that is not a trading day is moved.</summary>
public enum HolidayRoll
{
    /// <summary>To the trading day before it.</summary>
    Preceding,

    /// <summary>To the trading day after it.</summary>
    Following,
}

/// <summary>The weighting scheme.</summary>
public enum WeightingScheme
{
    /// <summary>Fixed theme budgets, market-cap weights with a stock cap inside each theme.</summary>
    ThemeBudget,

    /// <summary>Market-cap weights with a theme cap and a stock cap.</summary>
    CappedMarketCap,

    /// <summary>Market-cap weights with an optional stock cap.</summary>
    MarketCap,

    /// <summary>One over n.</summary>
    Equal,

    /// <summary>
    /// Fixed theme budgets; inside each theme a blend of market-cap and score weights
    /// (<see cref="WeightingRules.ScoreWeight"/> on the score), capped at the stock cap.
    /// </summary>
    ScoreBlend,
}

/// <summary>When the index rebalances.</summary>
/// <param name="Months">The months (1–12) whose third Friday is a scheduled rebalance.</param>
/// <param name="HolidayRoll">How a scheduled date that is not a trading day moves.</param>
/// <param name="SelectionLagDays">The selection date is this many trading days before the rebalance date.</param>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record RebalanceRules(IReadOnlyList<int> Months, HolidayRoll HolidayRoll, int SelectionLagDays)
{
    /// <summary>The months (1–12) whose third Friday is a scheduled rebalance (a copy that compares by value).</summary>
    public IReadOnlyList<int> Months { get; init => field = Values.List(value); } = Values.List(Months);

    /// <summary>Quarterly (March, June, September, December), preceding roll, five-day lag.</summary>
    public static RebalanceRules Default { get; } = new([3, 6, 9, 12], HolidayRoll.Preceding, 5);
}

/// <summary>How target weights are set at each rebalance.</summary>
/// <param name="Scheme">The weighting scheme.</param>
/// <param name="StockCap">The cap per stock as a fraction, or null for none.</param>
/// <param name="ThemeCap">The cap per theme (capped-market-cap only), or null for none.</param>
/// <param name="ThemeBudgets">The budget of each theme (theme-budget only); they sum to 1.</param>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record WeightingRules(
    WeightingScheme Scheme,
    double? StockCap,
    double? ThemeCap,
    IReadOnlyDictionary<Theme, double> ThemeBudgets)
{
    /// <summary>The budget of each theme (theme-budget and score-blend); a copy that compares by value.</summary>
    public IReadOnlyDictionary<Theme, double> ThemeBudgets { get; init => field = Values.Map(value); } = Values.Map(ThemeBudgets);

    /// <summary>The weight of the score in the <see cref="WeightingScheme.ScoreBlend"/> blend, from 0 to 1 (default 0.7).</summary>
    public double ScoreWeight { get; init; } = 0.7;

    /// <summary>The default theme budgets: compute 0.30, cloud 0.30, edge 0.15, interconnect 0.15, software 0.10.</summary>
    public static IReadOnlyDictionary<Theme, double> DefaultBudgets { get; } = new System.Collections.ObjectModel.ReadOnlyDictionary<Theme, double>(new Dictionary<Theme, double>
    {
        [Theme.Compute] = 0.30,
        [Theme.Cloud] = 0.30,
        [Theme.Edge] = 0.15,
        [Theme.Interconnect] = 0.15,
        [Theme.Software] = 0.10,
    });

    /// <summary>Theme budgets with a 10 % stock cap.</summary>
    public static WeightingRules Default { get; } = new(WeightingScheme.ThemeBudget, 0.10, null, DefaultBudgets);
}

/// <summary>
/// Every setting of an index, with the AGIX-style defaults. Load one from <c>methodology.json</c> with
/// <c>MethodologyFile.Load</c> or build one in code with a <c>with</c> expression on <see cref="Default"/>.
/// </summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record Methodology
{
    /// <summary>The AGIX-style defaults of the CLI contract.</summary>
    public static Methodology Default { get; } = new();

    /// <summary>Parses methodology JSON text (the format of <c>methodology.json</c>); a missing key takes its default.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="name">How the text is named in errors.</param>
    /// <exception cref="InvalidInputException">A key is unknown, of the wrong type or out of range (every problem, with line and column).</exception>
    public static Methodology Parse(string json, string name = "methodology.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        var bag = new Prices.DiagnosticBag();
        var methodology = Prices.MethodologyJson.Parse(System.Text.Encoding.UTF8.GetBytes(json), name, bag);
        bag.ThrowIfErrors();
        return methodology!;
    }

    /// <summary>Reads a <c>methodology.json</c> file; a missing key takes its default.</summary>
    /// <exception cref="InvalidInputException">The file cannot be read, or a key is unknown, of the wrong type or out of range (every problem, with line and column).</exception>
    public static Methodology Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new Prices.DiagnosticBag();
        var methodology = Prices.MethodologyJson.Read(path, path, bag);
        bag.ThrowIfErrors();
        return methodology!;
    }

    /// <summary>The index name shown in reports.</summary>
    public string Name { get; init; } = "AGIX-style AI Thematic Index";

    /// <summary>The base date: the index starts at its close (default 2022-11-30, the ChatGPT launch).</summary>
    public LocalDate BaseDate { get; init; } = new(2022, 11, 30);

    /// <summary>The level on the base date (default 1000).</summary>
    public double BaseValue { get; init; } = 1000;

    /// <summary>The return type of the headline level (default gross).</summary>
    public ReturnType ReturnType { get; init; } = ReturnType.Gross;

    /// <summary>The withholding tax rate for net total return (default 0.30).</summary>
    public double WithholdingTax { get; init; } = 0.30;

    /// <summary>The rebalance schedule.</summary>
    public RebalanceRules RebalanceRules { get; init; } = RebalanceRules.Default;

    /// <summary>The weighting rules.</summary>
    public WeightingRules WeightingRules { get; init; } = WeightingRules.Default;

    /// <summary>Transaction cost in basis points per side, charged at each rebalance after the base date.</summary>
    public double TransactionCostBps { get; init; }

    /// <summary>The annual risk-free rate used by Sharpe, Sortino and alpha (a fraction).</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>The benchmark symbols compared by the backtest.</summary>
    public IReadOnlyList<string> Benchmarks { get; init => field = Values.List(value); } = Values.List<string>(["SPY", "QQQ", "^GSPC", "^NDX"]);
}
