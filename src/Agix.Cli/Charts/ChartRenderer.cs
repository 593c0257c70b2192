using System.Globalization;
using NodaTime;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Agix.Cli.Charts;

/// <summary>Renders the report charts as PNG or SVG images.</summary>
internal static class ChartRenderer
{
    private const int PerformanceWidth = 1400;
    private const int PerformanceHeight = 1100;
    private const int RollingHeight = 800;
    private const int YearlyWidth = 1400;
    private const int YearlyHeight = 700;

    /// <summary>Room left of the data area for the y tick labels and the y label.</summary>
    private const float LeftPad = 96;

    /// <summary>Room right of the data area for the legend, so it never covers the data.</summary>
    private const float RightPad = 250;

    private const float AxisLabelSize = 14;
    private const float TickLabelSize = 12;
    private const float PanelTitleSize = 15;
    private const float LegendFontSize = 13;

    private static readonly Color IndexColor = Color.FromHex("#0B3C8C");
    private static readonly Color DrawdownColor = Color.FromHex("#C0392B");

    private static readonly Color[] BenchmarkColors =
    [
        Color.FromHex("#E67E22"),
        Color.FromHex("#27AE60"),
        Color.FromHex("#7F8C8D"),
        Color.FromHex("#8E44AD"),
        Color.FromHex("#B7950B"),
        Color.FromHex("#16A085"),
    ];

    // Tableau 10: distinct, colour-blind tolerant hues for the theme bands.
    private static readonly Color[] ThemeColors =
    [
        Color.FromHex("#4E79A7"),
        Color.FromHex("#F28E2B"),
        Color.FromHex("#59A14F"),
        Color.FromHex("#E15759"),
        Color.FromHex("#B07AA1"),
        Color.FromHex("#76B7B2"),
        Color.FromHex("#EDC948"),
        Color.FromHex("#FF9DA7"),
        Color.FromHex("#9C755F"),
        Color.FromHex("#BAB0AC"),
    ];

    /// <summary>
    /// The performance chart: the index and its benchmarks (top), the index drawdown (middle) and the
    /// theme weights as a stacked area (bottom, omitted when there are none), on one date axis.
    /// </summary>
    /// <exception cref="ArgumentException">A series does not have one value per date, or there are no dates.</exception>
    public static byte[] Performance(PerformanceChartData data, ChartFormat format)
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(data);

        var xs = OaDates(data.Dates);
        var plots = new List<Plot>();
        try
        {
            plots.Add(LevelPanel(data, xs));
            plots.Add(DrawdownPanel(data, xs));
            if (data.ThemeWeights.Count > 0)
            {
                plots.Add(ThemePanel(data, xs));
            }

            float[] heights = plots.Count == 3 ? [0.50f, 0.22f, 0.28f] : [0.68f, 0.32f];
            return Stack(PerformanceHeight, format, data.Title, data.Subtitle, data.Dates, xs, plots, heights);
        }
        finally
        {
            plots.ForEach(p => p.Dispose());
        }
    }

    /// <summary>
    /// The rolling risk chart: the rolling annualised volatility of the index and each benchmark (top) and the
    /// index's rolling beta to each benchmark (bottom, with a reference line at 1), on one date axis.
    /// </summary>
    /// <exception cref="ArgumentException">A series does not have one value per date, or there are no dates.</exception>
    public static byte[] Rolling(RollingChartData data, ChartFormat format)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Dates.Length == 0)
        {
            throw new ArgumentException("A rolling chart needs at least one date.", nameof(data));
        }

        foreach (var s in data.BenchmarkVolatility.Append(data.IndexVolatility).Concat(data.Betas))
        {
            RequireLength(s, data.Dates.Length, "dates");
        }

        var xs = OaDates(data.Dates);
        var plots = new List<Plot>();
        try
        {
            var volatility = new Plot();
            plots.Add(volatility);
            Style(volatility);
            volatility.Title($"Rolling {data.Window}-day volatility (annualised)", PanelTitleSize);
            var items = new List<LegendItem> { new() { LabelText = data.IndexVolatility.Label, LineColor = IndexColor, LineWidth = 4 } };
            for (var i = 0; i < data.BenchmarkVolatility.Count; i++)
            {
                var color = BenchmarkColors[i % BenchmarkColors.Length];
                AddLine(volatility, xs, Scaled(data.BenchmarkVolatility[i].Values, 100), color, 1.6f);
                items.Add(new LegendItem { LabelText = data.BenchmarkVolatility[i].Label, LineColor = color, LineWidth = 2 });
            }

            AddLine(volatility, xs, Scaled(data.IndexVolatility.Values, 100), IndexColor, 2.6f);
            var vols = data.BenchmarkVolatility.Append(data.IndexVolatility).SelectMany(s => s.Values).Where(double.IsFinite).Select(v => v * 100).ToList();
            volatility.Axes.SetLimitsY(0, vols.Count == 0 ? 10 : Math.Max(vols.Max() * 1.08, 1));
            volatility.Axes.Left.TickGenerator = PercentTicks(target: 5);
            volatility.YLabel("Volatility (%)", AxisLabelSize);
            ShowLegend(volatility, items);

            var beta = new Plot();
            plots.Add(beta);
            Style(beta);
            beta.Title($"Rolling {data.Window}-day beta of {data.IndexVolatility.Label} to each benchmark", PanelTitleSize);
            beta.Add.HorizontalLine(1, 1, Color.FromHex("#555555"), LinePattern.Dashed);
            var betaItems = new List<LegendItem>();
            for (var i = 0; i < data.Betas.Count; i++)
            {
                var color = BenchmarkColors[i % BenchmarkColors.Length];
                AddLine(beta, xs, data.Betas[i].Values, color, 2f);
                betaItems.Add(new LegendItem { LabelText = data.Betas[i].Label, LineColor = color, LineWidth = 2 });
            }

            var betas = data.Betas.SelectMany(s => s.Values).Where(double.IsFinite).Append(1.0).ToList();
            var (low, high) = (Math.Min(0, betas.Min()), betas.Max());
            beta.Axes.SetLimitsY(low, high + ((high - low) * 0.08));
            beta.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Ticks.Number, TargetTickCount = 5 };
            beta.YLabel("Beta", AxisLabelSize);
            ShowLegend(beta, betaItems);

            return Stack(RollingHeight, format, data.Title, data.Subtitle, data.Dates, xs, plots, [0.5f, 0.5f]);
        }
        finally
        {
            plots.ForEach(p => p.Dispose());
        }
    }

    /// <summary>Lays the panels out one under the other on one date axis (date labels on the bottom one only) and renders them.</summary>
    private static byte[] Stack(int height, ChartFormat format, string title, string subtitle, LocalDate[] dates, double[] xs, List<Plot> plots, float[] heights)
    {
        var first = dates[0].ToDateTimeUnspecified();
        var last = dates[^1].ToDateTimeUnspecified();
        var (xMin, xMax) = xs.Length == 1 ? (xs[0] - 1, xs[0] + 1) : (xs[0], xs[^1]);
        for (var i = 0; i < plots.Count; i++)
        {
            var isBottom = i == plots.Count - 1;
            var plot = plots[i];
            plot.Axes.Bottom.TickGenerator = Ticks.Dates(first, last, maxMajor: 14, labels: isBottom);
            plot.Axes.Bottom.TickLabelStyle.FontSize = TickLabelSize;
            plot.Axes.SetLimitsX(xMin, xMax);
            if (isBottom)
            {
                plot.XLabel("Date", AxisLabelSize);
            }

            plot.Layout.Fixed(new PixelPadding(LeftPad, RightPad, isBottom ? 62 : 14, 34));
            UseChartFont(plot);
        }

        return Figure.Render(PerformanceWidth, height, format, title, subtitle, footnote: string.Empty, plots, heights);
    }

    private static double[] OaDates(LocalDate[] dates) => [.. dates.Select(d => d.ToDateTimeUnspecified().ToOADate())];

    private static double[] Scaled(double[] values, double factor) => [.. values.Select(v => v * factor)];

    /// <summary>
    /// The calendar-year returns chart: one group of bars per year, one bar per series, partial years
    /// marked with an asterisk and a footnote; NaN values are shown as "n/a".
    /// </summary>
    /// <exception cref="ArgumentException">A series or the partial flags do not have one entry per year.</exception>
    public static byte[] CalendarYears(YearlyChartData data, ChartFormat format)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Partial.Length != data.Years.Length)
        {
            throw new ArgumentException($"There are {data.Years.Length} years but {data.Partial.Length} partial-year flags.", nameof(data));
        }

        foreach (var s in data.Series)
        {
            RequireLength(s, data.Years.Length, "years");
        }

        using var plot = new Plot();
        Style(plot);

        var groups = data.Years.Length;
        var count = Math.Max(1, data.Series.Count);
        const double GroupWidth = 0.8;
        var barWidth = GroupWidth / count;
        var values = new List<double>();
        for (var j = 0; j < data.Series.Count; j++)
        {
            var series = data.Series[j];
            var color = SeriesColor(j);
            var bars = new List<Bar>();
            for (var i = 0; i < groups; i++)
            {
                var position = i + ((j - ((count - 1) / 2.0)) * barWidth);
                var v = series.Values[i];
                if (!double.IsFinite(v))
                {
                    var na = plot.Add.Text("n/a", position, 0);
                    na.LabelFontSize = 11;
                    na.LabelFontColor = Color.FromHex("#777777");
                    na.LabelAlignment = Alignment.LowerCenter;
                    continue;
                }

                values.Add(v * 100);
                bars.Add(new Bar
                {
                    Position = position,
                    Value = v * 100,
                    Size = barWidth * 0.92,
                    FillColor = color,
                    LineWidth = 0,
                    Label = Ticks.PercentOneDecimal(v * 100),
                });
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = series.Label;
            barPlot.Color = color;
            barPlot.ValueLabelStyle.FontSize = 11;
            barPlot.ValueLabelStyle.ForeColor = Color.FromHex("#333333");
        }

        plot.Add.HorizontalLine(0, 1.5f, Colors.Black);

        var labels = data.Years.Select((y, i) => y.ToString(CultureInfo.InvariantCulture) + (data.Partial[i] ? "*" : string.Empty)).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(0, groups).Select(i => (double)i)], labels);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(-0.6, Math.Max(groups, 1) - 0.4);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        var low = values.Count == 0 ? 0 : Math.Min(0, values.Min());
        var high = values.Count == 0 ? 0 : Math.Max(0, values.Max());
        var span = high - low > 0 ? high - low : 10;
        plot.Axes.SetLimitsY(low - (low < 0 ? span * 0.12 : 0), high + (span * 0.12));
        plot.Axes.Left.TickGenerator = PercentTicks();
        plot.YLabel("Return in the calendar year (%)", AxisLabelSize);
        plot.XLabel("Calendar year", AxisLabelSize);

        ShowLegend(plot, []);
        plot.Layout.Fixed(new PixelPadding(LeftPad, RightPad, 62, 20));
        UseChartFont(plot);

        var footnote = data.Partial.Any(p => p) ? "* partial year: the return covers only the part of the year with data." : string.Empty;
        return Figure.Render(YearlyWidth, YearlyHeight, format, data.Title, data.Subtitle, footnote, [plot], [1f]);
    }

    private static Plot LevelPanel(PerformanceChartData data, double[] xs)
    {
        var plot = new Plot();
        Style(plot);
        plot.Title("Index and benchmarks" + (data.LogScale ? " (log scale)" : string.Empty), PanelTitleSize);

        double Y(double v) => data.LogScale ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

        var items = new List<LegendItem>();
        for (var i = 0; i < data.Benchmarks.Count; i++)
        {
            var color = BenchmarkColors[i % BenchmarkColors.Length];
            AddLine(plot, xs, [.. data.Benchmarks[i].Values.Select(Y)], color, 1.6f);
            items.Add(new LegendItem { LabelText = data.Benchmarks[i].Label, LineColor = color, LineWidth = 2 });
        }

        AddLine(plot, xs, [.. data.Index.Values.Select(Y)], IndexColor, 3f);
        items.Insert(0, new LegendItem { LabelText = data.Index.Label, LineColor = IndexColor, LineWidth = 4 });

        var all = data.Benchmarks.Append(data.Index).SelectMany(s => s.Values).Select(Y).Where(double.IsFinite).ToArray();
        var (low, high) = all.Length == 0 ? (0.0, 1.0) : (all.Min(), all.Max());
        var span = high - low > 0 ? high - low : Math.Max(Math.Abs(high) * 0.1, 1);
        var (bottom, top) = (low - (span * 0.05), high + (span * 0.05));
        plot.Axes.SetLimitsY(bottom, top);
        if (data.LogScale)
        {
            plot.Axes.Left.TickGenerator = Ticks.Log10(bottom, top);
            plot.Grid.YAxisStyle.MinorLineStyle.Width = 0.5f;
            plot.Grid.YAxisStyle.MinorLineStyle.Color = Color.FromHex("#F0F0F0");
        }
        else
        {
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Ticks.Number };
        }

        plot.YLabel("Level (rebased to base value)", AxisLabelSize);
        ShowLegend(plot, items);
        return plot;
    }

    private static Plot DrawdownPanel(PerformanceChartData data, double[] xs)
    {
        var plot = new Plot();
        Style(plot);
        plot.Title(data.OtherDrawdowns.Count == 0 ? "Index drawdown from its running peak" : "Drawdowns from the running peak", PanelTitleSize);

        var dd = data.IndexDrawdown.Select(v => double.IsFinite(v) ? Math.Min(v, 0) * 100 : 0).ToArray();
        var fill = plot.Add.FillY(xs, dd, new double[xs.Length]);
        fill.FillColor = DrawdownColor.WithAlpha(0.35);
        fill.LineWidth = 0;
        fill.MarkerSize = 0;
        AddLine(plot, xs, dd, DrawdownColor, 1.2f);
        plot.Add.HorizontalLine(0, 1, Color.FromHex("#555555"));
        var others = data.OtherDrawdowns.Select(s => s.Values.Select(v => double.IsFinite(v) ? Math.Min(v, 0) * 100 : double.NaN).ToArray()).ToList();
        for (var i = 0; i < others.Count; i++)
        {
            AddLine(plot, xs, others[i], BenchmarkColors[i % BenchmarkColors.Length], 1.6f);
        }

        var worst = dd.Concat(others.SelectMany(o => o.Where(double.IsFinite))).DefaultIfEmpty(0).Min();
        var depth = worst < 0 ? -worst : 10;
        plot.Axes.SetLimitsY(-depth * 1.08, depth * 0.06);
        plot.Axes.Left.TickGenerator = PercentTicks(target: 5);
        plot.YLabel("Drawdown (%)", AxisLabelSize);

        var indexWorst = dd.Length == 0 ? 0 : dd.Min();
        var at = Array.IndexOf(dd, indexWorst);
        var maxText = indexWorst < 0
            ? $"Max {Ticks.PercentOneDecimal(indexWorst)} on {data.Dates[at].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : "No drawdown";
        ShowLegend(plot,
        [
            new LegendItem { LabelText = data.Index.Label, FillColor = DrawdownColor.WithAlpha(0.35), LineColor = DrawdownColor, LineWidth = 1 },
            new LegendItem { LabelText = maxText, LineWidth = 0 },
            .. data.OtherDrawdowns.Select((s, i) => new LegendItem { LabelText = s.Label, LineColor = BenchmarkColors[i % BenchmarkColors.Length], LineWidth = 2 }),
        ]);
        return plot;
    }

    private static Plot ThemePanel(PerformanceChartData data, double[] xs)
    {
        var plot = new Plot();
        Style(plot);
        plot.Title("Theme weights in the index", PanelTitleSize);

        var lower = new double[xs.Length];
        var items = new List<LegendItem>();
        for (var t = 0; t < data.ThemeWeights.Count; t++)
        {
            var theme = data.ThemeWeights[t];
            var upper = new double[xs.Length];
            for (var i = 0; i < xs.Length; i++)
            {
                var w = theme.Values[i];
                upper[i] = lower[i] + (double.IsFinite(w) ? Math.Max(w, 0) * 100 : 0);
            }

            var color = ThemeColors[t % ThemeColors.Length];
            var band = plot.Add.FillY(xs, upper, lower);
            band.FillColor = color.WithAlpha(0.85);
            band.LineColor = Colors.White.WithAlpha(0.6);
            band.LineWidth = 0.5f;
            band.MarkerSize = 0;

            // The legend lists the bands top to bottom, as they are stacked.
            items.Insert(0, new LegendItem { LabelText = theme.Label, FillColor = color.WithAlpha(0.85), LineWidth = 0 });
            lower = upper;
        }

        plot.Axes.SetLimitsY(0, 100);
        plot.Axes.Left.TickGenerator = new NumericManual(
            [0, 25, 50, 75, 100],
            ["0%", "25%", "50%", "75%", "100%"]);
        plot.YLabel("Weight (%)", AxisLabelSize);
        ShowLegend(plot, items);
        return plot;
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, Color color, float width)
    {
        // A gap (NaN) splits the line so that no segment is drawn across missing data.
        var start = 0;
        while (start < ys.Length)
        {
            while (start < ys.Length && !double.IsFinite(ys[start]))
            {
                start++;
            }

            var end = start;
            while (end < ys.Length && double.IsFinite(ys[end]))
            {
                end++;
            }

            if (end > start)
            {
                var line = plot.Add.ScatterLine(xs[start..end], ys[start..end], color);
                line.LineWidth = width;
                line.MarkerSize = 0;
            }

            start = end;
        }
    }

    private static void ShowLegend(Plot plot, IEnumerable<LegendItem> items)
    {
        plot.Legend.ManualItems.AddRange(items);
        var panel = plot.ShowLegend(Edge.Right);
        panel.Legend.FontSize = LegendFontSize;
        panel.Alignment = Alignment.UpperLeft;
    }

    private static void UseChartFont(Plot plot)
    {
        plot.Font.Set(Figure.FontFamily);
        plot.Legend.FontName = Figure.FontFamily;
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>())
        {
            text.LabelFontName = Figure.FontFamily;
        }
    }

    private static NumericAutomatic PercentTicks(int? target = null) => new() { LabelFormatter = Ticks.Percent, TargetTickCount = target };

    private static void Style(Plot plot)
    {
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Left.TickLabelStyle.FontSize = TickLabelSize;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickLabelSize;
        plot.Grid.MajorLineColor = Color.FromHex("#E3E3E3");
        plot.Axes.FrameColor(Color.FromHex("#888888"));
    }

    private static Color SeriesColor(int i) => i == 0 ? IndexColor : BenchmarkColors[(i - 1) % BenchmarkColors.Length];

    private static void Validate(PerformanceChartData data)
    {
        if (data.Dates.Length == 0)
        {
            throw new ArgumentException("A performance chart needs at least one date.", nameof(data));
        }

        var n = data.Dates.Length;
        RequireLength(data.Index, n, "dates");
        foreach (var s in data.Benchmarks)
        {
            RequireLength(s, n, "dates");
        }

        foreach (var s in data.ThemeWeights.Concat(data.OtherDrawdowns))
        {
            RequireLength(s, n, "dates");
        }

        if (data.IndexDrawdown.Length != n)
        {
            throw new ArgumentException($"The index drawdown has {data.IndexDrawdown.Length} values for {n} dates.", nameof(data));
        }
    }

    private static void RequireLength(ChartSeries series, int n, string what)
    {
        if (series.Values.Length != n)
        {
            throw new ArgumentException($"The series '{series.Label}' has {series.Values.Length} values for {n} {what}.", nameof(series));
        }
    }
}
