using Agix.Weighting;
using CsCheck;

namespace Agix.Tests.Weighting;

public sealed class WeightingPropertyTests
{
    /// <summary>Market caps log-uniform between 1e6 and 1e14.</summary>
    private static readonly Gen<double> MarketCap = Gen.Double[6, 14].Select(e => Math.Pow(10, e));

    /// <summary>1 to 40 market caps, a total in (0, 1] and a cap that can hold it (sometimes none, sometimes exactly total / n).</summary>
    private static readonly Gen<(double[] MarketCaps, double Total, double Cap)> UniformCase =
        from n in Gen.Int[1, 40]
        from marketCaps in MarketCap.Array[n]
        from total in Gen.Double[0.01, 1]
        from kind in Gen.Int[0, 9]
        from slack in Gen.Double[0, 2]
        let cap = kind switch
        {
            0 => double.PositiveInfinity,
            1 => total / n,
            _ => total / n * Math.Pow(10, slack),
        }
        select (marketCaps, total, cap);

    /// <summary>1 to 40 market caps with a cap each and a total their caps can hold.</summary>
    private static readonly Gen<(double[] MarketCaps, double Total, double[] Caps)> PerNameCase =
        from n in Gen.Int[1, 40]
        from marketCaps in MarketCap.Array[n]
        from caps in Gen.Double[0.001, 1].Array[n]
        from share in Gen.Double[0.01, 1]
        select (marketCaps, caps.Sum() * share, caps);

    [Fact]
    public void Water_filled_weights_sum_to_the_total_stay_under_the_cap_and_keep_uncapped_names_proportional()
    {
        UniformCase.Sample(c =>
        {
            var weights = WaterFilling.Cap(c.MarketCaps, c.Total, c.Cap, "all names");

            var caps = new double[weights.Length];
            Array.Fill(caps, c.Cap);
            CheckWaterFilling(c.MarketCaps, c.Total, caps, weights);
        });
    }

    [Fact]
    public void Water_filled_weights_with_a_cap_per_name_sum_to_the_total_and_respect_each_cap()
    {
        PerNameCase.Sample(c =>
        {
            var weights = WaterFilling.Cap(c.MarketCaps, c.Total, c.Caps, "all themes");

            CheckWaterFilling(c.MarketCaps, c.Total, c.Caps, weights);
        });
    }

    [Fact]
    public void Water_filling_a_cap_below_total_over_n_is_always_an_error()
    {
        (from n in Gen.Int[1, 40]
         from marketCaps in MarketCap.Array[n]
         from shortfall in Gen.Double[0.5, 0.999999]
         select (marketCaps, cap: shortfall / n))
        .Sample(c =>
        {
            var act = () => WaterFilling.Cap(c.marketCaps, 1.0, c.cap, "all names");

            act.Should().Throw<InfeasibleWeightingException>().Which.Count.Should().Be(c.marketCaps.Length);
        });
    }

    [Fact]
    public void Theme_budget_weights_fill_each_theme_to_its_budget_under_the_stock_cap()
    {
        var gen =
            from counts in Gen.Int[1, 8].Array[ThemeNames.Defaults.Count]
            from raw in Gen.Double[0.05, 1].Array[ThemeNames.Defaults.Count]
            from slack in Gen.Double[0, 1]
            from marketCaps in MarketCap.Array[counts.Sum()]
            select (counts, raw, slack, marketCaps);

        gen.Sample(c =>
        {
            var themes = new Theme[c.marketCaps.Length];
            var budgets = new Dictionary<Theme, double>();
            var rawSum = c.raw.Sum();
            var stockCap = 0.0;
            var next = 0;
            for (var g = 0; g < c.counts.Length; g++)
            {
                var theme = ThemeNames.Defaults[g];
                budgets[theme] = c.raw[g] / rawSum;
                stockCap = Math.Max(stockCap, budgets[theme] / c.counts[g]);
                for (var j = 0; j < c.counts[g]; j++)
                {
                    themes[next++] = theme;
                }
            }

            // Shuffle deterministically so that themes are interleaved.
            var order = Enumerable.Range(0, themes.Length).OrderBy(i => c.marketCaps[i]).ToArray();
            themes = [.. order.Select(i => themes[i])];
            stockCap *= 1 + c.slack;
            var rules = new WeightingRules(WeightingScheme.ThemeBudget, stockCap, null, budgets);

            var result = TargetWeights.Compute(rules, themes, c.marketCaps, "property");

            result.Weights.Sum().Should().BeApproximately(1.0, 1e-12);
            result.Weights.Should().AllSatisfy(w => w.Should().BeInRange(0, stockCap + 1e-15));
            foreach (var (theme, budget) in budgets)
            {
                var sum = 0.0;
                for (var i = 0; i < themes.Length; i++)
                {
                    sum += themes[i] == theme ? result.Weights[i] : 0;
                }

                sum.Should().BeApproximately(budget, 1e-12, "{0} has a budget", theme);
            }
        });
    }

    [Fact]
    public void Capped_market_cap_weights_sum_to_one_under_the_theme_and_stock_caps_or_the_caps_are_an_error()
    {
        var gen =
            from n in Gen.Int[1, 40]
            from themeIndexes in Gen.Int[0, ThemeNames.Defaults.Count - 1].Array[n]
            from marketCaps in MarketCap.Array[n]
            from themeSlack in Gen.Double[-0.3, 0.7]
            from stockSlack in Gen.Double[-0.2, 1.5]
            select (themeIndexes, marketCaps, themeSlack, stockSlack);

        gen.Sample(c =>
        {
            var themes = c.themeIndexes.Select(g => ThemeNames.Defaults[g]).ToArray();
            var n = themes.Length;
            var counts = themes.GroupBy(t => t).Select(g => g.Count()).ToArray();
            var themeCap = Math.Pow(10, c.themeSlack) / counts.Length;
            var stockCap = Math.Pow(10, c.stockSlack) / n;
            var capacity = counts.Sum(count => Math.Min(themeCap, count * stockCap));
            var rules = new WeightingRules(WeightingScheme.CappedMarketCap, stockCap, themeCap, WeightingRules.DefaultBudgets);

            var act = () => TargetWeights.Compute(rules, themes, c.marketCaps, "property");

            if (capacity < 1 - 1e-9)
            {
                act.Should().Throw<InfeasibleWeightingException>();
                return;
            }

            if (capacity < 1 + 1e-9)
            {
                return;
            }

            var result = act();
            result.Weights.Sum().Should().BeApproximately(1.0, 1e-12);
            result.Weights.Should().AllSatisfy(w => w.Should().BeInRange(0, stockCap + 1e-15));
            foreach (var theme in themes.Distinct())
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    sum += themes[i] == theme ? result.Weights[i] : 0;
                }

                sum.Should().BeLessThanOrEqualTo(themeCap + 1e-12);
            }
        });
    }

    /// <summary>
    /// The water-filling properties: Σw = W to 1e-12; w_i ≤ c_i + 1e-15; the uncapped names share one ratio
    /// k = w_i / m_i (to 1e-12 relative); and every capped name would have reached its cap at that ratio.
    /// </summary>
    private static void CheckWaterFilling(double[] marketCaps, double total, double[] caps, double[] weights)
    {
        weights.Should().HaveCount(marketCaps.Length);
        weights.Sum().Should().BeApproximately(total, 1e-12);

        var k = double.NaN;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i].Should().BeInRange(0, caps[i] + 1e-15);
            if (weights[i] < caps[i])
            {
                var ratio = weights[i] / marketCaps[i];
                if (double.IsNaN(k))
                {
                    k = ratio;
                }

                ratio.Should().BeApproximately(k, 1e-12 * k, "uncapped names stay proportional to market cap");
            }
        }

        if (double.IsNaN(k))
        {
            return;
        }

        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] >= caps[i])
            {
                (k * marketCaps[i]).Should().BeGreaterThanOrEqualTo(caps[i] * (1 - 1e-12), "a capped name would exceed its cap pro rata");
            }
        }
    }
}
