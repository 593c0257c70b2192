using System.Buffers.Binary;
using System.Xml.Linq;
using Agix.Cli.Charts;
using NodaTime;

namespace Agix.Tests.Charts;

public sealed class ChartsTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void A_performance_chart_in_png_is_a_1400_by_1100_png_image()
    {
        var png = ChartRenderer.Performance(Performance(), ChartFormat.Png);

        png.Should().StartWith(PngSignature);
        PngSize(png).Should().Be((1400, 1100));
    }

    [Fact]
    public void A_performance_chart_in_svg_is_an_svg_document_that_names_every_series()
    {
        var data = Performance();

        var texts = SvgTexts(ChartRenderer.Performance(data, ChartFormat.Svg));

        texts.Should().Contain(["Agix AI Index", "Nasdaq-100", "S&P 500", "Semiconductors", "AI software", "Robotics"]);
        texts.Should().Contain(t => t.Contains("SYNTHETIC", StringComparison.Ordinal), "the subtitle carries the provenance");
    }

    [Fact]
    public void A_log_scale_labels_its_ticks_with_plain_levels_not_exponents()
    {
        var data = Performance(index: Ramp(800, 4000, 300)) with { Benchmarks = [], LogScale = true };

        var texts = SvgTexts(ChartRenderer.Performance(data, ChartFormat.Svg));

        texts.Should().Contain(["1000", "2000", "4000"]);
        texts.Should().NotContain(t => t.Contains('E') && t.Any(char.IsDigit) && t.Length < 8, "no 1E+03 style labels");
        texts.Should().Contain(t => t.Contains("log scale", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_input_renders_to_the_same_bytes()
    {
        var performance = Performance();
        var years = Yearly();

        ChartRenderer.Performance(performance, ChartFormat.Png).Should().Equal(ChartRenderer.Performance(performance, ChartFormat.Png));
        ChartRenderer.Performance(performance, ChartFormat.Svg).Should().Equal(ChartRenderer.Performance(performance, ChartFormat.Svg));
        ChartRenderer.CalendarYears(years, ChartFormat.Png).Should().Equal(ChartRenderer.CalendarYears(years, ChartFormat.Png));
        ChartRenderer.CalendarYears(years, ChartFormat.Svg).Should().Equal(ChartRenderer.CalendarYears(years, ChartFormat.Svg));
    }

    [Fact]
    public void Without_theme_weights_the_theme_panel_is_left_out()
    {
        var data = Performance() with { ThemeWeights = [] };

        var png = ChartRenderer.Performance(data, ChartFormat.Png);
        var texts = SvgTexts(ChartRenderer.Performance(data, ChartFormat.Svg));

        PngSize(png).Should().Be((1400, 1100));
        texts.Should().NotContain(t => t.Contains("Theme weights", StringComparison.Ordinal));
        texts.Should().Contain(t => t.Contains("drawdown", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gap_in_a_benchmark_does_not_stop_the_chart()
    {
        var gappy = Ramp(1000, 1500, 300);
        Array.Fill(gappy, double.NaN, 100, 20);
        var data = Performance() with { Benchmarks = [new ChartSeries("Gappy", gappy)] };

        var png = ChartRenderer.Performance(data, ChartFormat.Png);

        PngSize(png).Should().Be((1400, 1100));
    }

    [Fact]
    public void A_series_with_the_wrong_number_of_values_is_rejected_with_its_name()
    {
        var data = Performance() with { Benchmarks = [new ChartSeries("Short", [1000, 1010])] };

        var act = () => ChartRenderer.Performance(data, ChartFormat.Png);

        act.Should().Throw<ArgumentException>().WithMessage("*'Short'*2 values*300 dates*");
    }

    [Fact]
    public void A_calendar_year_chart_in_png_is_a_1400_by_700_png_image()
    {
        var png = ChartRenderer.CalendarYears(Yearly(), ChartFormat.Png);

        png.Should().StartWith(PngSignature);
        PngSize(png).Should().Be((1400, 700));
    }

    [Fact]
    public void Partial_years_are_starred_and_explained_in_a_footnote()
    {
        var texts = SvgTexts(ChartRenderer.CalendarYears(Yearly(), ChartFormat.Svg));

        texts.Should().Contain(["2022*", "2023", "2024", "2025*", "Agix AI Index", "S&P 500"]);
        texts.Should().Contain(t => t.StartsWith("* partial year", StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_without_data_is_shown_as_not_available_instead_of_crashing()
    {
        var data = Yearly();

        var texts = SvgTexts(ChartRenderer.CalendarYears(data, ChartFormat.Svg));
        var png = ChartRenderer.CalendarYears(data, ChartFormat.Png);

        texts.Should().Contain("n/a");
        PngSize(png).Should().Be((1400, 700));
    }

    [Fact]
    public void A_calendar_year_chart_with_no_value_at_all_still_renders()
    {
        var data = new YearlyChartData("Empty", string.Empty, [2024, 2025], [false, true], [new ChartSeries("Index", [double.NaN, double.NaN])]);

        var png = ChartRenderer.CalendarYears(data, ChartFormat.Png);

        PngSize(png).Should().Be((1400, 700));
    }

    [Theory]
    [InlineData("chart.png", "Png")]
    [InlineData("out/CHART.PNG", "Png")]
    [InlineData("chart.svg", "Svg")]
    [InlineData("Chart.Svg", "Svg")]
    public void The_chart_format_follows_the_file_extension_in_any_case(string path, string expected)
    {
        ChartFormats.FromPath(path).Should().Be(Enum.Parse<ChartFormat>(expected));
    }

    [Theory]
    [InlineData("chart.jpg")]
    [InlineData("chart")]
    [InlineData("chart.png.txt")]
    public void An_unknown_chart_extension_is_rejected_with_the_accepted_ones(string path)
    {
        var act = () => ChartFormats.FromPath(path);

        act.Should().Throw<ArgumentException>().WithMessage($"*{path}*.png*.svg*");
    }

    [Fact]
    public void A_rolling_risk_chart_names_the_index_every_benchmark_and_every_beta()
    {
        var data = Rolling();

        var svg = ChartRenderer.Rolling(data, ChartFormat.Svg);

        var texts = SvgTexts(svg);
        texts.Should().Contain(["Agix AI Index", "Nasdaq-100", "S&P 500", "beta to Nasdaq-100", "beta to S&P 500", "Rolling 126-day volatility (annualised)"]);
        ChartRenderer.Rolling(data, ChartFormat.Svg).Should().Equal(svg, "the same data renders to the same bytes");
        PngSize(ChartRenderer.Rolling(data, ChartFormat.Png)).Should().Be((1400, 800));
    }

    [Fact]
    public void A_rolling_series_with_the_wrong_number_of_values_is_rejected_with_its_name()
    {
        var data = Rolling() with { Betas = [new ChartSeries("beta to SOXX", [1.0, 1.1])] };

        var act = () => ChartRenderer.Rolling(data, ChartFormat.Svg);

        act.Should().Throw<ArgumentException>().WithMessage("*beta to SOXX*2 values*300 dates*");
    }

    [Fact]
    public void Further_drawdowns_are_drawn_and_named_in_the_drawdown_panel()
    {
        var data = Performance() with { OtherDrawdowns = [new ChartSeries("cap 15 %", Enumerable.Repeat(-0.1, 300).ToArray())] };

        var texts = SvgTexts(ChartRenderer.Performance(data, ChartFormat.Svg));

        texts.Should().Contain(["cap 15 %", "Drawdowns from the running peak"]);
        SvgTexts(ChartRenderer.Performance(Performance(), ChartFormat.Svg)).Should().Contain("Index drawdown from its running peak").And.NotContain("cap 15 %");
    }

    private static RollingChartData Rolling()
    {
        const int N = 300;
        var dates = Enumerable.Range(0, N).Select(i => new LocalDate(2023, 1, 2).PlusDays(i * 7 / 5)).ToArray();
        double[] Wave(double level, double amplitude) => [.. Enumerable.Range(0, N).Select(i => i < 126 ? double.NaN : level + (amplitude * Math.Sin(i / 20.0)))];
        return new RollingChartData(
            "Rolling risk",
            "SYNTHETIC demo prices — not market data",
            dates,
            126,
            new ChartSeries("Agix AI Index", Wave(0.3, 0.05)),
            [new ChartSeries("Nasdaq-100", Wave(0.2, 0.03)), new ChartSeries("S&P 500", Wave(0.15, 0.02))],
            [new ChartSeries("beta to Nasdaq-100", Wave(1.3, 0.1)), new ChartSeries("beta to S&P 500", Wave(1.6, 0.2))]);
    }

    private static PerformanceChartData Performance(double[]? index = null)
    {
        const int N = 300;
        var dates = Enumerable.Range(0, N).Select(i => new LocalDate(2023, 1, 2).PlusDays(i * 7 / 5)).ToArray();
        var levels = index ?? Ramp(1000, 3300, N);
        var peak = double.MinValue;
        var drawdown = levels.Select(v => (peak = Math.Max(peak, v)) is var p ? (v / p) - 1 : 0).ToArray();
        string[] themes = ["Semiconductors", "Cloud", "AI software", "Data infrastructure", "Robotics"];
        return new PerformanceChartData(
            "Agix test chart",
            "SYNTHETIC demo prices — not market data",
            dates,
            new ChartSeries("Agix AI Index", levels),
            [new ChartSeries("Nasdaq-100", Ramp(1000, 2000, N)), new ChartSeries("S&P 500", Ramp(1000, 1600, N)), new ChartSeries("SOXX", Ramp(1000, 2600, N))],
            drawdown,
            [.. themes.Select(t => new ChartSeries(t, Enumerable.Repeat(0.2, N).ToArray()))],
            LogScale: false);
    }

    private static YearlyChartData Yearly() => new(
        "Calendar-year returns",
        "SYNTHETIC demo prices — not market data",
        [2022, 2023, 2024, 2025],
        [true, false, false, true],
        [
            new ChartSeries("Agix AI Index", [-0.05, 0.42, 0.31, 0.12]),
            new ChartSeries("S&P 500", [double.NaN, 0.24, 0.23, -0.04]),
        ]);

    /// <summary>A wavy geometric path from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static double[] Ramp(double from, double to, int n) =>
        [.. Enumerable.Range(0, n).Select(i => from * Math.Pow(to / from, i / (n - 1.0)) * (1 + (0.03 * Math.Sin(i / 9.0))))];

    private static (int Width, int Height) PngSize(byte[] png)
    {
        // The IHDR chunk follows the 8-byte signature: length (4), "IHDR" (4), width (4), height (4).
        png.Should().StartWith(PngSignature);
        System.Text.Encoding.ASCII.GetString(png, 12, 4).Should().Be("IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    private static List<string> SvgTexts(byte[] svg)
    {
        using var stream = new MemoryStream(svg);
        var doc = XDocument.Load(stream);
        doc.Root!.Name.LocalName.Should().Be("svg");
        return [.. doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];
    }
}
