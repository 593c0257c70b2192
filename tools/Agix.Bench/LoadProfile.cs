using System.Diagnostics;
using System.Globalization;
using Agix.Prices;

namespace Agix.Bench;

/// <summary>Where the time of <c>agix validate</c> and <c>agix backtest</c> goes, stage by stage, in one process.</summary>
internal static class LoadProfile
{
    public static int Run(string folder, int repeats)
    {
        var paths = DataPaths.FromFolder(folder);
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            var bag = new DiagnosticBag();
            var panel = PriceCsv.Read(paths.Prices, "prices.csv", requireMarketCap: true, bag);
            var read = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var data = IndexData.Load(paths);
            var load = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var validation = Backtest.Validate(data);
            var validate = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var result = Backtest.Run(data);
            var backtest = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prices read {read:F3} s ({panel?.SymbolCount} symbols), IndexData.Load {load:F3} s, Backtest.Validate {validate:F3} s ({validation.Warnings.Count} warnings), Backtest.Run {backtest:F3} s; peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB"));
            GC.KeepAlive(result);
        }

        return 0;
    }
}
