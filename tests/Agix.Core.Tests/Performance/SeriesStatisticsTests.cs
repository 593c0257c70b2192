using static Agix.Tests.Performance.PerformanceData;

namespace Agix.Tests.Performance;

public sealed class SeriesStatisticsTests
{
    private static readonly double SqrtYear = Math.Sqrt(252);

    [Fact]
    public void Every_statistic_of_a_five_level_series_matches_the_hand_arithmetic()
    {
        // Returns r = +0.02, -0.01, +0.03, -0.02 (N = 4), levels 100 … 101.929212, 2 to 8 January 2024.
        var s = Statistics.Compute(FiveDates, SeriesA, riskFreeAnnual: 0);

        // 1.02 · 0.99 · 1.03 · 0.98 = 1.01929212.
        s.TotalReturn.Should().BeApproximately(0.01929212, Tolerance);
        // 6 calendar days: 1.01929212^(365.25 / 6) - 1 = 2.2002310811987…
        s.Cagr.Should().BeApproximately(Math.Pow(1.01929212, 365.25 / 6) - 1, Tolerance);
        s.Cagr.Should().BeApproximately(2.2002310811987, 1e-10);
        // mean 0.005; deviations ±0.015, ±0.025; Σ squares 0.0017; var = 0.0017 / 3;
        // vol = √(0.0017 / 3 · 252) = √0.1428 = 0.37788887…
        s.Volatility.Should().BeApproximately(Math.Sqrt(0.1428), Tolerance);
        // sharpe = 0.005 / √(0.0017 / 3) · √252 = 0.005 · 252 / √0.1428 = 1.26 / √0.1428 = 3.3343135…
        s.Sharpe.Should().BeApproximately(1.26 / Math.Sqrt(0.1428), Tolerance);
        // downside: min(r, 0)² = 0, 0.0001, 0, 0.0004; mean over all 4 = 0.000125;
        // sortino = 0.005 · √252 / √0.000125 = √(252 · 0.000025 / 0.000125) = √50.4 = 7.0992957…
        s.Sortino.Should().BeApproximately(Math.Sqrt(50.4), Tolerance);
        // running high 100, 102, 102, 104.0094, 104.0094; drawdowns 0, 0, -0.01, 0, -0.02.
        s.MaxDrawdown.Should().BeApproximately(-0.02, Tolerance);
        s.PeakDate.Should().Be(D("2024-01-05"));
        s.TroughDate.Should().Be(D("2024-01-08"));
        s.RecoveryDate.Should().BeNull();
        // calmar = cagr / 0.02.
        s.Calmar.Should().BeApproximately((Math.Pow(1.01929212, 365.25 / 6) - 1) / 0.02, 1e-10);
    }

    [Fact]
    public void The_annual_risk_free_rate_becomes_a_compounded_daily_rate()
    {
        // rf_d = 1.05^(1/252) - 1 = 0.000193630506…, and compounding it over 252 days gives back 5 %.
        var daily = Statistics.DailyRiskFree(0.05);

        daily.Should().BeApproximately(Math.Pow(1.05, 1.0 / 252) - 1, 1e-18);
        daily.Should().BeApproximately(0.000193630506544, 1e-15);
        Math.Pow(1 + daily, 252).Should().BeApproximately(1.05, 1e-12);
        Statistics.DailyRiskFree(0).Should().Be(0);
    }

    [Fact]
    public void The_risk_free_rate_lowers_Sharpe_and_Sortino_and_leaves_the_rest_unchanged()
    {
        var rf = Math.Pow(1.05, 1.0 / 252) - 1;

        var s = Statistics.Compute(FiveDates, SeriesA, riskFreeAnnual: 0.05);

        // The standard deviation does not move with a constant shift: sharpe = (0.005 - rf_d) / √(0.0017 / 3) · √252.
        s.Sharpe.Should().BeApproximately((0.005 - rf) / Math.Sqrt(0.0017 / 3) * SqrtYear, Tolerance);
        // Excess returns 0.02 - rf_d, -0.01 - rf_d, 0.03 - rf_d, -0.02 - rf_d: the downside is the 2nd and 4th.
        var downside = Math.Sqrt((Math.Pow(0.01 + rf, 2) + Math.Pow(0.02 + rf, 2)) / 4);
        s.Sortino.Should().BeApproximately((0.005 - rf) * SqrtYear / downside, Tolerance);
        s.Volatility.Should().BeApproximately(Math.Sqrt(0.1428), Tolerance);
        s.MaxDrawdown.Should().BeApproximately(-0.02, Tolerance);
    }

    [Fact]
    public void A_constant_series_has_zero_volatility_and_no_drawdown_and_undefined_ratios()
    {
        var s = Statistics.Compute(FiveDates, [100.0, 100, 100, 100, 100], riskFreeAnnual: 0);

        s.TotalReturn.Should().Be(0);
        s.Cagr.Should().Be(0);
        s.Volatility.Should().Be(0);
        s.Sharpe.Should().Be(double.NaN);
        s.Sortino.Should().Be(double.NaN);
        s.MaxDrawdown.Should().Be(0);
        s.PeakDate.Should().BeNull();
        s.TroughDate.Should().BeNull();
        s.RecoveryDate.Should().BeNull();
        s.Calmar.Should().Be(double.NaN);
    }

    [Fact]
    public void Excess_returns_that_are_all_equal_have_an_undefined_Sharpe_ratio_and_a_defined_Sortino_ratio()
    {
        // A constant series with a risk-free rate: every excess return is -rf_d.
        var s = Statistics.Compute(FiveDates, [0.1, 0.1, 0.1, 0.1, 0.1], riskFreeAnnual: 0.013);

        s.Volatility.Should().Be(0);
        s.Sharpe.Should().Be(double.NaN);
        // Every excess return is -rf_d < 0: Sortino = -rf_d · √252 / rf_d = -√252.
        s.Sortino.Should().BeApproximately(-SqrtYear, Tolerance);
    }

    [Fact]
    public void Identical_returns_have_a_variance_of_exactly_zero_despite_rounding()
    {
        // 20 returns of exactly the same double (0.127 compounded from 1): the running-sum variance formula leaves
        // a residue of about 2.6e-34 here, which would make the Sharpe ratio about 1e17 instead of undefined.
        var levels = Levels(1, Enumerable.Repeat(0.127, 20).ToArray());
        var dates = TradingDays(D("2024-01-02"), 21);
        Statistics.Returns(levels).Distinct().Should().ContainSingle();

        var s = Statistics.Compute(dates, levels, riskFreeAnnual: 0);

        s.Volatility.Should().Be(0);
        s.Sharpe.Should().Be(double.NaN);
        s.Sortino.Should().Be(double.NaN);
    }

    [Fact]
    public void A_single_return_leaves_the_standard_deviation_based_statistics_undefined()
    {
        // One return of +1 % over one calendar day.
        var s = Statistics.Compute(Dates("2024-01-02", "2024-01-03"), [100.0, 101], riskFreeAnnual: 0);

        s.TotalReturn.Should().BeApproximately(0.01, Tolerance);
        s.Cagr.Should().BeApproximately(Math.Pow(1.01, 365.25) - 1, 1e-9);
        s.Volatility.Should().Be(double.NaN);
        s.Sharpe.Should().Be(double.NaN);
        s.Sortino.Should().Be(double.NaN); // no downside
        s.MaxDrawdown.Should().Be(0);
        s.Calmar.Should().Be(double.NaN);
    }

    [Fact]
    public void A_single_negative_return_has_a_Sortino_ratio_because_it_needs_no_standard_deviation()
    {
        // mean = -0.01; downside √(0.01² / 1) = 0.01; sortino = -0.01 · √252 / 0.01 = -√252.
        var s = Statistics.Compute(Dates("2024-01-02", "2024-01-03"), [100.0, 99], riskFreeAnnual: 0);

        s.Sortino.Should().BeApproximately(-SqrtYear, Tolerance);
        s.Sharpe.Should().Be(double.NaN);
        s.MaxDrawdown.Should().BeApproximately(-0.01, Tolerance);
    }

    [Fact]
    public void A_single_level_has_a_zero_total_return_and_an_undefined_CAGR()
    {
        var s = Statistics.Compute(Dates("2024-01-02"), [100.0], riskFreeAnnual: 0);

        s.TotalReturn.Should().Be(0);
        s.Cagr.Should().Be(double.NaN); // 0 calendar days
        s.Volatility.Should().Be(double.NaN);
        s.Sharpe.Should().Be(double.NaN);
        s.Sortino.Should().Be(double.NaN);
        s.MaxDrawdown.Should().Be(0);
        s.Calmar.Should().Be(double.NaN);
    }

    [Fact]
    public void Only_negative_returns_draw_down_from_the_start_and_never_recover()
    {
        // r = -0.01, -0.02, -0.03: levels 100, 99, 97.02, 94.1094 on 2 to 5 January 2024 (3 calendar days).
        var dates = Dates("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05");

        var s = Statistics.Compute(dates, Levels(100, -0.01, -0.02, -0.03), riskFreeAnnual: 0);

        // mean -0.02; deviations 0.01, 0, -0.01; var = 0.0002 / 2 = 0.0001; sd = 0.01.
        s.TotalReturn.Should().BeApproximately(-0.058906, Tolerance);
        s.Volatility.Should().BeApproximately(0.01 * SqrtYear, Tolerance);
        // sharpe = -0.02 / 0.01 · √252 = -2√252.
        s.Sharpe.Should().BeApproximately(-2 * SqrtYear, Tolerance);
        // downside: (0.0001 + 0.0004 + 0.0009) / 3 = 0.0014 / 3; sortino = -0.02 · √252 / √(0.0014 / 3).
        s.Sortino.Should().BeApproximately(-0.02 * SqrtYear / Math.Sqrt(0.0014 / 3), Tolerance);
        // The start level counts as the running high: 94.1094 / 100 - 1.
        s.MaxDrawdown.Should().BeApproximately(-0.058906, Tolerance);
        s.PeakDate.Should().Be(D("2024-01-02"));
        s.TroughDate.Should().Be(D("2024-01-05"));
        s.RecoveryDate.Should().BeNull();
        var cagr = Math.Pow(0.941094, 365.25 / 3) - 1;
        s.Cagr.Should().BeApproximately(cagr, Tolerance);
        s.Calmar.Should().BeApproximately(cagr / 0.058906, Tolerance);
    }

    [Fact]
    public void The_drawdown_peak_is_the_first_date_the_running_high_was_reached_when_it_is_touched_twice()
    {
        // 100, 95, 100 (the high touched again), 90, 101: the deepest drawdown runs from the first 100.
        var s = Statistics.Compute(FiveDates, [100.0, 95, 100, 90, 101], riskFreeAnnual: 0);

        s.MaxDrawdown.Should().BeApproximately(-0.1, Tolerance);
        s.PeakDate.Should().Be(D("2024-01-02"));
        s.TroughDate.Should().Be(D("2024-01-05"));
        s.RecoveryDate.Should().Be(D("2024-01-08"));
    }

    [Fact]
    public void A_recovery_to_exactly_the_peak_level_counts()
    {
        var s = Statistics.Compute(FiveDates, [100.0, 104, 95, 104, 103], riskFreeAnnual: 0);

        s.MaxDrawdown.Should().BeApproximately((95.0 / 104) - 1, Tolerance);
        s.PeakDate.Should().Be(D("2024-01-03"));
        s.TroughDate.Should().Be(D("2024-01-04"));
        s.RecoveryDate.Should().Be(D("2024-01-05"));
    }

    [Fact]
    public void Volatility_Sharpe_Sortino_and_maximum_drawdown_agree_with_plain_loops_on_a_pseudo_random_series()
    {
        const double rfAnnual = 0.03;
        var returns = PseudoRandomReturns(29, seed: 20221130, drift: 0.001);
        var levels = Levels(1000, returns);
        var dates = TradingDays(D("2022-11-30"), 30);

        var s = Statistics.Compute(dates, levels, rfAnnual);

        // Independent arithmetic with plain loops, from the levels.
        var n = levels.Length - 1;
        var r = new double[n];
        for (var t = 1; t <= n; t++)
        {
            r[t - 1] = (levels[t] / levels[t - 1]) - 1;
        }

        var rf = Math.Pow(1 + rfAnnual, 1.0 / 252) - 1;
        double sumR = 0, sumX = 0;
        for (var t = 0; t < n; t++)
        {
            sumR += r[t];
            sumX += r[t] - rf;
        }

        double meanR = sumR / n, meanX = sumX / n;
        double ssR = 0, ssX = 0, down = 0;
        for (var t = 0; t < n; t++)
        {
            ssR += (r[t] - meanR) * (r[t] - meanR);
            ssX += (r[t] - rf - meanX) * (r[t] - rf - meanX);
            var d = Math.Min(r[t] - rf, 0);
            down += d * d;
        }

        var volatility = Math.Sqrt(ssR / (n - 1)) * Math.Sqrt(252);
        var sharpe = meanX / Math.Sqrt(ssX / (n - 1)) * Math.Sqrt(252);
        var sortino = meanX * Math.Sqrt(252) / Math.Sqrt(down / n);

        double high = levels[0], maxDrawdown = 0;
        int peak = 0, highIndex = 0, trough = 0;
        for (var t = 0; t <= n; t++)
        {
            if (levels[t] > high)
            {
                high = levels[t];
                highIndex = t;
            }

            var dd = (levels[t] / high) - 1;
            if (dd < maxDrawdown)
            {
                maxDrawdown = dd;
                trough = t;
                peak = highIndex;
            }
        }

        s.Volatility.Should().BeApproximately(volatility, Tolerance);
        s.Sharpe.Should().BeApproximately(sharpe, Tolerance);
        s.Sortino.Should().BeApproximately(sortino, Tolerance);
        s.MaxDrawdown.Should().BeApproximately(maxDrawdown, Tolerance);
        maxDrawdown.Should().BeNegative();
        s.PeakDate.Should().Be(dates[peak]);
        s.TroughDate.Should().Be(dates[trough]);
    }

    [Fact]
    public void Inputs_that_cannot_be_a_level_series_are_rejected()
    {
        var tooFewDates = () => Statistics.Compute(FiveDates[..4], SeriesA, 0);
        var empty = () => Statistics.Compute([], ReadOnlySpan<double>.Empty, 0);
        var descending = () => Statistics.Compute(Dates("2024-01-03", "2024-01-02"), [100.0, 101], 0);
        var zeroLevel = () => Statistics.Compute(Dates("2024-01-02", "2024-01-03"), [100.0, 0], 0);
        var nanLevel = () => Statistics.Compute(Dates("2024-01-02", "2024-01-03"), [100.0, double.NaN], 0);
        var badRate = () => Statistics.Compute(FiveDates, SeriesA, -1);

        tooFewDates.Should().Throw<ArgumentException>();
        empty.Should().Throw<ArgumentException>();
        descending.Should().Throw<ArgumentException>().WithMessage("*ascending*");
        zeroLevel.Should().Throw<ArgumentException>().WithMessage("*positive and finite*");
        nanLevel.Should().Throw<ArgumentException>();
        badRate.Should().Throw<ArgumentOutOfRangeException>();
    }
}
