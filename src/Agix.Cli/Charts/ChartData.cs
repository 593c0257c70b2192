using NodaTime;

namespace Agix.Cli.Charts;

/// <summary>One labelled series of values, aligned with the dates or years of the chart it belongs to.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Values">One value per date or year; NaN where the series has no value.</param>
internal sealed record ChartSeries(string Label, double[] Values);

/// <summary>The data of the performance chart: levels, drawdown and theme weights on one date axis.</summary>
/// <param name="Title">The chart title.</param>
/// <param name="Subtitle">A line under the title (e.g. the data provenance); empty for none.</param>
/// <param name="Dates">The dates, ascending; every series has one value per date.</param>
/// <param name="Index">The index levels (drawn thicker and first in the legend).</param>
/// <param name="Benchmarks">The benchmark levels, rebased like the index.</param>
/// <param name="IndexDrawdown">The index drawdown from its running peak as fractions (≤ 0).</param>
/// <param name="ThemeWeights">One series per theme, fractions per date that stack to 1; empty to omit the panel.</param>
/// <param name="LogScale">Whether the level panel uses a logarithmic y axis.</param>
internal sealed record PerformanceChartData(
    string Title,
    string Subtitle,
    LocalDate[] Dates,
    ChartSeries Index,
    IReadOnlyList<ChartSeries> Benchmarks,
    double[] IndexDrawdown,
    IReadOnlyList<ChartSeries> ThemeWeights,
    bool LogScale)
{
    /// <summary>
    /// Further drawdowns drawn as lines over the index's (fractions, ≤ 0), the i-th in the colour of the i-th
    /// benchmark line, so that a comparison shows each variant's drawdown in its level line's colour.
    /// </summary>
    public IReadOnlyList<ChartSeries> OtherDrawdowns { get; init; } = [];
}

/// <summary>The data of the rolling risk chart: rolling volatility of every series, and the index's rolling beta to each benchmark.</summary>
/// <param name="Title">The chart title.</param>
/// <param name="Subtitle">A line under the title; empty for none.</param>
/// <param name="Dates">The dates, ascending; every series has one value per date.</param>
/// <param name="Window">The rolling window in daily returns (for the panel titles).</param>
/// <param name="IndexVolatility">The index's rolling annualised volatility (fractions; NaN until the window is full).</param>
/// <param name="BenchmarkVolatility">Each benchmark's rolling annualised volatility.</param>
/// <param name="Betas">The index's rolling beta to each benchmark, in the benchmarks' order.</param>
internal sealed record RollingChartData(
    string Title,
    string Subtitle,
    LocalDate[] Dates,
    int Window,
    ChartSeries IndexVolatility,
    IReadOnlyList<ChartSeries> BenchmarkVolatility,
    IReadOnlyList<ChartSeries> Betas);

/// <summary>The data of the calendar-year returns chart.</summary>
/// <param name="Title">The chart title.</param>
/// <param name="Subtitle">A line under the title; empty for none.</param>
/// <param name="Years">The calendar years, ascending.</param>
/// <param name="Partial">Per year, whether it is only partly covered (labelled "2022*").</param>
/// <param name="Series">One value per year as a fraction (0.12 = 12 %); NaN for no data.</param>
internal sealed record YearlyChartData(
    string Title,
    string Subtitle,
    int[] Years,
    bool[] Partial,
    IReadOnlyList<ChartSeries> Series);
