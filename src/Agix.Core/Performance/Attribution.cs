using NodaTime;

namespace Agix;

/// <summary>The contribution of one name (or theme, or costs) to the index return over a period.</summary>
public sealed record Contribution
{
    internal Contribution(string key, Theme? theme, double @value, double averageWeight)
    {
        Key = key;
        Theme = theme;
        Value = @value;
        AverageWeight = averageWeight;
    }

    /// <summary>The symbol, the theme name, or "costs".</summary>
    public string Key { get; init; }

    /// <summary>The theme (null for costs and for theme rows' own key).</summary>
    public Theme? Theme { get; init; }

    /// <summary>The part of the index return it explains (a fraction of the start level).</summary>
    public double Value { get; init; }

    /// <summary>The average start-of-day weight over the period.</summary>
    public double AverageWeight { get; init; }
}

/// <summary>Contributions to the index return over one period; they add up exactly to <see cref="IndexReturn"/>.</summary>
public sealed record AttributionPeriod
{
    internal AttributionPeriod(string label, LocalDate start, LocalDate end, double indexReturn, IReadOnlyList<Contribution> themes, IReadOnlyList<Contribution> constituents)
    {
        Label = label;
        Start = start;
        End = end;
        IndexReturn = indexReturn;
        Themes = themes;
        Constituents = constituents;
    }

    /// <summary>"window" or the calendar year.</summary>
    public string Label { get; init; }

    /// <summary>The start date (the base of the period).</summary>
    public LocalDate Start { get; init; }

    /// <summary>The end date.</summary>
    public LocalDate End { get; init; }

    /// <summary>The index return over the period.</summary>
    public double IndexReturn { get; init; }

    /// <summary>Per theme, plus a "costs" row when transaction costs were charged.</summary>
    public IReadOnlyList<Contribution> Themes { get; init => field = Values.List(value); } = [];

    /// <summary>Per constituent, largest contribution first.</summary>
    public IReadOnlyList<Contribution> Constituents { get; init => field = Values.List(value); } = [];
}

/// <summary>
/// Return attribution linked by index growth: on day t name i contributes <c>w_i,t−1 · r_i,t</c> (its start-of-day
/// weight times its split-adjusted return, with dividends as the return type counts them), and over a period
/// that daily contribution is scaled by the index growth to the day before, <c>L_t−1 / L_start</c>. Because the
/// daily contributions add up to the index's daily return, the scaled ones telescope to exactly
/// <c>L_end / L_start − 1</c>. Transaction costs (and any rounding) are the "costs" row.
/// </summary>
internal static class Attribution
{
    public static IReadOnlyList<AttributionPeriod> Compute(IndexResult index, PricePanel prices, ReturnType returnType, int from, int to)
    {
        var levels = index.LevelArray(returnType);
        var tax = index.Methodology.WithholdingTax;
        var keep = returnType switch { ReturnType.Gross => 1.0, ReturnType.Net => 1 - tax, _ => 0.0 };
        var names = index.SymbolArray;
        var nm = names.Length;
        var cols = names.Select(prices.IndexOfSymbol).ToArray();
        var ns = prices.SymbolCount;
        var dates = index.DateArray;

        // Daily contributions (start-of-day weight × return) and the daily cost residual.
        var days = to - from;
        var daily = new double[Math.Max(days, 0) * nm];
        var residual = new double[Math.Max(days, 0)];
        var lastClose = new double[nm];
        var d0 = prices.IndexOfDate(dates[from]);
        for (var k = 0; k < nm; k++)
        {
            lastClose[k] = prices.LastCloseOnOrBefore(cols[k], d0);
        }

        for (var t = from + 1; t <= to; t++)
        {
            var d = prices.IndexOfDate(dates[t]);
            double sum = 0;
            for (var k = 0; k < nm; k++)
            {
                var cell = (d * ns) + cols[k];
                var close = prices.Close[cell];
                var w = index.WeightMatrix[((t - 1) * nm) + k];
                if (!double.IsNaN(close))
                {
                    if (w != 0)
                    {
                        var r = ((close + (prices.Dividend[cell] * keep)) * prices.SplitAt(cell) / lastClose[k]) - 1;
                        daily[((t - from - 1) * nm) + k] = w * r;
                        sum += w * r;
                    }

                    lastClose[k] = close;
                }
            }

            residual[t - from - 1] = (levels[t] / levels[t - 1]) - 1 - sum;
        }

        var periods = new List<AttributionPeriod> { Period("window", index, levels, daily, residual, from, to, from) };
        var start = from;
        for (var t = from + 1; t <= to; t++)
        {
            if (t == to || dates[t + 1].Year != dates[t].Year)
            {
                periods.Add(Period(dates[t].Year.ToString(System.Globalization.CultureInfo.InvariantCulture), index, levels, daily, residual, start, t, from));
                start = t;
            }
        }

        return periods;
    }

    private static AttributionPeriod Period(string label, IndexResult index, double[] levels, double[] daily, double[] residual, int start, int end, int from)
    {
        var nm = index.SymbolArray.Length;
        var contribution = new double[nm];
        var weight = new double[nm];
        double costs = 0;
        for (var t = start + 1; t <= end; t++)
        {
            var scale = levels[t - 1] / levels[start];
            var row = t - from - 1;
            for (var k = 0; k < nm; k++)
            {
                contribution[k] += daily[(row * nm) + k] * scale;
                weight[k] += index.WeightMatrix[((t - 1) * nm) + k];
            }

            costs += residual[row] * scale;
        }

        var n = Math.Max(end - start, 1);
        var constituents = Enumerable.Range(0, nm)
            .Where(k => weight[k] > 0)
            .Select(k => new Contribution(index.SymbolArray[k], index.ThemeArray[k], contribution[k], weight[k] / n))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var themes = constituents.Select(c => c.Theme!.Value).Distinct().Order()
            .Select(g => new Contribution(g.ToName(), g, constituents.Where(c => c.Theme == g).Sum(c => c.Value), constituents.Where(c => c.Theme == g).Sum(c => c.AverageWeight)))
            .ToList();
        if (index.Methodology.TransactionCostBps > 0)
        {
            themes.Add(new Contribution("costs", null, costs, 0));
        }

        return new AttributionPeriod(label, index.DateArray[start], index.DateArray[end], (levels[end] / levels[start]) - 1, themes, constituents);
    }
}
