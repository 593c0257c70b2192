namespace Agix.Weighting;

/// <summary>
/// The capping primitive: water-filling. Given positive market caps m_i, a total W and caps c_i, the weights are
/// <c>w_i = min(c_i, k · m_i)</c> with the unique k for which Σ w_i = W. This is the fixed point of the usual
/// iterative rule (cap the names above their cap, hand the excess to the uncapped names pro rata, repeat), computed
/// here in closed form in O(n log n). Weights are never renormalised silently: a total the caps cannot hold is an
/// <see cref="InfeasibleWeightingException"/>.
/// </summary>
internal static class WaterFilling
{
    /// <summary>
    /// The relative slack of the feasibility test, so that n · c = W computed in floating point (10 names at 0.1
    /// holding 1) is feasible and gives every name its cap.
    /// </summary>
    private const double FeasibilityTolerance = 1e-12;

    /// <summary>
    /// Water-fills <paramref name="total"/> over the names with one cap for all: <c>w_i = min(cap, k · m_i)</c>.
    /// </summary>
    /// <param name="marketCaps">The market caps; each positive and finite.</param>
    /// <param name="total">The total weight W to distribute; finite and at least 0.</param>
    /// <param name="cap">The cap per name; positive, or <see cref="double.PositiveInfinity"/> for plain pro rata weights.</param>
    /// <param name="group">The name of the group, used in error messages (a theme name, or "all names").</param>
    /// <returns>The weights, in the order of <paramref name="marketCaps"/>; they sum to <paramref name="total"/>.</returns>
    /// <exception cref="InfeasibleWeightingException">n · cap &lt; total, or there are no names and total &gt; 0.</exception>
    /// <exception cref="ArgumentException">A market cap, the total or the cap is out of range.</exception>
    public static double[] Cap(ReadOnlySpan<double> marketCaps, double total, double cap, string group)
    {
        if (double.IsNaN(cap) || cap <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "The cap must be positive.");
        }

        var caps = new double[marketCaps.Length];
        Array.Fill(caps, cap);
        return Fill(marketCaps, total, caps, marketCaps.Length * cap, cap, group);
    }

    /// <summary>
    /// Water-fills <paramref name="total"/> over the names with a cap per name: <c>w_i = min(c_i, k · m_i)</c>
    /// (used for the theme weights of the capped-market-cap scheme).
    /// </summary>
    /// <param name="marketCaps">The market caps (or raw weights); each positive and finite.</param>
    /// <param name="total">The total weight W to distribute; finite and at least 0.</param>
    /// <param name="caps">The cap of each name, in the order of <paramref name="marketCaps"/>; each positive, or <see cref="double.PositiveInfinity"/>.</param>
    /// <param name="group">The name of the group, used in error messages.</param>
    /// <returns>The weights, in the order of <paramref name="marketCaps"/>; they sum to <paramref name="total"/>.</returns>
    /// <exception cref="InfeasibleWeightingException">
    /// Σ c_i &lt; total, or there are no names and total &gt; 0. The exception's cap is the mean cap, so that
    /// count × cap is the capacity Σ c_i.
    /// </exception>
    /// <exception cref="ArgumentException">A market cap, a cap or the total is out of range, or the lengths differ.</exception>
    public static double[] Cap(ReadOnlySpan<double> marketCaps, double total, ReadOnlySpan<double> caps, string group)
    {
        if (caps.Length != marketCaps.Length)
        {
            throw new ArgumentException($"There are {caps.Length} caps for {marketCaps.Length} names.", nameof(caps));
        }

        var capacity = 0.0;
        foreach (var c in caps)
        {
            if (double.IsNaN(c) || c <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(caps), c, "Every cap must be positive.");
            }

            capacity += c;
        }

        var meanCap = caps.Length == 0 ? 0 : capacity / caps.Length;
        return Fill(marketCaps, total, caps, capacity, meanCap, group);
    }

    /// <summary>
    /// The closed form. Order the names by the level c_i / m_i at which they hit their cap (lowest first); the
    /// capped names are a prefix of that order. The first j for which the rest, filled pro rata with
    /// k = (W − Σ_{capped} c) / Σ_{rest} m, keeps its first name within its cap is the solution.
    /// </summary>
    private static double[] Fill(
        ReadOnlySpan<double> marketCaps, double total, ReadOnlySpan<double> caps, double capacity, double reportedCap, string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!double.IsFinite(total) || total < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "The total must be finite and at least 0.");
        }

        var n = marketCaps.Length;
        var order = new int[n];
        var levels = new double[n];
        for (var i = 0; i < n; i++)
        {
            var m = marketCaps[i];
            if (!double.IsFinite(m) || m <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(marketCaps), m, $"Every market cap of {group} must be positive and finite.");
            }

            order[i] = i;
            levels[i] = caps[i] / m;
        }

        if (total > 0 && (n == 0 || capacity < total * (1 - FeasibilityTolerance)))
        {
            throw new InfeasibleWeightingException(group, n, reportedCap, total);
        }

        Array.Sort(levels, order);

        // rest[j] = Σ m over the names from position j of the order on, summed from the smallest level back.
        var rest = new double[n + 1];
        for (var j = n - 1; j >= 0; j--)
        {
            rest[j] = rest[j + 1] + marketCaps[order[j]];
        }

        var weights = new double[n];
        var remaining = total;
        for (var j = 0; j < n; j++)
        {
            var first = order[j];
            var k = remaining / rest[j];
            if (k * marketCaps[first] <= caps[first])
            {
                for (var p = j; p < n; p++)
                {
                    weights[order[p]] = k * marketCaps[order[p]];
                }

                return weights;
            }

            weights[first] = caps[first];
            remaining -= caps[first];
        }

        // Every name is capped: the capacity equals the total within the feasibility tolerance.
        return weights;
    }
}
