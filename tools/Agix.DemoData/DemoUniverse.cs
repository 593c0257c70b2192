using NodaTime;

namespace Agix.DemoData;

/// <summary>A quarterly dividend policy: ex-dates in <see cref="Months"/> on the first trading day on or after <see cref="Day"/>.</summary>
/// <param name="Months">The four ex-date months.</param>
/// <param name="Day">The nominal day of the month of the ex-date.</param>
/// <param name="QuarterlyYield">Cash per quarter as a fraction of the price, reset at the first ex-date of each year.</param>
/// <param name="First">No ex-date before this date.</param>
/// <param name="Last">No ex-date after this date.</param>
internal sealed record DividendPolicy(int[] Months, int Day, double QuarterlyYield, LocalDate First, LocalDate Last);

/// <summary>A stock split: on <see cref="ExDate"/> the raw close divides by <see cref="Ratio"/>, shares multiply by it.</summary>
internal sealed record SplitEvent(LocalDate ExDate, int Ratio);

/// <summary>The model parameters of one synthetic stock (price levels and share counts are rough magnitudes only).</summary>
/// <param name="Symbol">Ticker.</param>
/// <param name="Name">Company name (no commas, so the CSV needs no quoting).</param>
/// <param name="Theme">AGIX theme.</param>
/// <param name="StartPrice">Raw price on the first day.</param>
/// <param name="StartShares">Shares outstanding on the first day.</param>
/// <param name="Beta">Loading on the market factor.</param>
/// <param name="IdiosyncraticVol">Annualised volatility of the stock's own noise.</param>
/// <param name="Alpha">Yearly log return on top of beta times the market and the theme.</param>
/// <param name="QuarterlyShareChange">Relative change of the share count at each quarter start (buybacks negative).</param>
internal sealed record StockSpec(
    string Symbol,
    string Name,
    Theme Theme,
    double StartPrice,
    long StartShares,
    double Beta,
    double IdiosyncraticVol,
    double Alpha,
    double QuarterlyShareChange)
{
    /// <summary>First trading day (an IPO inside the period), or null for the first day of the period.</summary>
    public LocalDate? ListedOn { get; init; }

    /// <summary>Last trading day (a delisting inside the period), or null for the last day of the period.</summary>
    public LocalDate? DelistedAfter { get; init; }

    /// <summary>Stock splits.</summary>
    public IReadOnlyList<SplitEvent> Splits { get; init; } = [];

    /// <summary>Dividend policy, or null for a stock that pays none.</summary>
    public DividendPolicy? Dividends { get; init; }
}

/// <summary>The synthetic demo market: 26 AGIX names, the factor model settings and the four benchmarks.</summary>
internal static class DemoUniverse
{
    /// <summary>The default seed (the base date of the index, 2022-11-30).</summary>
    public const ulong DefaultSeed = 20221130;

    /// <summary>First day of the generated period.</summary>
    public static readonly LocalDate Start = new(2022, 1, 3);

    /// <summary>Last day of the generated period.</summary>
    public static readonly LocalDate End = new(2025, 12, 31);

    /// <summary>Annualised volatility of the market factor.</summary>
    public const double MarketVol = 0.18;

    /// <summary>Annualised volatility of each theme factor.</summary>
    public const double ThemeVol = 0.12;

    /// <summary>Trading days per year used to turn annual figures into daily ones.</summary>
    public const double DaysPerYear = 252.0;

    private static readonly int[] FebMayAugNov = [2, 5, 8, 11];
    private static readonly int[] MarJunSepDec = [3, 6, 9, 12];
    private static readonly int[] JanAprJulOct = [1, 4, 7, 10];

    /// <summary>Volatility of the yearly surprise of a stock, as a fraction of its idiosyncratic volatility.</summary>
    public const double SurpriseVolRatio = 0.4;

    /// <summary>The yearly surprise of a stock is clamped to plus or minus this log return.</summary>
    public const double MaxSurprise = 0.35;

    /// <summary>The scenario: log return of the market factor by calendar year (a 2022 bear market, then a rally).</summary>
    public static double MarketLogReturn(int year) => year switch
    {
        2022 => -0.20,
        2023 => 0.20,
        2024 => 0.18,
        _ => 0.12,
    };

    /// <summary>The scenario: log return of a theme factor by calendar year, on top of the market.</summary>
    public static double ThemeLogReturn(Theme theme, int year)
    {
        var index = Math.Clamp(year - 2022, 0, 3);
        double[] drifts = theme.Name switch
        {
            "compute" => [-0.15, 0.30, 0.30, 0.10],
            "cloud" => [-0.10, 0.10, 0.10, 0.05],
            "edge" => [-0.05, 0.00, 0.05, 0.05],
            "interconnect" => [-0.10, 0.15, 0.20, 0.10],
            "software" => [-0.15, 0.15, 0.10, 0.00],
            _ => throw new ArgumentOutOfRangeException(nameof(theme), theme, "Unknown theme."),
        };
        return drifts[index];
    }

    /// <summary>The 26 stocks, in universe-file order (by theme).</summary>
    public static IReadOnlyList<StockSpec> Stocks { get; } =
    [
        new("NVDA", "NVIDIA Corporation", Theme.Compute, 300, 2_500_000_000, 1.6, 0.35, 0.14, -0.001)
        {
            Splits = [new(new(2024, 6, 10), 10)],
        },
        new("AMD", "Advanced Micro Devices Inc.", Theme.Compute, 150, 1_620_000_000, 1.5, 0.35, -0.15, -0.002),
        new("TSM", "Taiwan Semiconductor Manufacturing Company Limited", Theme.Compute, 120, 5_186_000_000, 1.1, 0.20, 0.00, 0.0)
        {
            Dividends = new(MarJunSepDec, 14, 0.004, Start, End),
        },
        new("INTC", "Intel Corporation", Theme.Compute, 52, 4_070_000_000, 1.0, 0.28, -0.20, 0.003)
        {
            Dividends = new(FebMayAugNov, 6, 0.005, Start, new(2024, 8, 31)),
        },
        new("MSFT", "Microsoft Corporation", Theme.Cloud, 330, 7_500_000_000, 1.0, 0.18, 0.00, -0.001)
        {
            Dividends = new(FebMayAugNov, 15, 0.0025, Start, End),
        },
        new("AMZN", "Amazon.com Inc.", Theme.Cloud, 3350, 509_000_000, 1.2, 0.25, 0.00, 0.003)
        {
            Splits = [new(new(2022, 6, 6), 20)],
        },
        new("GOOGL", "Alphabet Inc. (Class A)", Theme.Cloud, 145, 13_100_000_000, 1.1, 0.22, 0.03, -0.008),
        new("META", "Meta Platforms Inc.", Theme.Cloud, 340, 2_750_000_000, 1.3, 0.35, 0.02, -0.006)
        {
            Dividends = new(MarJunSepDec, 14, 0.0025, new(2024, 1, 1), End),
        },
        new("ORCL", "Oracle Corporation", Theme.Cloud, 87, 2_670_000_000, 0.9, 0.25, 0.08, 0.0)
        {
            Dividends = new(JanAprJulOct, 10, 0.0035, Start, End),
        },
        new("AAPL", "Apple Inc.", Theme.Edge, 180, 16_400_000_000, 1.1, 0.18, -0.03, -0.007)
        {
            Dividends = new(FebMayAugNov, 10, 0.0025, Start, End),
        },
        new("QCOM", "QUALCOMM Incorporated", Theme.Edge, 180, 1_120_000_000, 1.2, 0.25, 0.00, -0.005)
        {
            Dividends = new(MarJunSepDec, 1, 0.005, Start, End),
        },
        new("ARM", "Arm Holdings plc (ADS)", Theme.Edge, 60, 1_025_000_000, 1.5, 0.45, 0.15, 0.0)
        {
            ListedOn = new(2023, 9, 14),
        },
        new("TSLA", "Tesla Inc.", Theme.Edge, 380, 3_100_000_000, 1.6, 0.45, -0.05, 0.002),
        new("DELL", "Dell Technologies Inc.", Theme.Edge, 57, 760_000_000, 1.1, 0.30, 0.12, -0.01)
        {
            DelistedAfter = new(2025, 6, 30),
            Dividends = new(JanAprJulOct, 20, 0.005, new(2022, 7, 1), End),
        },
        new("AVGO", "Broadcom Inc.", Theme.Interconnect, 650, 410_000_000, 1.2, 0.25, 0.18, 0.0)
        {
            Splits = [new(new(2024, 7, 15), 10)],
            Dividends = new(MarJunSepDec, 20, 0.006, Start, End),
        },
        new("ANET", "Arista Networks Inc.", Theme.Interconnect, 140, 310_000_000, 1.2, 0.35, 0.15, 0.0)
        {
            Splits = [new(new(2024, 12, 4), 4)],
        },
        new("MRVL", "Marvell Technology Inc.", Theme.Interconnect, 85, 850_000_000, 1.5, 0.40, -0.05, 0.002),
        new("CSCO", "Cisco Systems Inc.", Theme.Interconnect, 63, 4_200_000_000, 0.8, 0.18, -0.10, -0.005)
        {
            Dividends = new(JanAprJulOct, 3, 0.006, Start, End),
        },
        new("MU", "Micron Technology Inc.", Theme.Interconnect, 93, 1_120_000_000, 1.4, 0.35, -0.02, -0.003),
        new("NOW", "ServiceNow Inc.", Theme.Software, 640, 200_000_000, 1.2, 0.30, 0.08, 0.0),
        new("CRM", "Salesforce Inc.", Theme.Software, 250, 990_000_000, 1.1, 0.30, 0.00, -0.003),
        new("ADBE", "Adobe Inc.", Theme.Software, 565, 470_000_000, 1.1, 0.28, -0.08, -0.008),
        new("PLTR", "Palantir Technologies Inc.", Theme.Software, 18, 2_000_000_000, 1.6, 0.50, 0.35, 0.01),
        new("SNOW", "Snowflake Inc.", Theme.Software, 330, 310_000_000, 1.5, 0.45, -0.08, 0.008),
        new("DDOG", "Datadog Inc.", Theme.Software, 175, 310_000_000, 1.5, 0.40, 0.00, 0.006),
        new("CRWD", "CrowdStrike Holdings Inc.", Theme.Software, 200, 230_000_000, 1.4, 0.40, 0.10, 0.005),
    ];

    /// <summary>A benchmark: an index level or an ETF that tracks one, with optional quarterly dividends.</summary>
    /// <param name="Symbol">Ticker.</param>
    /// <param name="StartLevel">Level or price on the first day.</param>
    /// <param name="Tracks">For an ETF, the index it tracks; null for an index.</param>
    /// <param name="AnnualFee">Expense ratio of an ETF.</param>
    /// <param name="QuarterlyYield">Dividend per quarter as a fraction of the price (ETFs only).</param>
    /// <param name="ExDayOffset">Calendar days after the third Friday of Mar/Jun/Sep/Dec of the ex-date.</param>
    internal sealed record BenchmarkSpec(string Symbol, double StartLevel, string? Tracks, double AnnualFee, double QuarterlyYield, int ExDayOffset);

    /// <summary>The four benchmarks.</summary>
    public static IReadOnlyList<BenchmarkSpec> Benchmarks { get; } =
    [
        new("^GSPC", 4700, null, 0, 0, 0),
        new("^NDX", 16000, null, 0, 0, 0),
        new("SPY", 470, "^GSPC", 0.000945, 0.0033, 0),
        new("QQQ", 400, "^NDX", 0.0020, 0.0015, 3),
    ];
}
