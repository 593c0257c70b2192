using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Agix.Cli.Charts;
using Agix.Cli.Output;

namespace Agix.Cli.Commands;

/// <summary>
/// The backtest as one self-contained HTML file: every section of the table report, the charts embedded as SVG
/// images (data URIs), one stylesheet allowed by its hash in the page's Content-Security-Policy, no script and no
/// external request of any kind. Narrow screens get one column; print gets page breaks between sections.
/// </summary>
internal sealed partial class BacktestReport
{
    private const string Css = """
        :root { --ink: #1d2430; --muted: #5b6472; --rule: #d8dde4; --accent: #1f5fbf; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 24px; }
        h1 { font-size: 1.6em; margin: 0 0 .2em; } h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 2px solid var(--rule); padding-bottom: .2em; }
        .meta { color: var(--muted); margin: 0 0 1em; display: grid; grid-template-columns: max-content 1fr; gap: .2em 1.2em; } .meta dt { font-weight: 600; color: var(--ink); } .meta dd { margin: 0; }
        .banner { background: #fff3cd; border: 1px solid #e0c46c; padding: .6em 1em; border-radius: 6px; font-weight: 600; }
        .note { color: var(--muted); font-size: .9em; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .4em 0 1em; }
        th, td { padding: .25em .6em; border-bottom: 1px solid var(--rule); white-space: nowrap; }
        th { text-align: left; background: #f3f5f8; } td.n, th.n { text-align: right; } .heat thead th { white-space: normal; }
        figure { margin: 1em 0; } figure img { width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
        figcaption { color: var(--muted); font-size: .9em; }
        .h-5 { background: #b2182b; color: #fff; } .h-4 { background: #d6604d; color: #fff; } .h-3 { background: #f4a582; } .h-2 { background: #fddbc7; } .h-1 { background: #fbeee6; }
        .h0 { background: #f7f7f7; } .h1 { background: #e6f0f7; } .h2 { background: #d1e5f0; } .h3 { background: #92c5de; } .h4 { background: #4393c3; color: #fff; } .h5 { background: #2166ac; color: #fff; } .inf { background: #e4e4e4; color: #666; }
        @media (max-width: 640px) { body { padding: 12px; font-size: 14px; } .meta { grid-template-columns: 1fr; gap: 0; } .meta dd { margin-bottom: .4em; } th, td { padding: .2em .4em; } }
        @media print { body { max-width: none; padding: 0; font-size: 11pt; } section { break-inside: avoid-page; } section.chart { break-before: page; } .scroll { overflow: visible; } a { color: inherit; } }
        """;

    /// <summary>The head of a report page: the policy, the stylesheet (allowed by its hash), the title; then the body opens.</summary>
    internal static void PageStart(TextWriter w, string title)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)));
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\">");
        w.WriteLine("<head>");
        w.WriteLine("<meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'sha256-{hash}'\">");
        w.WriteLine($"<title>{E(title)}</title>");
        w.WriteLine($"<style>{Css}</style>");
        w.WriteLine("</head>");
        w.WriteLine("<body>");
    }

    public void Html(TextWriter w)
    {
        PageStart(w, $"{M.Name}: backtest");
        w.WriteLine($"<header><h1>{E(M.Name)}: backtest</h1>");
        if (data.IsSynthetic)
        {
            w.WriteLine("<p class=\"banner\" id=\"synthetic\">SYNTHETIC demo prices: these figures are not real market data.</p>");
        }

        w.WriteLine("<dl class=\"meta\">");
        Meta(w, "Window", Window);
        Meta(w, "Index", $"{bt.ReturnType.ToLabel()}, base {Fmt.Num(M.BaseValue, 0)} on {Fmt.Date(M.BaseDate)}, {Scheme()}");
        Meta(w, "Benchmarks", string.Join(", ", bt.Benchmarks.Select(b => $"{b.Symbol} ({b.ReturnType.ToLabel()})")));
        Meta(w, "Risk-free", $"{Fmt.Pct(bt.RiskFreeRate)} a year");
        Meta(w, "Data", $"{Inputs.Display(paths.Prices)}; universe {Inputs.Display(paths.Universe)}; methodology {(paths.Methodology is null ? "defaults" : Inputs.Display(paths.Methodology))}");
        w.WriteLine("</dl>");
        if (ShortWindow)
        {
            w.WriteLine("<p class=\"note\">The window is shorter than a year: annualised figures (CAGR, volatility, Sharpe, alpha) extrapolate it.</p>");
        }

        w.WriteLine("</header>");
        w.WriteLine("<main>");

        Section(w, "performance", "Performance", () =>
        {
            var names = AllSeries.ToList();
            Table(w, ["", .. names.Select(n => n.Name)], [
                ["Total return", .. names.Select(n => Fmt.Pct(n.Stats.TotalReturn, 1))],
                ["CAGR", .. names.Select(n => Fmt.Pct(n.Stats.Cagr))],
                ["Volatility", .. names.Select(n => Fmt.Pct(n.Stats.Volatility))],
                ["Sharpe", .. names.Select(n => Fmt.Num(n.Stats.Sharpe))],
                ["Sortino", .. names.Select(n => Fmt.Num(n.Stats.Sortino))],
                ["Max drawdown", .. names.Select(n => Fmt.Pct(n.Stats.MaxDrawdown))],
                ["Calmar", .. names.Select(n => Fmt.Num(n.Stats.Calmar))],
                ["End level", Fmt.Num(bt.Levels[^1]), .. bt.Benchmarks.Select(b => Fmt.Num(b.Levels.LastOrDefault(double.IsFinite, double.NaN)))],
            ]);
        });
        Section(w, "relative", $"{Label} relative to each benchmark", () =>
            Table(w, ["", "beta", "alpha", "correlation", "tracking error", "information ratio", "up capture", "down capture"],
                [.. bt.Benchmarks.Select(b => (string[])[b.Symbol, Fmt.Num(b.Relative.Beta), Fmt.Pct(b.Relative.Alpha), Fmt.Num(b.Relative.Correlation), Fmt.Pct(b.Relative.TrackingError), Fmt.Num(b.Relative.InformationRatio), Fmt.Num(b.Relative.UpCapture), Fmt.Num(b.Relative.DownCapture)])]));
        Section(w, "levels-chart", "Levels, drawdown and theme weights", () =>
            Figure(w, ChartRenderer.Performance(PerformanceChart(logScale: true), ChartFormat.Svg), $"{Label} and the benchmarks rebased to {Fmt.Num(M.BaseValue, 0)} (log scale), the index's drawdown, and its theme weights over time"), chart: true);
        if (bt.Benchmarks.Count > 0)
        {
            Section(w, "rolling-chart", "Rolling volatility and beta", () =>
                Figure(w, ChartRenderer.Rolling(RollingChart(), ChartFormat.Svg), $"Rolling {Statistics.DefaultRollingWindow}-day annualised volatility of {Label} and each benchmark, and {Label}'s rolling beta to each benchmark"), chart: true);
        }

        Section(w, "years", "Calendar-year returns", () =>
        {
            var years = bt.CalendarYears.Select(y => y.Year).ToList();
            Table(w, ["", .. bt.CalendarYears.Select(YearLabel)], [
                [Label, .. bt.CalendarYears.Select(y => Fmt.Pct(y.Return, 1))],
                .. bt.Benchmarks.Select(b => (string[])[b.Symbol, .. years.Select(y => Fmt.Pct(b.CalendarYears.FirstOrDefault(p => p.Year == y)?.Return ?? double.NaN, 1))]),
            ]);
            w.WriteLine("<p class=\"note\">* partial year</p>");
            Figure(w, ChartRenderer.CalendarYears(YearsChart(), ChartFormat.Svg), "Calendar-year returns of the index and each benchmark");
        });
        Section(w, "monthly", "Monthly returns", () => MonthlyHeatMap(w));
        Section(w, "drawdowns", "Deepest drawdowns", () =>
            Table(w, ["peak", "trough", "recovery", "depth", "trading days", "calendar days"],
                [.. bt.Drawdowns.Select(d => (string[])[Fmt.Date(d.Peak), Fmt.Date(d.Trough), d.Recovery is { } rec ? Fmt.Date(rec) : "not recovered", Fmt.Pct(d.Depth), d.TradingDays.ToString(CultureInfo.InvariantCulture), d.CalendarDays.ToString(CultureInfo.InvariantCulture)])]));
        Section(w, "attribution", "Contribution to the return (percentage points)", () =>
        {
            var periods = bt.Attribution.Skip(1).ToList();
            Table(w, ["theme", "window", .. periods.Select(p => p.Label)], [
                .. bt.Attribution[0].Themes.Select(t => (string[])[t.Key, Fmt.Num(t.Value * 100, 1), .. periods.Select(p => Fmt.Num((p.Themes.FirstOrDefault(x => x.Key == t.Key)?.Value ?? 0) * 100, 1))]),
                ["index return", Fmt.Num(bt.Attribution[0].IndexReturn * 100, 1), .. periods.Select(p => Fmt.Num(p.IndexReturn * 100, 1))],
            ]);
            Table(w, ["name", "theme", "average weight", "contribution (pp)"],
                [.. bt.Attribution[0].Constituents.Select(c => (string[])[c.Key, c.Theme?.ToName() ?? string.Empty, Fmt.Pct(c.AverageWeight, 1), Fmt.Num(c.Value * 100, 1)])], textColumns: 2);
        });
        Section(w, "rebalances", "Rebalances", () =>
            Table(w, ["date", "selection", "names", "one-way turnover", "cost", "joined", "left"],
                [.. bt.Index.Rebalances.Select(r => (string[])[Fmt.Date(r.Date), Fmt.Date(r.SelectionDate), r.Constituents.Count.ToString(CultureInfo.InvariantCulture), r.IsBase ? "base" : Fmt.Pct(r.Turnover), Fmt.Pct(r.Cost, 3), string.Join(" ", r.Added), string.Join(" ", r.Removed)])]));
        Section(w, "methodology", "Methodology and data", () =>
        {
            w.WriteLine("<dl class=\"meta\">");
            Meta(w, "Weighting", Scheme());
            Meta(w, "Rebalancing", $"third Friday of months {string.Join(", ", M.RebalanceRules.Months)}, rolled {(M.RebalanceRules.HolidayRoll == HolidayRoll.Preceding ? "back" : "forward")} to a trading day; selection {M.RebalanceRules.SelectionLagDays} trading days before");
            Meta(w, "Costs", $"{Fmt.Num(M.TransactionCostBps, 1)} bp per side; withholding tax {Fmt.Pct(M.WithholdingTax, 0)} (net return)");
            Meta(w, "Prices", Inputs.Display(paths.Prices));
            Meta(w, "Benchmarks file", paths.Benchmarks is null ? "-" : Inputs.Display(paths.Benchmarks));
            Meta(w, "Made by", $"agix {typeof(BacktestReport).Assembly.GetName().Version?.ToString(3) ?? "?"}");
            w.WriteLine("</dl>");
        });
        w.WriteLine("</main>");
        w.WriteLine("</body>");
        w.WriteLine("</html>");
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static void Meta(TextWriter w, string term, string value) => w.WriteLine($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");

    internal static void Section(TextWriter w, string id, string title, Action body, bool chart = false)
    {
        w.WriteLine($"<section id=\"{id}\"{(chart ? " class=\"chart\"" : string.Empty)}>");
        w.WriteLine($"<h2>{E(title)}</h2>");
        body();
        w.WriteLine("</section>");
    }

    /// <summary>A table whose first <paramref name="textColumns"/> columns are text (left-aligned, the first one a row header) and the rest numbers.</summary>
    internal static void Table(TextWriter w, string[] headers, IReadOnlyList<string[]> rows, int textColumns = 1)
    {
        w.WriteLine("<div class=\"scroll\"><table>");
        w.Write("<thead><tr>");
        for (var c = 0; c < headers.Length; c++)
        {
            w.Write(c < textColumns ? $"<th>{E(headers[c])}</th>" : $"<th class=\"n\">{E(headers[c])}</th>");
        }

        w.WriteLine("</tr></thead>");
        w.WriteLine("<tbody>");
        foreach (var row in rows)
        {
            w.Write("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                w.Write(c == 0 ? $"<th>{E(row[c])}</th>" : c < textColumns ? $"<td>{E(row[c])}</td>" : $"<td class=\"n\">{E(row[c])}</td>");
            }

            w.WriteLine("</tr>");
        }

        w.WriteLine("</tbody></table></div>");
    }

    internal static void Figure(TextWriter w, byte[] svg, string caption)
    {
        w.WriteLine($"<figure><img alt=\"{E(caption)}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(svg)}\"><figcaption>{E(caption)}</figcaption></figure>");
    }

    /// <summary>The index's monthly returns as a year × month grid, each cell shaded by its return (classes, no inline style).</summary>
    private void MonthlyHeatMap(TextWriter w)
    {
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        w.WriteLine("<div class=\"scroll\"><table class=\"heat\">");
        w.WriteLine("<thead><tr><th>year</th>" + string.Concat(months.Select(m => $"<th class=\"n\">{m}</th>")) + "<th class=\"n\">year</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (var year in bt.Months.Select(m => m.Year).Distinct())
        {
            w.Write($"<tr><th>{year.ToString(CultureInfo.InvariantCulture)}</th>");
            for (var month = 1; month <= 12; month++)
            {
                var r = bt.Months.FirstOrDefault(m => m.Year == year && m.Month == month);
                w.Write(r is null ? "<td></td>" : $"<td class=\"n {Shade(r.Return)}\">{E(Fmt.Pct(r.Return, 1))}{(r.IsPartial ? "*" : string.Empty)}</td>");
            }

            var y = bt.CalendarYears.FirstOrDefault(c => c.Year == year);
            w.WriteLine(y is null ? "<td></td></tr>" : $"<td class=\"n\">{E(Fmt.Pct(y.Return, 1))}{(y.IsPartial ? "*" : string.Empty)}</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");
        w.WriteLine("<p class=\"note\">* partial month or year. Shades run from deep red (−10 % or worse) to deep blue (+10 % or better).</p>");
    }

    private static string Shade(double r) => double.IsNaN(r) ? "h0" : "h" + Math.Clamp((int)Math.Round(r / 0.02), -5, 5).ToString(CultureInfo.InvariantCulture);
}
