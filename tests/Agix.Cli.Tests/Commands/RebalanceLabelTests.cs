using Agix.Cli.Output;

namespace Agix.Tests.Commands;

/// <summary>The backtest report names the rebalance frequency of the methodology it ran, never a fixed "quarterly".</summary>
public sealed class RebalanceLabelTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", "monthly rebalancing")]
    [InlineData("[3, 6, 9, 12]", "quarterly rebalancing")]
    [InlineData("[1, 4, 7, 10]", "quarterly rebalancing")]
    [InlineData("[11, 2, 5, 8]", "quarterly rebalancing")]
    [InlineData("[6, 12]", "semi-annual rebalancing")]
    [InlineData("[1, 7]", "semi-annual rebalancing")]
    [InlineData("[1]", "annual rebalancing")]
    [InlineData("[3, 8]", "rebalancing in March and August")]
    [InlineData("[10, 1, 4]", "rebalancing in Jan, Apr and Oct")]
    [InlineData("[1, 3, 5, 7, 9, 11]", "rebalancing in Jan, Mar, May, Jul, Sep and Nov")]
    public void The_table_and_the_markdown_report_name_the_methodology_rebalance_months(string months, string label)
    {
        _data.Write("methodology.json", $$"""
            { "name": "Test Index", "baseDate": "2024-01-09", "returnType": "price",
              "rebalance": { "months": {{months}}, "selectionLagDays": 2 },
              "weighting": { "scheme": "theme-budget", "stockCap": 1, "themeBudgets": { "compute": 0.5, "cloud": 0.3, "software": 0.2 } },
              "benchmarks": ["SPY"] }
            """);

        var table = Cli.Run("backtest", "--data", _data.Folder);
        var markdown = Cli.Run("backtest", "--data", _data.Folder, "--format", "markdown");

        table.Exit.Should().Be(0, table.Err);
        table.Out.Should().Contain($", {label}\n");
        markdown.Out.Should().Contain($", {label}\n");
        if (label != "quarterly rebalancing")
        {
            table.Out.Should().NotContain("quarterly");
            markdown.Out.Should().NotContain("quarterly");
        }
    }

    [Theory]
    [InlineData(new[] { 2, 4, 6, 8, 10, 12 }, "rebalancing in Feb, Apr, Jun, Aug, Oct and Dec")]
    [InlineData(new[] { 1, 5, 9 }, "rebalancing in Jan, May and Sep")]
    [InlineData(new[] { 9, 3 }, "semi-annual rebalancing")]
    [InlineData(new[] { 12 }, "annual rebalancing")]
    [InlineData(new[] { 4, 4, 1, 7, 10 }, "quarterly rebalancing")]
    public void The_label_is_derived_from_the_months_alone(int[] months, string label)
    {
        Labels.Rebalancing(months).Should().Be(label);
    }
}
