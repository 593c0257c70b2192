using System.Text.Json;

namespace Agix.Tests.Commands;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agix-compare-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Methodology(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Each_variant_shows_what_its_own_backtest_shows_side_by_side_with_the_benchmarks()
    {
        var cap15 = Methodology("cap15.json", """{ "weighting": { "stockCap": 0.15 } }""");
        var equal = Methodology("equal.json", """{ "weighting": { "scheme": "equal", "stockCap": null } }""");

        var (exit, output, error) = Cli.Run("compare", "--methodology", cap15, "--methodology", equal, "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var variants = doc.RootElement.GetProperty("variants").EnumerateArray().ToList();
        variants.Select(v => v.GetProperty("name").GetString()).Should().Equal("cap15", "equal");
        doc.RootElement.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("symbol").GetString()).Should().Equal("SPY", "QQQ", "^GSPC", "^NDX");
        foreach (var (file, variant) in new[] { cap15, equal }.Zip(variants))
        {
            var (btExit, btOutput, _) = Cli.Run("backtest", "--methodology", file, "--format", "json");
            btExit.Should().Be(0);
            using var bt = JsonDocument.Parse(btOutput);
            foreach (var s in new[] { "totalReturn", "cagr", "volatility", "sharpe", "maxDrawdown" })
            {
                variant.GetProperty("statistics").GetProperty(s).GetDouble().Should().BeApproximately(bt.RootElement.GetProperty("index").GetProperty("statistics").GetProperty(s).GetDouble(), 1e-12, s);
            }
        }
    }

    [Fact]
    public void Data_folders_compare_too_and_the_levels_csv_has_a_column_per_variant()
    {
        using var a = new SmallData();
        using var b = new SmallData();

        var (exit, output, error) = Cli.Run("compare", "--data", a.Folder, "--data", b.Folder, "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be($"date,{Path.GetFileName(a.Folder)},{Path.GetFileName(b.Folder)}");
        lines[1].Should().Be("2024-01-09,1000,1000");
    }

    [Fact]
    public void The_html_comparison_is_self_contained_with_its_chart_and_tables()
    {
        var cap15 = Methodology("cap15.json", """{ "weighting": { "stockCap": 0.15 } }""");
        var cap20 = Methodology("cap20.json", """{ "weighting": { "stockCap": 0.20 } }""");
        var chart = Path.Combine(_folder, "compare.svg");

        var (exit, output, error) = Cli.Run("compare", "--methodology", cap15, "--methodology", cap20, "--format", "html", "--chart", chart);

        exit.Should().Be(0, error);
        output.Should().Contain("id=\"statistics\"").And.Contain("id=\"levels-chart\"").And.Contain("id=\"years\"").And.Contain("data:image/svg+xml;base64,").And.Contain("default-src 'none'").And.NotContain("<script");
        File.ReadAllText(chart).Should().Contain("<svg");
    }

    [Fact]
    public void The_chart_overlays_each_variants_drawdown_computed_from_its_own_levels()
    {
        var data = IndexData.Load(RepoFiles.Path("data"));
        var a = Backtest.Run(data.WithMethodology(Agix.Methodology.Parse("""{ "weighting": { "stockCap": 0.15 } }""", "a.json")), new BacktestOptions());
        var b = Backtest.Run(data.WithMethodology(Agix.Methodology.Parse("""{ "weighting": { "scheme": "equal", "stockCap": null } }""", "b.json")), new BacktestOptions());

        var chart = new Agix.Cli.Commands.Comparison([("cap15", a), ("equal", b)], synthetic: true).Chart(logScale: true);

        chart.Index.Label.Should().Be("cap15");
        chart.IndexDrawdown.Should().Equal(a.DrawdownByDate);
        chart.OtherDrawdowns.Should().ContainSingle().Which.Label.Should().Be("equal");
        var peak = double.MinValue;
        for (var i = 0; i < b.Levels.Count; i++)
        {
            peak = Math.Max(peak, b.Levels[i]);
            chart.OtherDrawdowns[0].Values[i].Should().BeApproximately((b.Levels[i] / peak) - 1, 1e-12, $"the drawdown of 'equal' on {b.Dates[i]}");
        }

        chart.OtherDrawdowns[0].Values.Min().Should().BeLessThan(-0.05, "the bundled data has real drawdowns");
    }

    [Fact]
    public void Methodologies_compare_on_a_data_folder_that_has_no_methodology_of_its_own()
    {
        using var data = new SmallData();
        var own = File.ReadAllText(data.File("methodology.json"));
        File.Delete(data.File("methodology.json"));
        var one = Methodology("one.json", own);
        var two = Methodology("two.json", own.Replace("\"theme-budget\"", "\"equal\"", StringComparison.Ordinal));

        var (exit, output, error) = Cli.Run("compare", "--data", data.Folder, "--methodology", one, "--methodology", two, "--format", "csv");

        exit.Should().Be(0, error);
        output.Split('\n')[0].Should().Be("date,one,two");
    }

    [Fact]
    public void One_variant_is_not_a_comparison()
    {
        var (exit, _, error) = Cli.Run("compare", "--methodology", Methodology("only.json", "{}"));

        exit.Should().Be(1);
        error.Should().Contain("at least two variants");
    }
}
