using System.CommandLine;
using Agix.Cli.Commands;

namespace Agix.Cli;

/// <summary>Builds the <c>agix</c> root command from one small factory per command.</summary>
internal static class AgixCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("agix: compute and backtest the AGIX-style thematic AI equity index.")
        {
            BacktestCommand.Create(),
            LevelsCommand.Create(),
            RebalanceCommand.Create(),
            ValidateCommand.Create(),
            ScheduleCommand.Create(),
            TradesCommand.Create(),
            SweepCommand.Create(),
            CompareCommand.Create(),
            DataCommand.Create(),
        };
        return root;
    }
}
