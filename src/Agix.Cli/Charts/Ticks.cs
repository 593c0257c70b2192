using System.Globalization;
using ScottPlot.TickGenerators;

namespace Agix.Cli.Charts;

/// <summary>Tick generators with labels a reader can take in at a glance.</summary>
internal static class Ticks
{
    private static readonly int[] MonthSteps = [1, 2, 3, 6, 12, 24, 60];

    private static readonly double[][] LogMantissas =
    [
        [1],
        [1, 2, 5],
        [1, 2, 3, 5],
        [1, 2, 3, 4, 5, 6, 8],
        [1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9],
    ];

    /// <summary>
    /// Month-start ticks between <paramref name="first"/> and <paramref name="last"/>, at most about
    /// <paramref name="maxMajor"/> labelled ones ("yyyy-MM", or "yyyy" when a year apart), every month a
    /// minor tick. Without <paramref name="labels"/> the major ticks carry no text (for a panel that
    /// shares the date axis of the panel below it). A span without a month start gets its two ends
    /// labelled ("yyyy-MM-dd").
    /// </summary>
    public static DateTimeManual Dates(DateTime first, DateTime last, int maxMajor, bool labels)
    {
        var months = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        var step = MonthSteps.FirstOrDefault(s => months / s <= maxMajor, MonthSteps[^1]);
        var ticks = new DateTimeManual();
        var majors = 0;
        for (var m = new DateTime(first.Year, first.Month, 1, 0, 0, 0, DateTimeKind.Unspecified); m <= last; m = m.AddMonths(1))
        {
            if (m < first)
            {
                continue;
            }

            if ((m.Month - 1) % Math.Min(step, 12) == 0 && (step <= 12 || m.Year % (step / 12) == 0))
            {
                var text = step >= 12 ? m.ToString("yyyy", CultureInfo.InvariantCulture) : m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                ticks.AddMajor(m, labels ? text : string.Empty);
                majors++;
            }
            else if (step < 24)
            {
                ticks.AddMinor(m);
            }
        }

        if (majors == 0)
        {
            // A span inside one month has no month start to mark: label its ends instead.
            ticks.AddMajor(first, labels ? first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
            if (last > first)
            {
                ticks.AddMajor(last, labels ? last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
            }
        }

        return ticks;
    }

    /// <summary>
    /// Ticks for an axis that plots log10 of the values between <paramref name="logMin"/> and
    /// <paramref name="logMax"/>, placed at round values (the finest of 1, 1-2-5, 1-2-3-5, ... that gives
    /// at most <paramref name="maxMajor"/>) and labelled with the values themselves ("1000", "2000", not
    /// "10³"), every integer multiple of a power of ten a minor tick.
    /// </summary>
    public static NumericManual Log10(double logMin, double logMax, int maxMajor = 10)
    {
        var lowDecade = (int)Math.Floor(logMin);
        var highDecade = (int)Math.Ceiling(logMax);

        // The finest set of round values that still gives at most maxMajor labels; over many decades
        // even the powers of ten alone may be more, and then every other one is labelled.
        double[] majors = [];
        for (var i = LogMantissas.Length - 1; i >= 0; i--)
        {
            majors = Candidates(LogMantissas[i], lowDecade, highDecade, logMin, logMax);
            if (majors.Length <= maxMajor)
            {
                break;
            }
        }

        while (majors.Length > maxMajor)
        {
            majors = [.. majors.Where((_, k) => k % 2 == 0)];
        }

        var ticks = new NumericManual();
        foreach (var value in majors)
        {
            ticks.AddMajor(Math.Log10(value), Number(value));
        }

        foreach (var value in Candidates([1, 2, 3, 4, 5, 6, 7, 8, 9], lowDecade, highDecade, logMin, logMax))
        {
            if (!majors.Contains(value))
            {
                ticks.AddMinor(Math.Log10(value));
            }
        }

        return ticks;
    }

    /// <summary>A level as a plain number: no exponent, no thousands separator, decimals only when small.</summary>
    public static string Number(double value) =>
        Math.Abs(value) >= 100 || value == Math.Round(value)
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A value label with one decimal ("12.3%", "-4.0%") for a value already in percent.</summary>
    public static string PercentOneDecimal(double percent) =>
        (Math.Abs(percent) < 0.05 ? 0 : percent).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentage axis label ("-20%") for a value already in percent.</summary>
    public static string Percent(double percent) =>
        (Math.Abs(percent) < 1e-9 ? 0 : percent).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static double[] Candidates(double[] mantissas, int lowDecade, int highDecade, double logMin, double logMax)
    {
        var values = new List<double>();
        for (var d = lowDecade; d <= highDecade; d++)
        {
            foreach (var m in mantissas)
            {
                var value = Math.Round(m * Math.Pow(10, d), Math.Clamp(2 - d, 0, 15));
                var log = Math.Log10(value);
                if (log >= logMin - 1e-12 && log <= logMax + 1e-12)
                {
                    values.Add(value);
                }
            }
        }

        return [.. values];
    }
}
