using static Agix.Tests.Performance.PerformanceData;

namespace Agix.Tests.Performance;

public sealed class RelativeStatisticsTests
{
    [Fact]
    public void Every_relative_statistic_of_a_five_level_pair_matches_the_hand_arithmetic()
    {
        // r = +0.02, -0.01, +0.03, -0.02 (mean 0.005); b = +0.01, -0.01, +0.02, -0.01 (mean 0.0025).
        var s = Statistics.Relative(FiveDates, SeriesA, BenchmarkB, riskFreeAnnual: 0);

        // Deviations r: 0.015, -0.015, 0.025, -0.025; b: 0.0075, -0.0125, 0.0175, -0.0125.
        // Σ products = 0.0001125 + 0.0001875 + 0.0004375 + 0.0003125 = 0.00105 → cov = 0.00035;
        // Σ b squares = 0.000675 → var b = 0.000225; beta = 0.00035 / 0.000225 = 14/9.
        s.Beta.Should().BeApproximately(14.0 / 9, Tolerance);
        // alpha = (0.005 - 14/9 · 0.0025) · 252 = (0.01 / 9) · 252 = 0.28.
        s.Alpha.Should().BeApproximately(0.28, Tolerance);
        // correlation = 0.00105 / √(0.0017 · 0.000675) = 0.98019605…
        s.Correlation.Should().BeApproximately(0.00105 / Math.Sqrt(0.0017 * 0.000675), Tolerance);
        // r - b = 0.01, 0, 0.01, -0.01 (mean 0.0025); deviations 0.0075, -0.0025, 0.0075, -0.0125;
        // Σ squares 0.000275; TE = √(0.000275 / 3 · 252) = √0.0231 = 0.15198684…
        s.TrackingError.Should().BeApproximately(Math.Sqrt(0.0231), Tolerance);
        // IR = 0.0025 · 252 / √0.0231 = 0.63 / √0.0231 = 4.1450957…
        s.InformationRatio.Should().BeApproximately(0.63 / Math.Sqrt(0.0231), Tolerance);
        // One (partial) month, January 2024: the benchmark rose 1.00969902 - 1, the series 1.01929212 - 1.
        s.UpCapture.Should().BeApproximately(0.01929212 / 0.00969902, 1e-10);
        // No month in which the benchmark fell.
        s.DownCapture.Should().Be(double.NaN);
    }

    [Fact]
    public void Alpha_subtracts_the_daily_risk_free_rate_from_both_series()
    {
        var rf = Math.Pow(1.05, 1.0 / 252) - 1;

        var s = Statistics.Relative(FiveDates, SeriesA, BenchmarkB, riskFreeAnnual: 0.05);

        // alpha = (0.005 - rf_d - 14/9 · (0.0025 - rf_d)) · 252; beta does not depend on rf.
        s.Alpha.Should().BeApproximately((0.005 - rf - (14.0 / 9 * (0.0025 - rf))) * 252, Tolerance);
        s.Beta.Should().BeApproximately(14.0 / 9, Tolerance);
    }

    [Fact]
    public void Capture_ratios_use_geometric_mean_monthly_returns_and_skip_a_flat_benchmark_month()
    {
        // Month ends of 2024 (28 March: Good Friday closed the exchange on the 29th).
        var dates = Dates("2024-01-31", "2024-02-29", "2024-03-28", "2024-04-30", "2024-05-31");
        // Series: Feb +4 %, Mar -2 %, Apr +1 %, May -3 %. Benchmark: Feb +2 %, Mar -1 %, Apr exactly flat, May -2 %.
        var series = Levels(100, 0.04, -0.02, 0.01, -0.03);
        double[] benchmark = [100, 102, 100.98, 100.98, 100.98 * 0.98];

        var s = Statistics.Relative(dates, series, benchmark, riskFreeAnnual: 0);

        // Up: February only, 0.04 / 0.02 = 2.
        s.UpCapture.Should().BeApproximately(2, 1e-12);
        // Down: March and May (April is neither): (√(0.98 · 0.97) - 1) / (√(0.99 · 0.98) - 1) = 1.666…
        var down = (Math.Sqrt(0.98 * 0.97) - 1) / (Math.Sqrt(0.99 * 0.98) - 1);
        s.DownCapture.Should().BeApproximately(down, 1e-12);
        // Had April counted as down, the ratio would differ: ((0.98 · 1.01 · 0.97)^(1/3) - 1) / ((0.99 · 0.98)^(1/3) - 1).
        var withApril = (Math.Cbrt(0.98 * 1.01 * 0.97) - 1) / (Math.Cbrt(0.99 * 0.98) - 1);
        s.DownCapture.Should().NotBeApproximately(withApril, 1e-3);
    }

    [Fact]
    public void Capture_ratios_count_partial_months()
    {
        // From Wednesday 27 December 2023 to Friday 5 January 2024: two partial months.
        var dates = Dates("2023-12-27", "2023-12-29", "2024-01-03", "2024-01-05");
        double[] series = [100, 103, 102, 101];
        double[] benchmark = [100, 101, 100, 99];

        var s = Statistics.Relative(dates, series, benchmark, riskFreeAnnual: 0);

        // December: series +3 %, benchmark +1 %; January (from the 29 December close): series 101/103 - 1,
        // benchmark 99/101 - 1.
        s.UpCapture.Should().BeApproximately(0.03 / 0.01, 1e-12);
        s.DownCapture.Should().BeApproximately(((101.0 / 103) - 1) / ((99.0 / 101) - 1), 1e-12);
    }

    [Fact]
    public void A_single_return_leaves_every_moment_based_relative_statistic_undefined()
    {
        var s = Statistics.Relative(Dates("2024-01-02", "2024-01-03"), [100.0, 101], [100.0, 102], riskFreeAnnual: 0);

        s.Beta.Should().Be(double.NaN);
        s.Alpha.Should().Be(double.NaN);
        s.Correlation.Should().Be(double.NaN);
        s.TrackingError.Should().Be(double.NaN);
        s.InformationRatio.Should().Be(double.NaN);
        s.UpCapture.Should().BeApproximately(0.01 / 0.02, 1e-12);
        s.DownCapture.Should().Be(double.NaN);
    }

    [Fact]
    public void A_constant_benchmark_has_undefined_beta_correlation_and_capture_ratios()
    {
        var s = Statistics.Relative(FiveDates, SeriesA, [100.0, 100, 100, 100, 100], riskFreeAnnual: 0);

        s.Beta.Should().Be(double.NaN);
        s.Alpha.Should().Be(double.NaN);
        s.Correlation.Should().Be(double.NaN);
        // r - b = r: the tracking error is the volatility.
        s.TrackingError.Should().BeApproximately(Math.Sqrt(0.1428), Tolerance);
        s.UpCapture.Should().Be(double.NaN);
        s.DownCapture.Should().Be(double.NaN);
    }

    [Fact]
    public void A_series_against_itself_has_beta_one_and_zero_tracking_error_and_an_undefined_information_ratio()
    {
        var s = Statistics.Relative(FiveDates, SeriesA, SeriesA, riskFreeAnnual: 0.02);

        s.Beta.Should().BeApproximately(1, Tolerance);
        s.Alpha.Should().BeApproximately(0, Tolerance);
        s.Correlation.Should().BeApproximately(1, Tolerance);
        s.Correlation.Should().BeLessThanOrEqualTo(1);
        s.TrackingError.Should().Be(0);
        s.InformationRatio.Should().Be(double.NaN);
        s.UpCapture.Should().BeApproximately(1, Tolerance);
    }

    [Fact]
    public void Beta_and_correlation_agree_with_plain_loops_on_a_pseudo_random_pair()
    {
        var r = PseudoRandomReturns(40, seed: 7);
        var noise = PseudoRandomReturns(40, seed: 11);
        var b = r.Select((x, t) => (0.8 * x) + (0.5 * noise[t])).ToArray();
        var dates = TradingDays(D("2024-01-02"), 41);

        var s = Statistics.Relative(dates, Levels(100, r), Levels(100, b), riskFreeAnnual: 0);

        // Recompute the returns from the levels, as the library does, then the moments with plain loops.
        var lr = Levels(100, r);
        var lb = Levels(100, b);
        var n = 40;
        double mr = 0, mb = 0;
        var rr = new double[n];
        var bb = new double[n];
        for (var t = 0; t < n; t++)
        {
            rr[t] = (lr[t + 1] / lr[t]) - 1;
            bb[t] = (lb[t + 1] / lb[t]) - 1;
            mr += rr[t] / n;
            mb += bb[t] / n;
        }

        double cov = 0, vr = 0, vb = 0;
        for (var t = 0; t < n; t++)
        {
            cov += (rr[t] - mr) * (bb[t] - mb);
            vr += (rr[t] - mr) * (rr[t] - mr);
            vb += (bb[t] - mb) * (bb[t] - mb);
        }

        s.Beta.Should().BeApproximately(cov / vb, Tolerance);
        s.Correlation.Should().BeApproximately(cov / Math.Sqrt(vr * vb), Tolerance);
        s.Alpha.Should().BeApproximately((mr - (cov / vb * mb)) * 252, 1e-10);
    }

    [Fact]
    public void A_benchmark_of_another_length_is_rejected()
    {
        var act = () => Statistics.Relative(FiveDates, SeriesA, BenchmarkB.AsSpan(0, 4), 0);

        act.Should().Throw<ArgumentException>().WithParameterName("benchmarkLevels");
    }
}
