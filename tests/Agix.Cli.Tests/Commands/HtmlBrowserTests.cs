using Microsoft.Playwright;

namespace Agix.Tests.Commands;

/// <summary>
/// The HTML report in a real browser: Debian's Chromium driven by Playwright through its executable path (no browser
/// download). Mandatory under <c>AGIX_REQUIRE_BROWSER=1</c> (set by <c>.ci/run</c>, which installs Chromium); skipped
/// with the reason where no Chromium is installed.
/// </summary>
public sealed class HtmlBrowserTests : IDisposable
{
    private static readonly string[] Sections = ["performance", "relative", "levels-chart", "rolling-chart", "years", "monthly", "drawdowns", "attribution", "rebalances", "methodology", "synthetic"];

    private readonly string _folder = Directory.CreateTempSubdirectory("agix-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("AGIX_CHROMIUM") ?? "/usr/bin/chromium";
        if (File.Exists(path))
        {
            return path;
        }

        var reason = $"No Chromium at {path} (install Debian's chromium package, or set AGIX_CHROMIUM).";
        if (Environment.GetEnvironmentVariable("AGIX_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail(reason + " AGIX_REQUIRE_BROWSER=1 makes the browser test mandatory.");
        }

        Assert.Skip(reason);
        return path;
    }

    [Fact]
    public async Task The_report_renders_offline_at_desktop_and_phone_width_and_prints_to_pdf()
    {
        var chromium = Chromium();
        var report = Path.Combine(_folder, "report.html");
        var (exit, _, error) = Cli.Run("backtest", "--format", "html", "--output", report);
        exit.Should().Be(0, error);

        await CheckAsync(chromium, report, Sections, images: 3);
    }

    [Fact]
    public async Task The_comparison_and_the_sweep_pages_render_offline_too()
    {
        var chromium = Chromium();
        var methodology = File.ReadAllText(RepoFiles.Path("data", "methodology.json"));
        var cap15 = Path.Combine(_folder, "cap15.json");
        File.WriteAllText(cap15, methodology.Replace("\"stockCap\": 0.10", "\"stockCap\": 0.15", StringComparison.Ordinal));
        var compare = Path.Combine(_folder, "compare.html");
        var sweep = Path.Combine(_folder, "sweep.html");
        var (exit, _, error) = Cli.Run("compare", "--methodology", RepoFiles.Path("data", "methodology.json"), "--methodology", cap15, "--format", "html", "--output", compare);
        exit.Should().Be(0, error);
        (exit, _, error) = Cli.Run("sweep", "--vary", "weighting.stockCap=0.05,0.10,0.15", "--vary", "weighting.scheme=theme-budget,capped-market-cap", "--vary", "transactionCostBps=0,25", "--format", "html", "--output", sweep);
        exit.Should().Be(0, error);

        await CheckAsync(chromium, compare, ["statistics", "levels-chart", "years", "synthetic"], images: 1);
        await CheckAsync(chromium, sweep, ["heatmap", "variants", "infeasible", "synthetic"], images: 0);
    }

    /// <summary>
    /// Opens the page at 1280 and 390 px: no console error or policy violation, no request beyond the file, every
    /// section with a size, every chart drawn, no page-wide horizontal scroll; at 1280 px it prints to a PDF.
    /// </summary>
    private async Task CheckAsync(string chromium, string file, string[] sections, int images)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
            var problems = new List<string>();
            var requests = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type is "error" or "warning")
                {
                    problems.Add($"{m.Type}: {m.Text}");
                }
            };
            page.PageError += (_, e) => problems.Add($"page error: {e}");
            page.Request += (_, r) => requests.Add(r.Url);

            await page.GotoAsync(new Uri(file).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            var name = Path.GetFileNameWithoutExtension(file);
            problems.Should().BeEmpty($"no console error or CSP violation in {name} at {width} px");
            requests.Should().OnlyContain(u => u.StartsWith("file://", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal), "nothing is fetched from a network");
            foreach (var id in sections)
            {
                var box = await page.Locator($"#{id}").BoundingBoxAsync();
                box.Should().NotBeNull($"{name} #{id}");
                (box!.Width > 0 && box.Height > 0).Should().BeTrue($"{name} #{id} has a size at {width} px");
            }

            var drawn = await page.EvaluateAsync<int[]>("() => Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)");
            drawn.Should().HaveCount(images).And.NotContain(0, $"every chart of {name} is drawn");
            var bodyWidth = await page.EvaluateAsync<int>("() => document.body.scrollWidth");
            bodyWidth.Should().BeLessThanOrEqualTo(width, "tables scroll inside their box; the page itself does not");
            await page.ScreenshotAsync(new() { Path = Path.Combine(_folder, $"{name}-{width}.png"), FullPage = true });
            if (width == 1280)
            {
                var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
                pdf.Length.Should().BeGreaterThan(10_000);
                System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
            }

            await page.CloseAsync();
        }
    }
}
