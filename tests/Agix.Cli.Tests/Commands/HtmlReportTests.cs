using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Agix.Tests.Commands;

/// <summary>The one-file HTML report: every section, embedded charts, no external request, a strict policy.</summary>
public sealed partial class HtmlReportTests
{
    private static string Report(params string[] more)
    {
        var (exit, output, error) = Cli.Run(["backtest", "--format", "html", .. more]);
        exit.Should().Be(0, error);
        return output;
    }

    [Fact]
    public void The_report_has_every_section_of_the_table_report_and_the_synthetic_banner()
    {
        var html = Report();

        foreach (var id in new[] { "performance", "relative", "levels-chart", "rolling-chart", "years", "monthly", "drawdowns", "attribution", "rebalances", "methodology", "synthetic" })
        {
            html.Should().Contain($"id=\"{id}\"", id);
        }

        html.Should().Contain("<th>Total return</th>").And.Contain("<th>SPY</th>").And.Contain("2022*");
        Regex.Count(html, "<img alt=\"[^\"]+\" src=\"data:image/svg\\+xml;base64,").Should().Be(3, "levels with drawdown and theme weights, rolling volatility and beta, calendar years");
    }

    [Fact]
    public void Nothing_is_loaded_from_outside_and_the_policy_allows_only_the_report_itself()
    {
        var html = Report();

        UrlAttribute().Matches(html).Select(m => m.Groups[1].Value).Should().OnlyContain(v => v.StartsWith("data:", StringComparison.Ordinal) || v.StartsWith('#'));
        html.Should().NotContain("<script").And.NotContain("@import").And.NotContain("url(").And.NotContain(" style=\"");
        html.Should().MatchRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/=]+'\">");
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)));
        html.Should().Contain($"style-src 'sha256-{hash}'", "the one stylesheet is allowed by its hash");
    }

    [Fact]
    public void The_report_is_well_formed_and_escapes_text()
    {
        using var data = new SmallData();
        data.Write("methodology.json", File.ReadAllText(data.File("methodology.json")).Replace("\"Test Index\"", "\"A <b>bold</b> & \\\"quoted\\\" index\"", StringComparison.Ordinal));

        var html = Report("--data", data.Folder);

        html.Should().Contain("A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; index").And.NotContain("<b>bold</b>");
        var body = html[html.IndexOf("<html", StringComparison.Ordinal)..].Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", StringComparison.Ordinal);
        body = Regex.Replace(body, "<(meta|img)([^>]*?)(?<!/)>", "<$1$2/>");
        var act = () => XDocument.Parse(body);
        act.Should().NotThrow("every element is closed and every text escaped");
    }

    [Fact]
    public void The_report_is_byte_identical_run_to_run()
    {
        Report().Should().Be(Report());
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex UrlAttribute();
}
