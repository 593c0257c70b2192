using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace Agix.Cli.Charts;

/// <summary>
/// One image made of several ScottPlot plots stacked vertically under a title and a subtitle, with an
/// optional footnote, encoded as PNG or SVG.
/// </summary>
internal static partial class Figure
{
    private const float Margin = 24;
    private const float TitleSize = 24;
    private const float SubtitleSize = 16;
    private const float FootnoteSize = 13;

    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    /// <summary>
    /// The font family of every text in the charts: the first installed sans-serif of a short list, else
    /// ScottPlot's default (which on a bare Linux machine may be a serif).
    /// </summary>
    public static string FontFamily { get; } =
        PreferredFonts.FirstOrDefault(name => string.Equals(Fonts.GetTypeface(name, false, false)?.FamilyName, name, StringComparison.OrdinalIgnoreCase))
        ?? Fonts.Default;

    /// <summary>The height the title block takes at the top of the image.</summary>
    public static float HeaderHeight(string subtitle) => string.IsNullOrWhiteSpace(subtitle) ? 56 : 84;

    /// <summary>The height the footnote takes at the bottom of the image.</summary>
    public static float FooterHeight(string footnote) => string.IsNullOrWhiteSpace(footnote) ? 0 : 30;

    /// <summary>
    /// Renders the plots one under the other, each with its share of the height between the header and
    /// the footer (<paramref name="heights"/> are relative weights).
    /// </summary>
    public static byte[] Render(
        int width,
        int height,
        ChartFormat format,
        string title,
        string subtitle,
        string footnote,
        IReadOnlyList<Plot> plots,
        IReadOnlyList<float> heights)
    {
        void Draw(SKCanvas canvas)
        {
            canvas.Clear(SKColors.White);
            DrawHeader(canvas, width, title, subtitle);

            var top = HeaderHeight(subtitle);
            var available = height - top - FooterHeight(footnote);
            var total = heights.Sum();
            for (var i = 0; i < plots.Count; i++)
            {
                var h = available * heights[i] / total;
                // A plot clears its whole canvas before drawing: clip it to its own band.
                canvas.Save();
                canvas.ClipRect(SKRect.Create(0, top, width, h));
                canvas.Translate(0, top);
                plots[i].Render(canvas, new PixelRect(width, h));
                canvas.Restore();
                top += h;
            }

            if (!string.IsNullOrWhiteSpace(footnote))
            {
                DrawText(canvas, footnote, Margin, height - 10, FootnoteSize, bold: false, italic: false, new SKColor(0x55, 0x55, 0x55));
            }
        }

        return format == ChartFormat.Svg ? Svg(width, height, Draw) : Png(width, height, Draw);
    }

    private static void DrawHeader(SKCanvas canvas, int width, string title, string subtitle)
    {
        DrawText(canvas, title, Margin, 36, TitleSize, bold: true, italic: false, new SKColor(0x11, 0x11, 0x11));
        if (!string.IsNullOrWhiteSpace(subtitle))
        {
            DrawText(canvas, subtitle, Margin, 64, SubtitleSize, bold: false, italic: true, new SKColor(0x44, 0x44, 0x44));
        }

        using var rule = new SKPaint { Color = new SKColor(0xDD, 0xDD, 0xDD), StrokeWidth = 1, IsAntialias = false };
        var y = HeaderHeight(subtitle) - 6;
        canvas.DrawLine(Margin, y, width - Margin, y, rule);
    }

    private static void DrawText(SKCanvas canvas, string text, float x, float baseline, float size, bool bold, bool italic, SKColor color)
    {
        using var font = new SKFont(Fonts.GetTypeface(FontFamily, bold, italic), size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
    }

    private static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        draw(surface.Canvas);
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte[] Svg(int width, int height, Action<SKCanvas> draw)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
        {
            draw(canvas);
        }

        return Encoding.UTF8.GetBytes(RenumberClipIds(Encoding.UTF8.GetString(stream.ToArray())));
    }

    /// <summary>
    /// Skia numbers the SVG clip paths with a hexadecimal counter that lives as long as the process ("cl_7a"), so
    /// the same chart would differ from one rendering to the next; this numbers them from 1 in order.
    /// </summary>
    private static string RenumberClipIds(string svg)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = ids.Count + 1;
                ids.Add(m.Value, id);
            }

            return "cl_" + id.ToString(CultureInfo.InvariantCulture);
        });
    }

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();
}
