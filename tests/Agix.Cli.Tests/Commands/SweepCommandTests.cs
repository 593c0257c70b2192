using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agix.Tests.Commands;

public sealed class SweepCommandTests : IDisposable
{
    private static readonly string[] Statistics = ["totalReturn", "cagr", "volatility", "sharpe", "sortino", "maxDrawdown", "calmar"];

    private readonly string _folder = Directory.CreateTempSubdirectory("agix-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_variant_equals_a_separate_backtest_of_its_methodology_to_1e_12()
    {
        var (exit, output, error) = Cli.Run("sweep", "--vary", "weighting.stockCap=0.10,0.15", "--vary", "transactionCostBps=0,25", "--vary", "rebalance.selectionLagDays=0,5", "--format", "json");

        exit.Should().Be(0, error);
        using var doc = JsonDocument.Parse(output);
        var variants = doc.RootElement.GetProperty("variants").EnumerateArray().ToList();
        variants.Should().HaveCount(8);
        foreach (var v in variants)
        {
            var settings = v.GetProperty("settings");
            var methodology = JsonNode.Parse(File.ReadAllText(RepoFiles.Path("data", "methodology.json")))!.AsObject();
            methodology["weighting"]!["stockCap"] = double.Parse(settings.GetProperty("weighting.stockCap").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            methodology["transactionCostBps"] = double.Parse(settings.GetProperty("transactionCostBps").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            methodology["rebalance"] ??= new JsonObject();
            methodology["rebalance"]!["selectionLagDays"] = int.Parse(settings.GetProperty("rebalance.selectionLagDays").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var file = Path.Combine(_folder, $"m{Guid.NewGuid():N}.json");
            File.WriteAllText(file, methodology.ToJsonString());

            var (btExit, btOutput, btError) = Cli.Run("backtest", "--methodology", file, "--format", "json");

            btExit.Should().Be(0, btError);
            using var bt = JsonDocument.Parse(btOutput);
            var expected = bt.RootElement.GetProperty("index").GetProperty("statistics");
            foreach (var s in Statistics)
            {
                v.GetProperty("statistics").GetProperty(s).GetDouble().Should().BeApproximately(expected.GetProperty(s).GetDouble(), 1e-12, $"{s} of {settings}");
            }
        }
    }

    [Fact]
    public void An_infeasible_variant_is_a_row_not_a_failure_and_csv_has_the_contract_columns()
    {
        var (exit, output, error) = Cli.Run("sweep", "--vary", "weighting.stockCap=0.05,0.10", "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("weighting.stockCap,feasible,totalReturn,cagr,volatility,sharpe,sortino,maxDrawdown,calmar,turnover");
        lines[1].Should().Be("0.05,false,,,,,,,,");
        lines[2].Should().StartWith("0.10,true,");
    }

    [Fact]
    public void The_table_is_sorted_by_the_chosen_statistic_best_first()
    {
        var (exit, output, _) = Cli.Run("sweep", "--vary", "transactionCostBps=0,50,100", "--sort", "totalReturn");

        exit.Should().Be(0);
        var rows = output.Split('\n').Where(l => l.TrimStart().StartsWith("0 ", StringComparison.Ordinal) || l.TrimStart().StartsWith("50 ", StringComparison.Ordinal) || l.TrimStart().StartsWith("100 ", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')[0]).ToList();
        rows.Should().Equal("0", "50", "100");
    }

    [Fact]
    public void The_html_heat_map_shows_the_best_of_the_other_keys_for_each_pair_of_values()
    {
        string[] grid = ["--vary", "weighting.stockCap=0.05,0.10,0.15", "--vary", "transactionCostBps=0,50", "--vary", "rebalance.selectionLagDays=0,5", "--sort", "cagr"];
        var (csvExit, csv, csvError) = Cli.Run(["sweep", .. grid, "--format", "csv"]);
        var (exit, html, error) = Cli.Run(["sweep", .. grid, "--format", "html"]);

        csvExit.Should().Be(0, csvError);
        exit.Should().Be(0, error);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var cells = HeatMap(html);
        cells.Keys.Should().BeEquivalentTo(["0.05", "0.10", "0.15"]);
        foreach (var (cap, values) in cells)
        {
            values.Should().HaveCount(2, "one column per transaction cost");
            for (var c = 0; c < 2; c++)
            {
                var cost = new[] { "0", "50" }[c];
                var group = rows.Where(r => r[0] == cap && r[1] == cost).ToList();
                group.Should().HaveCount(2, "two selection lags per cell");
                if (group.All(r => r[3] == "false"))
                {
                    values[c].Should().Be("infeasible");
                    continue;
                }

                var best = group.Where(r => r[3] == "true").Max(r => double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture));
                values[c].Should().Be((best * 100).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " %", $"the best CAGR at cap {cap}, cost {cost}");
            }
        }

        cells["0.05"].Should().Equal("infeasible", "infeasible");
        html.Should().Contain("id=\"variants\"").And.Contain("id=\"infeasible\"").And.Contain("id=\"synthetic\"").And.Contain("default-src 'none'").And.NotContain("<script");
    }

    [Fact]
    public void The_heat_map_keys_can_be_chosen_and_a_key_that_is_not_varied_is_a_usage_error()
    {
        string[] grid = ["sweep", "--vary", "weighting.stockCap=0.10,0.15", "--vary", "transactionCostBps=0,50,100", "--format", "html"];

        var (exit, html, error) = Cli.Run([.. grid, "--heat-map", "transactionCostBps,weighting.stockCap"]);
        var (badExit, _, badError) = Cli.Run([.. grid, "--heat-map", "transactionCostBps,weighting.themeCap"]);

        exit.Should().Be(0, error);
        HeatMap(html).Keys.Should().Equal("0", "50", "100");
        badExit.Should().Be(1);
        badError.Should().Contain("--heat-map").And.Contain("weighting.stockCap, transactionCostBps");
    }

    [Fact]
    public void A_feasible_variant_whose_statistic_is_undefined_is_not_called_infeasible()
    {
        var (exit, html, error) = Cli.Run("sweep", "--vary", "weighting.stockCap=0.10,0.15", "--vary", "transactionCostBps=0,25", "--from", "2022-12-01", "--to", "2022-12-02", "--sort", "sharpe", "--format", "html");

        exit.Should().Be(0, error);
        HeatMap(html).Values.SelectMany(v => v).Should().OnlyContain(c => c == "n/a", "one daily return has no Sharpe ratio, but every variant is feasible");
        html.Should().NotContain("id=\"infeasible\"");
    }

    [Fact]
    public void Shades_follow_the_values_as_shown()
    {
        var (exit, html, error) = Cli.Run("sweep", "--vary", "transactionCostBps=0,0.001", "--vary", "rebalance.selectionLagDays=5,6", "--sort", "sharpe", "--format", "html");

        exit.Should().Be(0, error);
        var cells = System.Text.RegularExpressions.Regex.Matches(html[html.IndexOf("<table class=\"heat\">", StringComparison.Ordinal)..], "<td class=\"n (h-?[0-9])\"[^>]*>([^<]*)</td>").Select(m => (Shade: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();
        cells.Should().HaveCount(4);
        foreach (var group in cells.GroupBy(c => c.Text))
        {
            group.Select(c => c.Shade).Distinct().Should().ContainSingle($"cells that read {group.Key} are shaded alike");
        }
    }

    [Fact]
    public void A_value_given_twice_for_one_key_is_a_usage_error()
    {
        var (exit, _, error) = Cli.Run("sweep", "--vary", "weighting.stockCap=0.05,0.10,0.05");

        exit.Should().Be(1);
        error.Should().Contain("weighting.stockCap").And.Contain("0.05 is given twice");
    }

    /// <summary>The heat map's cells by row label, in column order.</summary>
    private static Dictionary<string, List<string>> HeatMap(string html)
    {
        var table = System.Text.RegularExpressions.Regex.Match(html, "<table class=\"heat\">.*?<tbody>(.*?)</tbody>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        return System.Text.RegularExpressions.Regex.Matches(table, "<tr><th>([^<]*)</th>(.*?)</tr>")
            .ToDictionary(m => m.Groups[1].Value, m => System.Text.RegularExpressions.Regex.Matches(m.Groups[2].Value, "<td[^>]*>([^<]*)</td>").Select(c => c.Groups[1].Value).ToList());
    }

    [Theory]
    [InlineData("weighting.stockCap", 1)]
    [InlineData("weighting.stockCap=", 1)]
    [InlineData("weighting.stockCap=2", 2)]
    [InlineData("weighting.colour=red", 2)]
    public void A_bad_vary_is_a_usage_error_and_a_bad_value_names_the_key(string vary, int code)
    {
        var (exit, _, error) = Cli.Run("sweep", "--vary", vary);

        exit.Should().Be(code);
        error.Should().Contain(code == 1 ? "--vary" : vary.Split('=')[0].Split('.')[^1]);
    }
}
