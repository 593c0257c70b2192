using NodaTime;
using NodaTime.Text;

namespace Agix.Tests.Performance;

/// <summary>Short series whose statistics are worked out by hand in the tests.</summary>
internal static class PerformanceData
{
    public const double Tolerance = 1e-12;

    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static LocalDate[] Dates(params string[] iso) => [.. iso.Select(D)];

    /// <summary>Levels from a start level and daily returns: L_0 = start, L_t = L_(t-1) · (1 + r_t).</summary>
    public static double[] Levels(double start, params double[] returns)
    {
        var levels = new double[returns.Length + 1];
        levels[0] = start;
        for (var t = 0; t < returns.Length; t++)
        {
            levels[t + 1] = levels[t] * (1 + returns[t]);
        }

        return levels;
    }

    /// <summary>The five dates of series A and B: Tuesday 2 to Monday 8 January 2024, 6 calendar days.</summary>
    public static LocalDate[] FiveDates { get; } = Dates("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08");

    /// <summary>
    /// Series A: returns +2 %, -1 %, +3 %, -2 %; levels 100, 102, 100.98, 104.0094, 101.929212.
    /// </summary>
    public static double[] SeriesA { get; } = Levels(100, 0.02, -0.01, 0.03, -0.02);

    /// <summary>
    /// Benchmark B: returns +1 %, -1 %, +2 %, -1 %; levels 100, 101, 99.99, 101.9898, 100.969902.
    /// </summary>
    public static double[] BenchmarkB { get; } = Levels(100, 0.01, -0.01, 0.02, -0.01);

    /// <summary>Consecutive NYSE trading days from <paramref name="first"/>.</summary>
    public static LocalDate[] TradingDays(LocalDate first, int count)
    {
        var dates = new LocalDate[count];
        dates[0] = first;
        for (var t = 1; t < count; t++)
        {
            dates[t] = NyseCalendar.NextTradingDay(dates[t - 1]);
        }

        return dates;
    }

    /// <summary>
    /// Pseudo-random daily returns from a 64-bit linear congruential generator (Knuth's MMIX constants), uniform
    /// in [-2 %, +2 %) shifted by <paramref name="drift"/>; the same on every platform.
    /// </summary>
    public static double[] PseudoRandomReturns(int count, ulong seed, double drift = 0)
    {
        var r = new double[count];
        var x = seed;
        for (var t = 0; t < count; t++)
        {
            x = unchecked((6364136223846793005UL * x) + 1442695040888963407UL);
            var u = (x >> 11) * (1.0 / (1UL << 53));
            r[t] = ((u - 0.5) * 0.04) + drift;
        }

        return r;
    }
}
