using System.CommandLine;
using System.Reflection;
using Agix.Cli.Commands;

namespace Agix.Cli;

/// <summary>Builds the <c>agix</c> root command from one small factory per command.</summary>
internal static class AgixCommand
{
    /// <summary>What <c>agix --version</c> prints: the informational version (version and commit), as System.CommandLine does.</summary>
    public static string Version =>
        typeof(AgixCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AgixCommand).Assembly.GetName().Version?.ToString() ?? "0.0.0";

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
