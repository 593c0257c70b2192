namespace Agix.DemoData;

/// <summary>
/// PCG32 (XSH RR, 64-bit state, O'Neill 2014) with samplers built only from +, -, *, / and square roots, so the
/// same seed gives the same bits on every .NET version, operating system and processor. System.Random and the
/// Math logarithm are deliberately not used: their algorithms and last-bit accuracy may change between runtimes.
/// </summary>
internal sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private const double TwoPowMinus53 = 1.0 / 9007199254740992.0;

    private readonly ulong increment;
    private ulong state;

    /// <summary>Creates the generator for one named stream of a seed (streams of different names are independent).</summary>
    public Pcg32(ulong seed, string stream)
    {
        var mixer = seed ^ Fnv1a(stream);
        increment = (SplitMix64(ref mixer) << 1) | 1UL;
        state = 0;
        NextUInt32();
        state += SplitMix64(ref mixer);
        NextUInt32();
    }

    /// <summary>The next 32 uniformly distributed bits.</summary>
    public uint NextUInt32()
    {
        var old = state;
        state = unchecked((old * Multiplier) + increment);
        var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        var rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << ((-rotation) & 31));
    }

    /// <summary>A uniform double in (0, 1] on the 2^-53 grid (never 0, so its logarithm is finite).</summary>
    public double NextOpenUnit()
    {
        var bits = ((ulong)NextUInt32() << 32) | NextUInt32();
        return ((bits >> 11) + 1) * TwoPowMinus53;
    }

    /// <summary>A standard normal draw (Marsaglia's polar form of the Box-Muller transform).</summary>
    public double NextNormal()
    {
        while (true)
        {
            var u = (2.0 * NextOpenUnit()) - 1.0;
            var v = (2.0 * NextOpenUnit()) - 1.0;
            var s = (u * u) + (v * v);
            if (s > 0.0 && s < 1.0)
            {
                // The second variate of the pair is dropped: simpler, and the stream stays deterministic.
                return u * Math.Sqrt(-2.0 * PortableMath.Log(s) / s);
            }
        }
    }

    /// <summary>
    /// A Student-t draw with 4 degrees of freedom, scaled to unit variance: Z / sqrt(V / 4) with V chi-squared with
    /// 4 degrees of freedom, sampled as -2 ln(U1 U2); the t(4) variance is 2, hence the factor sqrt(1/2).
    /// </summary>
    public double NextStudentT4()
    {
        var z = NextNormal();
        var chiSquared4 = -2.0 * PortableMath.Log(NextOpenUnit() * NextOpenUnit());
        return z / Math.Sqrt(chiSquared4 / 4.0) * Math.Sqrt(0.5);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }
}

/// <summary>Elementary functions written with IEEE-754 basic operations only, hence bit-identical everywhere.</summary>
internal static class PortableMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// The natural logarithm of a positive, finite, normal <paramref name="x"/>: x = m 2^e with m in [sqrt(1/2), sqrt(2)),
    /// ln m = 2 atanh((m - 1) / (m + 1)) by its series (|z| &lt; 0.172, 13 terms give full double precision).
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm needs a positive finite number.");
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Subnormal numbers are not supported.");
        }

        exponent -= 1023;
        var mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (mantissa >= Sqrt2)
        {
            mantissa *= 0.5;
            exponent++;
        }

        var z = (mantissa - 1.0) / (mantissa + 1.0);
        var z2 = z * z;
        var sum = 0.0;
        for (var k = 12; k >= 1; k--)
        {
            sum = (sum + (1.0 / ((2 * k) + 1))) * z2;
        }

        return (exponent * Ln2) + (2.0 * z * (1.0 + sum));
    }
}
