using Agix.Weighting;

namespace Agix.Tests.Weighting;

public sealed class TargetWeightsTests
{
    private const double Tolerance = 1e-12;
    private const string Context = "rebalance 2024-06-21";

    [Fact]
    public void Capped_market_cap_matches_the_methodology_vector()
    {
        // compute C1 C2; cloud K1 K2 K3; edge E1 E2; interconnect I1 I2 I3; software S1 S2 S3 (bn).
        Theme[] themes =
        [
            Theme.Compute, Theme.Compute,
            Theme.Cloud, Theme.Cloud, Theme.Cloud,
            Theme.Edge, Theme.Edge,
            Theme.Interconnect, Theme.Interconnect, Theme.Interconnect,
            Theme.Software, Theme.Software, Theme.Software,
        ];
        double[] caps = [3000, 300, 2800, 2000, 150, 3200, 100, 800, 120, 80, 250, 200, 150];
        var rules = new WeightingRules(WeightingScheme.CappedMarketCap, StockCap: 0.15, ThemeCap: 0.30, WeightingRules.DefaultBudgets);

        var result = TargetWeights.Compute(rules, themes, caps, Context);

        // Theme weights 231/820, 3/10, 231/820, 7/82, 21/410, split by hand inside each theme.
        double[] exact =
        [
            0.15, 231.0 / 820 - 0.15,                   // compute: C1 capped, C2 the rest
            0.15, 0.15 * 2000 / 2150, 0.15 * 150 / 2150, // cloud: K1 capped, 0.15 over K2 and K3
            0.15, 231.0 / 820 - 0.15,                   // edge: E1 capped, E2 the rest
            7.0 / 82 * 0.8, 7.0 / 82 * 0.12, 7.0 / 82 * 0.08,
            21.0 / 410 * 250 / 600, 21.0 / 410 * 200 / 600, 21.0 / 410 * 150 / 600,
        ];
        result.Weights.Should().Equal(exact, (a, b) => Math.Abs(a - b) <= Tolerance);

        // The published figures, rounded to 6 decimals of a percent.
        double[] published =
        [
            15, 13.170732, 15, 13.953488, 1.046512, 15, 13.170732, 6.829268, 1.024390, 0.682927, 2.134146, 1.707317, 1.280488,
        ];
        result.Weights.Should().Equal(published, (a, b) => Math.Abs(a - (b / 100)) <= 1e-8);

        ThemeSum(result.Weights, themes, Theme.Compute).Should().BeApproximately(231.0 / 820, Tolerance);
        ThemeSum(result.Weights, themes, Theme.Cloud).Should().BeApproximately(3.0 / 10, Tolerance);
        ThemeSum(result.Weights, themes, Theme.Edge).Should().BeApproximately(231.0 / 820, Tolerance);
        ThemeSum(result.Weights, themes, Theme.Interconnect).Should().BeApproximately(7.0 / 82, Tolerance);
        ThemeSum(result.Weights, themes, Theme.Software).Should().BeApproximately(21.0 / 410, Tolerance);
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Capped_market_cap_whose_theme_capacities_cannot_hold_the_index_is_an_error()
    {
        // Two themes with a 30 % theme cap hold at most 60 %.
        Theme[] themes = [Theme.Compute, Theme.Compute, Theme.Cloud, Theme.Cloud];
        var rules = new WeightingRules(WeightingScheme.CappedMarketCap, StockCap: null, ThemeCap: 0.30, WeightingRules.DefaultBudgets);

        var act = () => TargetWeights.Compute(rules, themes, [100.0, 200, 300, 400], Context);

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Group.Should().Be("all themes");
        error.Count.Should().Be(2);
        error.Cap.Should().BeApproximately(0.30, Tolerance);
        error.Message.Should().StartWith(Context);
    }

    [Fact]
    public void Theme_budgets_are_filled_inside_each_theme_under_the_stock_cap()
    {
        // Themes interleaved to check the order is kept.
        Theme[] themes =
        [
            Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software,
            Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software,
            Theme.Compute, Theme.Cloud, Theme.Interconnect, Theme.Software,
            Theme.Compute,
        ];
        double[] caps = [500, 70, 100, 600, 50, 300, 20, 100, 300, 30, 150, 10, 100, 20, 50];

        var result = TargetWeights.Compute(WeightingRules.Default, themes, caps, Context);

        // compute 0.30 over 500, 300, 150, 50 at 10 %: 500 capped, 0.20 over 500 → 300 capped, 0.10 over 200 → 0.075, 0.025.
        // cloud 0.30 over three names at 10 %: all capped. edge 0.15 over two equal names: 0.075 each.
        // interconnect 0.15 over 600, 300, 100: 0.09, 0.045, 0.015. software 0.10 over 50, 30, 20: 0.05, 0.03, 0.02.
        double[] expected =
        [
            0.10, 0.10, 0.075, 0.09, 0.05,
            0.10, 0.10, 0.075, 0.045, 0.03,
            0.075, 0.10, 0.015, 0.02,
            0.025,
        ];
        result.Weights.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= Tolerance);
        result.Weights.Sum().Should().BeApproximately(1.0, Tolerance);
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_theme_with_a_budget_and_no_eligible_member_is_an_error_naming_the_theme()
    {
        Theme[] themes = [Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect];
        var rules = WeightingRules.Default with { StockCap = null };

        var act = () => TargetWeights.Compute(rules, themes, [1.0, 2, 3, 4], Context);

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Group.Should().Be("software");
        error.Count.Should().Be(0);
        error.Budget.Should().Be(0.10);
        error.Message.Should().Be("rebalance 2024-06-21: infeasible weighting: software has a budget of 0.1 but no eligible member");
    }

    [Fact]
    public void A_theme_too_small_for_its_budget_under_the_stock_cap_is_an_error_naming_the_theme()
    {
        Theme[] themes =
        [
            Theme.Compute, Theme.Compute,
            Theme.Cloud, Theme.Cloud, Theme.Cloud,
            Theme.Edge, Theme.Edge, Theme.Interconnect, Theme.Interconnect, Theme.Software,
        ];

        var act = () => TargetWeights.Compute(WeightingRules.Default, themes, [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], Context);

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Group.Should().Be("compute");
        error.Count.Should().Be(2);
        error.Cap.Should().Be(0.10);
        error.Budget.Should().Be(0.30);
        error.Message.Should().Be(
            "rebalance 2024-06-21: infeasible weighting: compute has 2 eligible name(s) with a cap of 0.1, which can hold at most 0.2, less than its budget of 0.3");
    }

    [Fact]
    public void Members_of_a_theme_without_a_budget_are_an_error_naming_it_and_the_themes_with_one()
    {
        var budgets = new Dictionary<Theme, double> { [Theme.Compute] = 0.6, [Theme.Cloud] = 0.4 };
        var rules = new WeightingRules(WeightingScheme.ThemeBudget, StockCap: null, ThemeCap: null, budgets);
        Theme[] themes = [Theme.Compute, Theme.Software, Theme.Cloud, Theme.Software, Theme.Compute];

        var act = () => TargetWeights.Compute(rules, themes, [300.0, 999, 50, 999, 100], Context);

        act.Should().Throw<ArgumentException>().WithMessage("*the theme(s) software of eligible names have no budget (themes with a budget: compute, cloud)*");
    }

    [Fact]
    public void Any_theme_names_work_the_agix_categories_at_40_40_20()
    {
        Theme hardware = Theme.Of("hardware"), infrastructure = Theme.Of("infrastructure"), applications = Theme.Of("applications");
        var budgets = new Dictionary<Theme, double> { [hardware] = 0.4, [infrastructure] = 0.4, [applications] = 0.2 };
        var rules = new WeightingRules(WeightingScheme.ThemeBudget, StockCap: 0.25, ThemeCap: null, budgets);

        var result = TargetWeights.Compute(rules, [hardware, hardware, infrastructure, infrastructure, applications], [3.0, 1, 1, 1, 5], Context);

        result.Weights.Should().Equal([0.25, 0.15, 0.2, 0.2, 0.2], (a, b) => Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void Score_blend_matches_the_methodology_vector_a1_exactly()
    {
        Theme h = Theme.Of("hardware"), f = Theme.Of("infrastructure"), a = Theme.Of("applications");
        var budgets = new Dictionary<Theme, double> { [h] = 0.4, [f] = 0.4, [a] = 0.2 };
        var rules = new WeightingRules(WeightingScheme.ScoreBlend, StockCap: 0.10, ThemeCap: null, budgets) { ScoreWeight = 0.7 };
        Theme[] themes = [h, h, h, h, h, f, f, f, f, f, a, a, a];
        double[] caps = [3000, 800, 400, 200, 100, 2500, 2000, 300, 100, 100, 400, 150, 50];
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.6, 0.7, 0.9, 0.5, 0.4, 0.8, 0.6, 0.6];

        var result = TargetWeights.Compute(rules, themes, caps, Context, scores: scores);

        // Spec: H1 10, H2 10 (%), H3 5/61, H4 4/61, H5 16/305; F1 10, F2 10, F3 10 (%), F4 1843/33360,
        // F5 1493/33360; A1 9.6, A2 5.7, A3 4.7 (%). (The fractions are weights, the others percentages.)
        double[] expected =
        [
            0.10, 0.10, 5.0 / 61, 4.0 / 61, 16.0 / 305,
            0.10, 0.10, 0.10, 1843.0 / 33360, 1493.0 / 33360,
            0.096, 0.057, 0.047,
        ];
        result.Weights.Should().Equal(expected, (x, y) => Math.Abs(x - y) <= Tolerance);
        ThemeSum(result.Weights, themes, h).Should().BeApproximately(0.4, Tolerance);
        ThemeSum(result.Weights, themes, f).Should().BeApproximately(0.4, Tolerance);
        ThemeSum(result.Weights, themes, a).Should().BeApproximately(0.2, Tolerance);
    }

    [Fact]
    public void Theme_budgets_that_do_not_sum_to_one_are_rejected()
    {
        var budgets = new Dictionary<Theme, double> { [Theme.Compute] = 0.6, [Theme.Cloud] = 0.6 };
        var rules = new WeightingRules(WeightingScheme.ThemeBudget, StockCap: null, ThemeCap: null, budgets);

        var act = () => TargetWeights.Compute(rules, [Theme.Compute, Theme.Cloud], [1.0, 2], Context);

        act.Should().Throw<ArgumentException>().WithMessage("*sum to 1.2*");
    }

    [Fact]
    public void Market_cap_weights_are_proportional_without_a_cap()
    {
        var rules = WeightingRules.Default with { Scheme = WeightingScheme.MarketCap, StockCap = null };

        var result = TargetWeights.Compute(rules, [Theme.Compute, Theme.Edge, Theme.Cloud, Theme.Compute], [500.0, 250, 150, 100], Context);

        result.Weights.Should().Equal([0.50, 0.25, 0.15, 0.10], (a, b) => Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void Market_cap_weights_are_water_filled_under_the_stock_cap()
    {
        var rules = WeightingRules.Default with { Scheme = WeightingScheme.MarketCap, StockCap = 0.20 };
        Theme[] themes = [Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software, Theme.Compute];

        var result = TargetWeights.Compute(rules, themes, [3000.0, 2500, 1200, 800, 300, 200], Context);

        result.Weights.Should().Equal([0.20, 0.20, 0.20, 0.20, 0.12, 0.08], (a, b) => Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void Market_cap_weights_with_a_cap_too_small_are_an_error()
    {
        var rules = WeightingRules.Default with { Scheme = WeightingScheme.MarketCap, StockCap = 0.10 };
        Theme[] themes = [Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software, Theme.Compute];

        var act = () => TargetWeights.Compute(rules, themes, [3000.0, 2500, 1200, 800, 300, 200], Context);

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Count.Should().Be(6);
        error.Cap.Should().Be(0.10);
        error.Budget.Should().Be(1.0);
        error.Message.Should().StartWith(Context).And.Contain("6 eligible name(s)");
    }

    [Fact]
    public void Equal_weights_are_one_over_n_whatever_the_market_caps()
    {
        var rules = WeightingRules.Default with { Scheme = WeightingScheme.Equal, StockCap = 0.25 };

        var result = TargetWeights.Compute(rules, [Theme.Compute, Theme.Compute, Theme.Cloud, Theme.Software], [1e12, 1.0, 5e6, 3e9], Context);

        result.Weights.Should().Equal([0.25, 0.25, 0.25, 0.25]);
    }

    [Fact]
    public void Equal_weights_above_the_stock_cap_are_infeasible_not_silently_over_the_cap()
    {
        var rules = WeightingRules.Default with { Scheme = WeightingScheme.Equal, StockCap = 0.10 };

        var act = () => TargetWeights.Compute(rules, [Theme.Compute, Theme.Cloud, Theme.Edge], [1, 2, 3], Context);

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Group.Should().Be("all names");
        error.Count.Should().Be(3);
        error.Message.Should().Be("rebalance 2024-06-21: infeasible weighting: all names has 3 eligible name(s) with a cap of 0.1, which can hold at most 0.3, less than its budget of 1");
    }

    [Fact]
    public void Equal_weights_without_a_stock_cap_or_exactly_at_it_are_feasible()
    {
        var none = TargetWeights.Compute(WeightingRules.Default with { Scheme = WeightingScheme.Equal, StockCap = null }, [Theme.Compute, Theme.Cloud, Theme.Edge], [1, 2, 3], Context);
        var exact = TargetWeights.Compute(WeightingRules.Default with { Scheme = WeightingScheme.Equal, StockCap = 0.25 }, [Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Edge], [1, 2, 3, 4], Context);

        none.Weights.Should().Equal([1.0 / 3, 1.0 / 3, 1.0 / 3]);
        exact.Weights.Should().Equal([0.25, 0.25, 0.25, 0.25]);
    }

    [Fact]
    public void Relaxed_weighting_records_every_infeasible_theme_and_still_returns_weights_that_sum_to_one()
    {
        // edge has no member at all, interconnect one name under a 10 % cap for a 15 % budget, compute is fine.
        Theme[] themes = [Theme.Compute, Theme.Compute, Theme.Compute, Theme.Cloud, Theme.Cloud, Theme.Cloud, Theme.Interconnect, Theme.Software];
        double[] caps = [5, 4, 3, 5, 4, 3, 2, 1];
        var problems = new List<InfeasibleWeightingException>();

        var strict = () => TargetWeights.Compute(WeightingRules.Default, themes, caps, Context);
        var relaxed = TargetWeights.Compute(WeightingRules.Default, themes, caps, Context, problems);

        strict.Should().Throw<InfeasibleWeightingException>();
        problems.Select(p => p.Group).Should().Equal("edge", "interconnect");
        relaxed.Weights.Sum().Should().BeApproximately(1, 1e-12);
    }

    [Theory]
    [InlineData(WeightingScheme.ThemeBudget)]
    [InlineData(WeightingScheme.CappedMarketCap)]
    [InlineData(WeightingScheme.MarketCap)]
    [InlineData(WeightingScheme.Equal)]
    public void No_eligible_name_at_all_is_an_error(WeightingScheme scheme)
    {
        var rules = WeightingRules.Default with { Scheme = scheme };

        var act = () => TargetWeights.Compute(rules, [], [], Context);

        act.Should().Throw<InfeasibleWeightingException>().Which.Message.Should().StartWith(Context).And.Contain("no eligible member");
    }

    private static double ThemeSum(double[] weights, Theme[] themes, Theme theme)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += themes[i] == theme ? weights[i] : 0;
        }

        return sum;
    }
}
