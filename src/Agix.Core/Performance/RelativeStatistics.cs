namespace Agix;

/// <summary>
/// The statistics of a series against a benchmark on the same dates, from their N daily simple returns r (series)
/// and b (benchmark). The daily risk-free rate is <c>rf_d = (1 + rf)^(1/252) - 1</c> for an annual rate rf; sample
/// moments use the N - 1 denominator. Every figure is a fraction. An undefined statistic is
/// <see cref="double.NaN"/>, never 0.
/// </summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record RelativeStatistics
{
    internal RelativeStatistics(double beta, double alpha, double correlation, double trackingError, double informationRatio, double upCapture, double downCapture)
    {
        Beta = beta;
        Alpha = alpha;
        Correlation = correlation;
        TrackingError = trackingError;
        InformationRatio = informationRatio;
        UpCapture = upCapture;
        DownCapture = downCapture;
    }

    /// <summary>/// <c>cov(r, b) / var(b)</c>, sample covariance over sample variance. NaN when undefined (fewer than 2 returns, or a benchmark of zero variance). </summary>
    public double Beta { get; init; }

    /// <summary>/// The annualised Jensen alpha <c>(mean(r - rf_d) - Beta · mean(b - rf_d)) · 252</c>. NaN when undefined (Beta NaN). </summary>
    public double Alpha { get; init; }

    /// <summary>/// The Pearson correlation of r and b, <c>cov(r, b) / (sd(r) · sd(b))</c>, held within [-1, 1]. NaN when undefined (fewer than 2 returns, or either series of zero variance). </summary>
    public double Correlation { get; init; }

    /// <summary>/// <c>sd(r - b) · √252</c>, sd the sample standard deviation. 0 when the returns are identical; NaN when undefined (fewer than 2 returns). </summary>
    public double TrackingError { get; init; }

    /// <summary>/// The annualised information ratio <c>mean(r - b) · 252 / TrackingError</c>. NaN when undefined (TrackingError NaN or 0). </summary>
    public double InformationRatio { get; init; }

    /// <summary>/// On calendar-month returns (partial months included): the geometric mean monthly return of the series over the months in which the benchmark rose, divided by the benchmark's geometric mean monthly return over the same months; the geometric mean monthly return of x_1 … x_n is <c>(Π (1 + x_i))^(1/n) - 1</c>. NaN when undefined (no such month, or a benchmark mean of 0). </summary>
    public double UpCapture { get; init; }

    /// <summary>/// As <see cref="UpCapture"/>, over the months in which the benchmark fell. A month in which the benchmark is exactly flat is neither up nor down. NaN when undefined (no such month, or a benchmark mean of 0). </summary>
    public double DownCapture { get; init; }
}
