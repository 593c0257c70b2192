namespace Agix;

/// <summary>
/// The five investment lines of the AI thesis. Input is case-insensitive; output is always the lower-case
/// name (<c>compute</c>, <c>cloud</c>, <c>edge</c>, <c>interconnect</c>, <c>software</c>).
/// </summary>
public enum Theme
{
    /// <summary>GPUs, accelerators and foundries.</summary>
    Compute,

    /// <summary>Hyperscalers and cloud platforms.</summary>
    Cloud,

    /// <summary>Devices that run AI at the edge.</summary>
    Edge,

    /// <summary>Networking, custom silicon, memory and storage.</summary>
    Interconnect,

    /// <summary>AI software and platforms.</summary>
    Software,
}

/// <summary>Conversions between <see cref="Theme"/> and its lower-case file name.</summary>
public static class ThemeNames
{
    /// <summary>All themes in their canonical order.</summary>
    public static IReadOnlyList<Theme> All { get; } = [Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software];

    /// <summary>The lower-case name used in files and output.</summary>
    public static string ToName(this Theme theme) => theme switch
    {
        Theme.Compute => "compute",
        Theme.Cloud => "cloud",
        Theme.Edge => "edge",
        Theme.Interconnect => "interconnect",
        Theme.Software => "software",
        _ => throw new ArgumentOutOfRangeException(nameof(theme), theme, "Unknown theme."),
    };

    /// <summary>Parses a theme name, ignoring case and surrounding white space.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Theme theme)
    {
        var trimmed = text.Trim();
        foreach (var candidate in All)
        {
            if (trimmed.Equals(candidate.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                theme = candidate;
                return true;
            }
        }

        theme = default;
        return false;
    }
}
