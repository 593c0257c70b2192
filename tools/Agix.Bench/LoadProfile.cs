using System.Diagnostics;
using System.Globalization;
using Agix.Prices;

namespace Agix.Bench;

/// <summary>Where the time of <c>agix validate</c> and <c>agix backtest</c> goes, stage by stage, in one process.</summary>
internal static class LoadProfile
{
    public static int Run(string folder, int repeats)
    {
        Console.WriteLine($"start: {Hwm()}");
        var paths = DataPaths.FromFolder(folder);
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            var bag = new DiagnosticBag();
            var panel = PriceCsv.Read(paths.Prices, "prices.csv", requireMarketCap: true, bag);
            var read = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"after read: {Hwm()}");
            if (Environment.GetEnvironmentVariable("AGIX_SMAPS") is not null)
            {
                var rows = new List<(long Kb, string Map)>();
                var current = string.Empty;
                foreach (var l in File.ReadLines("/proc/self/smaps"))
                {
                    if (char.IsAsciiHexDigit(l[0]) && l.Contains('-', StringComparison.Ordinal))
                    {
                        current = l;
                    }
                    else if (l.StartsWith("Rss:", StringComparison.Ordinal))
                    {
                        rows.Add((long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture), current));
                    }
                }

                foreach (var (kb, map) in rows.OrderByDescending(r => r.Kb).Take(12))
                {
                    Console.WriteLine($"{kb,8} kB {map}");
                }
            }

            panel = null;
            GC.Collect();
            watch.Restart();
            var data = IndexData.Load(paths);
            var load = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"after load: {Hwm()}");
            watch.Restart();
            var validation = Backtest.Validate(data);
            var validate = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"after validate: {Hwm()}");
            watch.Restart();
            var result = Backtest.Run(data);
            var backtest = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prices read {read:F3} s, IndexData.Load {load:F3} s, Backtest.Validate {validate:F3} s ({validation.Warnings.Count} warnings), Backtest.Run {backtest:F3} s; peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB"));
            GC.KeepAlive(result);
        }

        return 0;
    }

    /// <summary>The process's peak and current resident set (VmHWM, VmRSS).</summary>
    private static string Hwm() => string.Join(", ", File.ReadAllLines("/proc/self/status").Where(l => l.StartsWith("VmHWM", StringComparison.Ordinal) || l.StartsWith("VmRSS", StringComparison.Ordinal)).Select(l => string.Join(' ', l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))));
}
