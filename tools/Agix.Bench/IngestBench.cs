using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using NodaTime;

namespace Agix.Bench;

/// <summary>
/// The ingest benchmark (issue 12): a generated data folder of many symbols over a long history, a bare CsvHelper
/// loop over its prices, and a side-by-side timing of that loop against <c>agix validate</c> and
/// <c>agix backtest --format json</c>, each as a whole process.
/// </summary>
internal static class IngestBench
{
    private const string Header = "date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap\n";

    private static readonly string[] Themes = ["compute", "cloud", "edge", "interconnect", "software"];

    /// <summary>
    /// Writes a data folder (prices.csv, benchmarks.csv, universe.csv, methodology.json, shape.txt): the 26 bundled
    /// universe names plus generated ones (X0001, …), on the NYSE trading days that end on 2025-12-31, a seeded random
    /// walk per symbol with quarterly dividends on a third of the names and a 4-for-1 split whenever a close passes
    /// 2,000. Every symbol is a universe member (themes taken in turn), so the index runs on all of them. The same
    /// arguments give the same bytes.
    /// </summary>
    public static int Generate(string repo, string folder, int symbolCount, int years, double gb)
    {
        Directory.CreateDirectory(folder);
        var universe = File.ReadAllLines(Path.Combine(repo, "data", "universe.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        var bundled = universe.Select(l => l.Split(',')[0]).ToArray();
        var symbols = bundled.Concat(Enumerable.Range(1, Math.Max(0, symbolCount - bundled.Length)).Select(i => $"X{i:D4}")).Take(symbolCount).ToArray();

        // Trading days back from 2025-12-31: `years` calendar years, or as many as make about `gb` GiB.
        const int bytesPerRow = 52;
        var last = new LocalDate(2025, 12, 31);
        var first = gb > 0 ? LocalDate.MinIsoValue : last.PlusYears(-years).PlusDays(1);
        var targetDates = gb > 0 ? (long)(gb * (1L << 30) / bytesPerRow / symbols.Length) + 1 : long.MaxValue;
        var dates = new List<LocalDate>();
        for (var d = last; d >= first && dates.Count < targetDates; d = d.PlusDays(-1))
        {
            if (NyseCalendar.IsTradingDay(d))
            {
                dates.Add(d);
            }
        }

        dates.Reverse();
        var watch = Stopwatch.StartNew();
        var rows = WritePrices(Path.Combine(folder, "prices.csv"), symbols, dates);
        WriteBenchmarks(Path.Combine(folder, "benchmarks.csv"), dates);
        using (var w = new StreamWriter(Path.Combine(folder, "universe.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine("symbol,name,theme");
            foreach (var line in universe)
            {
                w.WriteLine(line);
            }

            for (var i = bundled.Length; i < symbols.Length; i++)
            {
                w.WriteLine($"{symbols[i]},Generated {symbols[i]},{Themes[i % Themes.Length]}");
            }
        }

        File.Copy(Path.Combine(repo, "data", "methodology.json"), Path.Combine(folder, "methodology.json"), true);
        File.WriteAllText(Path.Combine(folder, "shape.txt"), string.Create(CultureInfo.InvariantCulture, $"{rows} {symbols.Length} {dates.Count}\n"));
        var size = new FileInfo(Path.Combine(folder, "prices.csv")).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {folder}: prices.csv {size / (double)(1 << 20):F0} MiB, {rows:N0} rows, {symbols.Length} symbols x {dates.Count} dates ({dates[0]:uuuu-MM-dd} to {dates[^1]:uuuu-MM-dd}) in {watch.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>
    /// The bare loop: every record of the file through CsvHelper's span API, every field touched (its length and first
    /// byte summed), nothing parsed. Prints the sums so that nothing is optimised away.
    /// </summary>
    public static int Bare(string path)
    {
        var watch = Stopwatch.StartNew();
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture });
        long records = 0, bytes = 0, check = 0;
        while (csv.Read())
        {
            records++;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var field = csv.GetSpan(i);
                bytes += field.Length;
                check += field.IsEmpty ? 0 : field[0];
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{records} records, {bytes} field bytes, check {check}, {watch.Elapsed.TotalSeconds:F2} s in the loop"));
        return 0;
    }

    /// <summary>
    /// Runs <c>fresh-memory --child</c> as its own process <paramref name="runs"/> times, after a pause of
    /// <paramref name="pause"/> seconds and then again right after: each child fills <paramref name="mib"/> MiB of
    /// fresh memory, in two columns as the price reader's (huge-page advice included), on every core, and prints the
    /// wall and CPU time that took.
    /// </summary>
    public static int FreshMemory(int mib, int runs, double pause)
    {
        if (Environment.GetCommandLineArgs().Contains("--child"))
        {
            var cells = (int)((long)mib * (1 << 20) / sizeof(double) / 2);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var first = Agix.Prices.HugePages.Doubles(cells);
            var second = Agix.Prices.HugePages.Doubles(cells);
            var parts = Environment.ProcessorCount;
            Parallel.For(0, parts, k =>
            {
                for (int i = (int)((long)cells * k / parts), end = (int)((long)cells * (k + 1) / parts); i < end; i++)
                {
                    first[i] = i;
                    second[i] = -i;
                }
            });
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mib} MiB filled in {watch.Elapsed.TotalSeconds:F2} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s"));
            return first[^1] == cells - 1 && second[^1] == 1 - cells ? 0 : 1;
        }

        var self = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(IngestBench).Assembly.Location;
        for (var r = 0; r < runs; r++)
        {
            foreach (var label in new[] { $"after a {pause:0.#} s pause", "right after" })
            {
                if (label.StartsWith("after a", StringComparison.Ordinal))
                {
                    Thread.Sleep(TimeSpan.FromSeconds(pause));
                }

                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
                if (!self.EndsWith("Agix.Bench", StringComparison.Ordinal))
                {
                    start.ArgumentList.Add(dll);
                }

                foreach (var a in new[] { "fresh-memory", "--child", "--mib", mib.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(a);
                }

                using var child = Process.Start(start)!;
                var line = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                Console.WriteLine($"{label,-22} {line}");
            }
        }

        return 0;
    }

    /// <summary>
    /// Times, as whole processes (<c>/usr/bin/time</c>), the bare loop, <c>agix validate</c> and
    /// <c>agix backtest --format json</c> on a generated folder, <paramref name="runs"/> times each in turn, and prints
    /// the medians: wall time, MiB/s of prices.csv, the ratio of rates to the bare loop, and the peak RSS against the
    /// panel's doubles (dates × symbols × 4 doubles).
    /// </summary>
    /// <param name="repo">The repository (for the default build of the CLI).</param>
    /// <param name="folder">The data folder.</param>
    /// <param name="runs">How many times each process runs.</param>
    /// <param name="agixDll">Another build of the CLI to time instead: an agix.dll (such as one of an earlier commit) or the Native AOT agix executable.</param>
    public static int SideBySide(string repo, string folder, int runs, string? agixDll = null)
    {
        var prices = Path.Combine(folder, "prices.csv");
        var size = new FileInfo(prices).Length;
        var shape = File.ReadAllText(Path.Combine(folder, "shape.txt")).Split(' ', StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        var panelBytes = shape[1] * shape[2] * 4 * sizeof(double);
        var bench = Path.Combine(AppContext.BaseDirectory, "Agix.Bench.dll");
        var agix = agixDll ?? Path.Combine(repo, "src", "Agix.Cli", "bin", "Release", "net10.0", "agix.dll");
        if (!File.Exists(agix))
        {
            Console.Error.WriteLine($"build the CLI first: dotnet build src/Agix.Cli -c Release ({agix} not found)");
            return 1;
        }

        var output = Path.Combine(Path.GetTempPath(), $"agix-bench-{Environment.ProcessId}.json");
        (string Label, string[] Args)[] commands =
        [
            ("bare CsvHelper loop", [bench, "bare", prices]),
            ("agix validate", [agix, "validate", "--data", folder]),
            ("agix backtest --format json", [agix, "backtest", "--data", folder, "--format", "json", "--output", output]),
        ];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prices}: {size / (double)(1 << 20):F0} MiB, {shape[0]:N0} rows, {shape[1]} symbols x {shape[2]} dates; panel doubles {panelBytes / (double)(1 << 20):F0} MiB; {Environment.ProcessorCount} cores, .NET {Environment.Version}, {runs} runs each, medians"));
        var results = commands.Select(_ => new List<(double Seconds, long PeakKb)>()).ToArray();
        for (var r = 0; r < runs; r++)
        {
            for (var c = 0; c < commands.Length; c++)
            {
                results[c].Add(TimeProcess(commands[c].Args));
            }
        }

        File.Delete(output);
        var bareSeconds = Median(results[0].Select(x => x.Seconds));
        Console.WriteLine("| process | wall (median, min-max) | MiB/s | rate / bare loop | peak RSS | peak / panel doubles |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (var c = 0; c < commands.Length; c++)
        {
            var seconds = Median(results[c].Select(x => x.Seconds));
            var peak = Median(results[c].Select(x => (double)x.PeakKb)) * 1024;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {commands[c].Label} | {seconds:F2} s ({results[c].Min(x => x.Seconds):F2}-{results[c].Max(x => x.Seconds):F2}) | {size / seconds / (1 << 20):F0} | {bareSeconds / seconds:F2} | {peak / (1 << 20):F0} MiB | {peak / panelBytes:F2} |"));
        }

        return 0;
    }

    private static (double Seconds, long PeakKb) TimeProcess(string[] args)
    {
        var stats = Path.Combine(Path.GetTempPath(), $"agix-bench-time-{Environment.ProcessId}.txt");
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        // A .dll runs through the dotnet host; anything else (the Native AOT agix) is run as it is.
        string[] host = args[0].EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet"] : [];
        foreach (var a in new[] { "-f", "%e %M", "-o", stats }.Concat(host).Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        }

        var parts = File.ReadAllText(stats).Trim().Split(' ');
        File.Delete(stats);
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long WritePrices(string path, string[] symbols, List<LocalDate> dates)
    {
        var n = symbols.Length;
        var price = new double[n];
        var shares = new long[n];
        ulong state = 0x9E3779B97F4A7C15UL;
        for (var s = 0; s < n; s++)
        {
            price[s] = 20 + (Next(ref state) * 180);
            shares[s] = 100_000_000 + (long)(Next(ref state) * 9_900_000_000);
        }

        long rows = 0;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[1 << 20];
        var at = Encoding.ASCII.GetBytes(Header, buffer);
        Span<byte> iso = stackalloc byte[10];
        foreach (var date in dates)
        {
            Encoding.ASCII.GetBytes(date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), iso);
            var quarterEnd = date.Month % 3 == 0 && date.Day >= 15 && date.Day <= 21 && date.DayOfWeek == IsoDayOfWeek.Friday;
            for (var s = 0; s < n; s++)
            {
                if (at > buffer.Length - 256)
                {
                    stream.Write(buffer, 0, at);
                    at = 0;
                }

                var u = Next(ref state);
                price[s] = Math.Clamp(price[s] * (1 + ((u - 0.5) * 0.04)), 1, 100000);
                var split = 1;
                if (price[s] > 2000)
                {
                    split = 4;
                    price[s] /= 4;
                    shares[s] *= 4;
                }

                var close = Math.Round(price[s], 2);
                var dividend = quarterEnd && s % 3 == 0 ? Math.Round(close * 0.005, 2) : 0;
                var line = string.Create(CultureInfo.InvariantCulture, $",{symbols[s]},{close:0.00},{dividend:0.##},{split},{shares[s]},{Math.Round(close * shares[s]):0}\n");
                iso.CopyTo(buffer.AsSpan(at));
                at += 10;
                at += Encoding.ASCII.GetBytes(line, buffer.AsSpan(at));
                rows++;
            }
        }

        stream.Write(buffer, 0, at);
        return rows;
    }

    private static void WriteBenchmarks(string path, List<LocalDate> dates)
    {
        string[] symbols = ["QQQ", "SPY", "^GSPC", "^NDX"];
        var price = new[] { 100.0, 100.0, 1000.0, 1000.0 };
        ulong state = 0x2545F4914F6CDD1DUL;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        w.Write(Header);
        foreach (var date in dates)
        {
            for (var s = 0; s < symbols.Length; s++)
            {
                price[s] = Math.Max(1, price[s] * (1 + ((Next(ref state) - 0.5) * 0.025)));
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{date:uuuu-MM-dd},{symbols[s]},{price[s]:0.00},0,1,,\n"));
            }
        }
    }

    private static double Next(ref ulong state)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return (state >> 11) * (1.0 / (1UL << 53));
    }
}
