namespace Agix;

/// <summary>
/// An investment line of the index, named by the methodology: lower-case letters, digits, <c>-</c> and <c>_</c>
/// (input is case-insensitive, the name is always lower case). The AGIX-style default methodology has five —
/// <see cref="Compute"/>, <see cref="Cloud"/>, <see cref="Edge"/>, <see cref="Interconnect"/> and
/// <see cref="Software"/> — but any name works: <c>robotics</c>, or the AGIX fund's <c>hardware</c>,
/// <c>infrastructure</c> and <c>applications</c>.
/// </summary>
/// <remarks>
/// Themes compare by name. They sort in a fixed order: the five default themes first, in the order above, then
/// every other theme by name (ordinal), so that reports list themes the same way on every run. An immutable value;
/// thread-safe.
/// </remarks>
public readonly struct Theme : IEquatable<Theme>, IComparable<Theme>
{
    private readonly string? _name;

    private Theme(string name) => _name = name;

    /// <summary>GPUs, accelerators and foundries (a default theme).</summary>
    public static Theme Compute { get; } = new("compute");

    /// <summary>Hyperscalers and cloud platforms (a default theme).</summary>
    public static Theme Cloud { get; } = new("cloud");

    /// <summary>Devices that run AI at the edge (a default theme).</summary>
    public static Theme Edge { get; } = new("edge");

    /// <summary>Networking, custom silicon, memory and storage (a default theme).</summary>
    public static Theme Interconnect { get; } = new("interconnect");

    /// <summary>AI software and platforms (a default theme).</summary>
    public static Theme Software { get; } = new("software");

    /// <summary>The lower-case name used in files and output.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>The theme of a name.</summary>
    /// <exception cref="ArgumentException">The name is empty or has a character other than a letter, a digit, '-' or '_'.</exception>
    public static Theme Of(string name) =>
        ThemeNames.TryParse(name, out var theme) ? theme : throw new ArgumentException($"'{name}' is not a theme name (letters, digits, '-' and '_').", nameof(name));

    internal static Theme FromValidName(string lowerCaseName) => new(lowerCaseName);

    /// <inheritdoc />
    public bool Equals(Theme other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Theme other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>Orders the default themes first (compute, cloud, edge, interconnect, software), then the others by name.</summary>
    public int CompareTo(Theme other)
    {
        int rank = Rank(Name), otherRank = Rank(other.Name);
        return rank != otherRank ? rank.CompareTo(otherRank) : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>Whether two themes have the same name.</summary>
    public static bool operator ==(Theme left, Theme right) => left.Equals(right);

    /// <summary>Whether two themes have different names.</summary>
    public static bool operator !=(Theme left, Theme right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(Theme left, Theme right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(Theme left, Theme right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before or with <paramref name="right"/>.</summary>
    public static bool operator <=(Theme left, Theme right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after or with <paramref name="right"/>.</summary>
    public static bool operator >=(Theme left, Theme right) => left.CompareTo(right) >= 0;

    private static int Rank(string name) => name switch
    {
        "compute" => 0,
        "cloud" => 1,
        "edge" => 2,
        "interconnect" => 3,
        "software" => 4,
        _ => 5,
    };
}

/// <summary>Theme names: the default five, and parsing.</summary>
public static class ThemeNames
{
    /// <summary>The five themes of the default methodology, in their canonical order.</summary>
    public static IReadOnlyList<Theme> Defaults { get; } = Array.AsReadOnly([Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software]);

    /// <summary>The lower-case name used in files and output.</summary>
    public static string ToName(this Theme theme) => theme.Name;

    /// <summary>
    /// Parses a theme name: lower-case letters, digits, <c>-</c> and <c>_</c>, ignoring case and surrounding white
    /// space; the theme's name is lower case.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Theme theme)
    {
        var trimmed = text.Trim();
        theme = default;
        if (trimmed.IsEmpty || trimmed.Length > 64)
        {
            return false;
        }

        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        theme = Theme.FromValidName(trimmed.ToString().ToLowerInvariant());
        return true;
    }
}
