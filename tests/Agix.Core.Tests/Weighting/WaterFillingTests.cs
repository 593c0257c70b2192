using Agix.Weighting;

namespace Agix.Tests.Weighting;

public sealed class WaterFillingTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Excess_weight_goes_to_the_uncapped_names_pro_rata()
    {
        var weights = WaterFilling.Cap([3000, 2500, 1200, 800, 300, 200], total: 1.0, cap: 0.20, "all names");

        weights.Should().Equal([0.20, 0.20, 0.20, 0.20, 0.12, 0.08], Close);
    }

    [Fact]
    public void A_cap_too_small_for_the_total_is_an_error_naming_the_group_count_cap_and_budget()
    {
        var act = () => WaterFilling.Cap([3000, 2500, 1200, 800, 300, 200], total: 1.0, cap: 0.10, "compute");

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Group.Should().Be("compute");
        error.Count.Should().Be(6);
        error.Cap.Should().Be(0.10);
        error.Budget.Should().Be(1.0);
        error.Message.Should().Contain("compute").And.Contain("6 eligible name(s)").And.Contain("cap of 0.1,").And.Contain("budget of 1");
    }

    [Fact]
    public void Two_large_names_are_capped_and_the_small_ones_share_the_rest()
    {
        var weights = WaterFilling.Cap([500, 500, 100, 100, 100, 100, 100], total: 1.0, cap: 0.25, "all names");

        weights.Should().Equal([0.25, 0.25, 0.10, 0.10, 0.10, 0.10, 0.10], Close);
    }

    [Fact]
    public void A_cap_of_one_over_n_gives_every_name_its_cap()
    {
        var weights = WaterFilling.Cap([50, 40, 30, 20, 10], total: 1.0, cap: 0.20, "all names");

        weights.Should().Equal([0.20, 0.20, 0.20, 0.20, 0.20], Close);
    }

    [Fact]
    public void Ten_names_capped_at_a_tenth_can_hold_exactly_one()
    {
        var weights = WaterFilling.Cap([9, 8, 7, 6, 5, 4, 3, 2, 1, 1], total: 1.0, cap: 0.10, "all names");

        weights.Should().AllSatisfy(w => w.Should().BeApproximately(0.10, Tolerance));
        weights.Sum().Should().BeApproximately(1.0, Tolerance);
    }

    [Fact]
    public void No_cap_gives_weights_proportional_to_market_cap()
    {
        var weights = WaterFilling.Cap([600, 300, 100], total: 0.5, cap: double.PositiveInfinity, "all names");

        weights.Should().Equal([0.30, 0.15, 0.05], Close);
    }

    [Fact]
    public void The_order_of_the_names_is_kept()
    {
        var weights = WaterFilling.Cap([300, 3000, 200, 2500, 800, 1200], total: 1.0, cap: 0.20, "all names");

        weights.Should().Equal([0.12, 0.20, 0.08, 0.20, 0.20, 0.20], Close);
    }

    [Fact]
    public void A_total_with_no_names_is_an_error_with_count_zero()
    {
        var act = () => WaterFilling.Cap([], total: 0.3, cap: 0.10, "edge");

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Count.Should().Be(0);
        error.Message.Should().Contain("edge").And.Contain("no eligible member");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_market_cap_that_is_not_positive_and_finite_is_rejected(double bad)
    {
        var act = () => WaterFilling.Cap([100, bad, 50], total: 1.0, cap: 0.5, "all names");

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_cap_that_is_not_positive_is_rejected(double bad)
    {
        var act = () => WaterFilling.Cap([100, 50], total: 1.0, cap: bad, "all names");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Per_name_caps_cap_each_name_at_its_own_cap()
    {
        // M = 0.5, 0.3, 0.2 with caps 0.3, 0.4, 0.4: the first is capped, 0.7 goes 0.42 / 0.28, so the second is capped too.
        var weights = WaterFilling.Cap([0.5, 0.3, 0.2], total: 1.0, caps: [0.3, 0.4, 0.4], "all themes");

        weights.Should().Equal([0.3, 0.4, 0.3], Close);
    }

    [Fact]
    public void Per_name_caps_that_cannot_hold_the_total_are_an_error()
    {
        var act = () => WaterFilling.Cap([0.5, 0.3, 0.2], total: 1.0, caps: [0.3, 0.3, 0.3], "all themes");

        var error = act.Should().Throw<InfeasibleWeightingException>().Which;
        error.Group.Should().Be("all themes");
        error.Count.Should().Be(3);
        error.Budget.Should().Be(1.0);
        (error.Count * error.Cap).Should().BeApproximately(0.9, Tolerance);
    }

    [Fact]
    public void Per_name_caps_must_match_the_names()
    {
        var act = () => WaterFilling.Cap([0.5, 0.5], total: 1.0, caps: [0.6], "all themes");

        act.Should().Throw<ArgumentException>();
    }

    private static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= Tolerance;
}
