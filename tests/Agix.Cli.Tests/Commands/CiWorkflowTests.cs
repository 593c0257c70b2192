using System.Text.Json;

namespace Agix.Tests.Commands;

/// <summary>Runs the agix command lines of the documented GitHub Actions workflow (docs/ci.md), in order.</summary>
public sealed class CiWorkflowTests : IDisposable
{
    private readonly SmallData _data = new();

    public void Dispose() => _data.Dispose();

    private static IReadOnlyList<string> WorkflowCommands()
    {
        var doc = File.ReadAllLines(RepoFiles.Path("docs", "ci.md"));
        var start = Array.FindIndex(doc, l => l.StartsWith("```yaml", StringComparison.Ordinal));
        var end = Array.FindIndex(doc, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return [.. doc[(start + 1)..end].Select(l => l.Trim()).Where(l => l.StartsWith("agix ", StringComparison.Ordinal))];
    }

    [Fact]
    public void The_documented_workflow_runs_validate_rebalance_and_backtest()
    {
        var commands = WorkflowCommands();

        commands.Select(c => c.Split(' ')[1]).Should().Equal("validate", "rebalance", "rebalance", "backtest", "backtest", "backtest");
    }

    [Fact]
    public void Every_command_of_the_workflow_succeeds_and_writes_its_outputs()
    {
        var output = Path.Combine(_data.Folder, "out");
        Directory.CreateDirectory(output);
        foreach (var line in WorkflowCommands())
        {
            var args = line.Replace("$DATA", _data.Folder, StringComparison.Ordinal)
                .Replace("$OUT", output, StringComparison.Ordinal)
                .Replace("$REBALANCE_DATE", "2024-01-19", StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];

            var (exit, _, error) = Cli.Run(args);

            exit.Should().Be(0, $"'{line}' failed: {error}");
        }

        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["validation.json", "rebalance.json", "rebalance.csv", "backtest.json", "levels.csv", "index.png", "years.png", "rolling.csv", "report.md"]);
        using var rebalance = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "rebalance.json")));
        rebalance.RootElement.GetProperty("date").GetString().Should().Be("2024-01-19");
    }

    [Fact]
    public void The_workflow_fails_on_bad_data()
    {
        _data.Write("prices.csv", File.ReadAllText(_data.File("prices.csv")) + "2024-01-23,AAA,-5,1,0,1\n");
        var validate = WorkflowCommands()[0].Replace("$DATA", _data.Folder, StringComparison.Ordinal).Replace("$OUT", _data.Folder, StringComparison.Ordinal);

        var (exit, _, error) = Cli.Run(validate.Split(' ')[1..]);

        exit.Should().Be(2);
        error.Should().Contain("prices.csv:44:3: error: close must be greater than 0");
    }
}
