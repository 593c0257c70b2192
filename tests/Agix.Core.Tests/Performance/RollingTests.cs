using static Agix.Tests.Performance.PerformanceData;

namespace Agix.Tests.Performance;

public sealed class RollingTests
{
    [Fact]
    public void Rolling_volatility_and_beta_over_two_returns_match_the_hand_arithmetic()
    {
        // r = +0.02, -0.01, +0.03, -0.02; b = +0.01, -0.01, +0.02, -0.01. With two returns the sample variance is
        // (x1 - x2)² / 2 and the covariance (x1 - x2)(y1 - y2) / 2.
        var (volatility, beta) = Statistics.Rolling(SeriesA, BenchmarkB, window: 2);

        volatility.Should().HaveCount(5);
        beta.Should().HaveCount(5);
        volatility[..2].Should().AllSatisfy(v => v.Should().Be(double.NaN));
        beta[..2].Should().AllSatisfy(v => v.Should().Be(double.NaN));
        // Level 2: r 0.02, -0.01 → sd = 0.03 / √2, vol = 0.03 · √126; b 0.01, -0.01 → beta = 0.03 · 0.02 / 0.02² = 1.5.
        volatility[2].Should().BeApproximately(0.03 * Math.Sqrt(126), Tolerance);
        beta[2].Should().BeApproximately(1.5, Tolerance);
        // Level 3: r -0.01, 0.03; b -0.01, 0.02 → vol = 0.04 · √126, beta = 0.04 / 0.03 = 4/3.
        volatility[3].Should().BeApproximately(0.04 * Math.Sqrt(126), Tolerance);
        beta[3].Should().BeApproximately(4.0 / 3, Tolerance);
        // Level 4: r 0.03, -0.02; b 0.02, -0.01 → vol = 0.05 · √126, beta = 0.05 / 0.03 = 5/3.
        volatility[4].Should().BeApproximately(0.05 * Math.Sqrt(126), Tolerance);
        beta[4].Should().BeApproximately(5.0 / 3, Tolerance);
    }

    [Fact]
    public void The_last_rolling_values_equal_the_statistics_of_the_last_window()
    {
        var dates = TradingDays(D("2023-01-03"), 200);
        var levels = Levels(100, PseudoRandomReturns(199, seed: 5));
        var benchmark = Levels(100, PseudoRandomReturns(199, seed: 6));

        var (volatility, beta) = Statistics.Rolling(levels, benchmark);

        volatility.Take(126).Should().AllSatisfy(v => v.Should().Be(double.NaN));
        volatility.Skip(126).Should().AllSatisfy(v => v.Should().BePositive());
        var window = Range.StartAt(200 - 127);
        var last = Statistics.Compute(dates[window], levels.AsSpan(window), 0);
        var lastRelative = Statistics.Relative(dates[window], levels.AsSpan(window), benchmark.AsSpan(window), 0);
        volatility[^1].Should().BeApproximately(last.Volatility, Tolerance);
        beta[^1].Should().BeApproximately(lastRelative.Beta, Tolerance);
    }

    [Fact]
    public void A_flat_benchmark_window_has_an_undefined_beta()
    {
        var (volatility, beta) = Statistics.Rolling(SeriesA, [100.0, 100, 100, 101, 102], window: 2);

        beta[2].Should().Be(double.NaN);
        beta[3].Should().BeApproximately(0.04 * 0.01 / (0.01 * 0.01), 1e-9); // r -0.01, 0.03; b 0, 0.01
        volatility[2].Should().BeApproximately(0.03 * Math.Sqrt(126), Tolerance);
    }

    [Fact]
    public void A_window_below_two_returns_is_rejected()
    {
        var act = () => Statistics.Rolling(SeriesA, BenchmarkB, window: 1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
