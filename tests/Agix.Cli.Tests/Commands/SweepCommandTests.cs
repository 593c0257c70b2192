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
