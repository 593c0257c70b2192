using System.Text.Json;
using Agix.Tests.DataPull;

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
    public void The_documented_workflow_pulls_then_runs_validate_rebalance_and_backtest()
    {
        var commands = WorkflowCommands();

        commands.Select(c => c.Split(' ')[1]).Should().Equal("data", "validate", "rebalance", "rebalance", "backtest", "backtest", "backtest");
    }

    [Fact]
    public void Every_command_of_the_workflow_succeeds_and_writes_its_outputs()
    {
        // The repository of the workflow holds universe.csv and methodology.json; the pull brings the prices, here
        // from the local fake Yahoo and SEC server built from the demo data (DELL left out: its deliberate early
        // end is a warning, and the workflow validates with --strict).
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
        var data = Path.Combine(_data.Folder, "repo-data");
        Directory.CreateDirectory(data);
        File.WriteAllLines(Path.Combine(data, "universe.csv"), File.ReadAllLines(RepoFiles.Path("data", "universe.csv")).Where(l => !l.StartsWith("DELL,", StringComparison.Ordinal)));
        File.Copy(RepoFiles.Path("data", "methodology.json"), Path.Combine(data, "methodology.json"));
        var shares = server.WriteSharesFile(Path.Combine(_data.Folder, "tsm.csv"), ["TSM"]);
        var output = Path.Combine(_data.Folder, "out");
        Directory.CreateDirectory(output);
        foreach (var line in WorkflowCommands())
        {
            var args = line.Replace("$DATA", data, StringComparison.Ordinal)
                .Replace("$OUT", output, StringComparison.Ordinal)
                .Replace("$REBALANCE_DATE", "2025-12-19", StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
            if (args[0] == "data")
            {
                // What the workflow's environment gives: AGIX_USER_AGENT, and the sources (here the local server).
                args = [.. args, "--yahoo-url", server.YahooUrl, "--sec-url", server.SecUrl, "--user-agent", "ci test@example.com", "--shares", shares];
            }

            var (exit, _, error) = Cli.Run(args);

            exit.Should().Be(0, $"'{line}' failed: {error}");
        }

        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["validation.json", "rebalance.json", "rebalance.csv", "backtest.json", "levels.csv", "index.png", "years.png", "rolling.csv", "report.md"]);
        using var rebalance = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "rebalance.json")));
        rebalance.RootElement.GetProperty("date").GetString().Should().Be("2025-12-19");
        rebalance.RootElement.GetProperty("synthetic").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void The_workflow_fails_on_bad_data()
    {
        _data.Write("prices.csv", File.ReadAllText(_data.File("prices.csv")) + "2024-01-23,AAA,-5,1,0,1\n");
        var validate = WorkflowCommands().Single(c => c.StartsWith("agix validate", StringComparison.Ordinal)).Replace("$DATA", _data.Folder, StringComparison.Ordinal).Replace("$OUT", _data.Folder, StringComparison.Ordinal);

        var (exit, _, error) = Cli.Run(validate.Split(' ')[1..]);

        exit.Should().Be(2);
        error.Should().Contain("prices.csv:44:3: error: close must be greater than 0");
    }
}
