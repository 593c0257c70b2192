namespace Agix.Cli.Charts;

/// <summary>The image formats a chart can be written in.</summary>
internal enum ChartFormat
{
    /// <summary>A raster PNG image.</summary>
    Png,

    /// <summary>A vector SVG document.</summary>
    Svg,
}

/// <summary>Chooses a <see cref="ChartFormat"/> from a file name.</summary>
internal static class ChartFormats
{
    /// <summary>The format for <paramref name="path"/> by its extension: ".png" or ".svg", in any case.</summary>
    /// <exception cref="ArgumentException">The extension is neither.</exception>
    public static bool TryFromPath(string path, out ChartFormat format)
    {
        var extension = Path.GetExtension(path);
        format = extension.Equals(".svg", StringComparison.OrdinalIgnoreCase) ? ChartFormat.Svg : ChartFormat.Png;
        return extension.Equals(".png", StringComparison.OrdinalIgnoreCase) || extension.Equals(".svg", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The format a chart path asks for; throws for anything but .png and .svg.</summary>
    public static ChartFormat FromPath(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            return ChartFormat.Png;
        }

        if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return ChartFormat.Svg;
        }

        var shown = extension.Length == 0 ? "no extension" : $"extension '{extension}'";
        throw new ArgumentException($"Cannot tell the chart format of '{path}' ({shown}): use a file name ending in .png or .svg.", nameof(path));
    }
}
