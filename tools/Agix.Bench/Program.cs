using System.Diagnostics;
using System.Globalization;
using System.Text;
using Agix;

// Benchmark commands:
//   large-read: generates a large long-format prices file deterministically and measures how long Agix takes to
//     read and validate it, and the peak memory of the process.
//     dotnet run -c Release --project tools/Agix.Bench -- large-read [--gb 2] [--file PATH] [--keep]
//   pull: pulls the bundled universe (26 names, 4 benchmarks) from the tests' local Yahoo/SEC server, a fresh pull
//     and an update, several times, and prints the wall time, requests and rows per second.
//     dotnet run -c Release --project tools/Agix.Bench -- pull [--runs 5]
//   ingest-data: writes a data folder of many symbols over a long history (every symbol a universe member).
//     dotnet run -c Release --project tools/Agix.Bench -- ingest-data --out DIR [--symbols 1000] [--years 20 | --gb 2]
//   bare: a bare CsvHelper loop over a file, touching every field (run as its own process by side-by-side).
//   fresh-memory: what filling a panel's fresh memory costs on this machine, as a process of its own each run (the
//     page faults and the zeroing by the kernel; in some virtual machines much more after a pause than right after
//     another process freed memory).
//     dotnet tools/Agix.Bench/bin/Release/net10.0/Agix.Bench.dll fresh-memory [--mib 630] [--runs 3] [--pause 5]
//   side-by-side: the bare loop, agix validate and agix backtest --format json on a folder, as whole processes.
//     dotnet build -c Release && dotnet tools/Agix.Bench/bin/Release/net10.0/Agix.Bench.dll side-by-side --data DIR [--runs 5] [--agix OTHER/agix.dll]
if (args.Length > 0 && args[0] == "pull")
{
    return await Agix.Bench.PullBench.RunAsync(FindRepo(), (int)Option("--runs", 5));
}

if (args.Length > 1 && args[0] == "profile-load")
{
    return Agix.Bench.LoadProfile.Run(args[1], (int)Option("--repeats", 2));
}

if (args.Length > 1 && args[0] == "bare")
{
    return Agix.Bench.IngestBench.Bare(args[1]);
}

if (args.Length > 0 && args[0] == "ingest-data")
{
    var folder = OptionText("--out") ?? throw new ArgumentException("--out DIR is required");
    return Agix.Bench.IngestBench.Generate(FindRepo(), folder, (int)Option("--symbols", 1000), (int)Option("--years", 20), Option("--gb", 0));
}

if (args.Length > 0 && args[0] == "fresh-memory")
{
    return Agix.Bench.IngestBench.FreshMemory((int)Option("--mib", 630), (int)Option("--runs", 3), Option("--pause", 5.0));
}

if (args.Length > 0 && args[0] == "side-by-side")
{
    var folder = OptionText("--data") ?? throw new ArgumentException("--data DIR is required");
    return Agix.Bench.IngestBench.SideBySide(FindRepo(), folder, (int)Option("--runs", 5), OptionText("--agix"));
}

if (args.Length == 0 || args[0] != "large-read")
{
    Console.Error.WriteLine("usage: Agix.Bench large-read [--gb SIZE] [--file PATH] [--keep] | pull [--runs N] | ingest-data --out DIR [--symbols N] [--years N | --gb SIZE] | bare FILE | side-by-side --data DIR [--runs N] | fresh-memory [--mib N] [--runs N] [--pause S]");
    return 1;
}

var gb = Option("--gb", 2.0);
var path = OptionText("--file") ?? Path.Combine(Path.GetTempPath(), $"agix-large-{gb.ToString(CultureInfo.InvariantCulture)}gb.csv");
var keep = args.Contains("--keep");
var repo = FindRepo();

if (!File.Exists(path) || new FileInfo(path).Length < gb * 0.95 * (1L << 30))
{
    var sw = Stopwatch.StartNew();
    var (rows, symbols, dates) = Generate(path, (long)(gb * (1L << 30)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {path}: {new FileInfo(path).Length / (double)(1L << 30):F2} GiB, {rows:N0} rows, {symbols} symbols x {dates} dates in {sw.Elapsed.TotalSeconds:F1} s"));
}

GC.Collect();
var before = Process.GetCurrentProcess().PeakWorkingSet64;
var watch = Stopwatch.StartNew();
var data = IndexData.Load(new DataPaths(path, null, Path.Combine(repo, "data", "universe.csv"), Path.Combine(repo, "data", "methodology.json")));
var readSeconds = watch.Elapsed.TotalSeconds;
var process = Process.GetCurrentProcess();
process.Refresh();
var peak = process.PeakWorkingSet64;
var cells = (long)data.Prices.DateCount * data.Prices.SymbolCount;
var panelBytes = cells * 4 * sizeof(double);
var fileBytes = new FileInfo(path).Length;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read+validate: {readSeconds:F1} s ({fileBytes / readSeconds / (1 << 20):F0} MiB/s) for {fileBytes / (double)(1L << 30):F2} GiB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"panel: {data.Prices.SymbolCount} symbols x {data.Prices.DateCount} dates = {cells:N0} cells, {panelBytes / (double)(1L << 20):F0} MiB of doubles"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {peak / (double)(1L << 20):F0} MiB (before reading: {before / (double)(1L << 20):F0} MiB) = {(double)peak / panelBytes:F2} x the panel, {(double)peak / fileBytes:F2} x the file"));
watch.Restart();
var index = IndexCalculator.Compute(data);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index levels: {index.Dates.Count} dates x {index.Symbols.Count} members in {watch.Elapsed.TotalMilliseconds:F0} ms"));
if (!keep)
{
    File.Delete(path);
}

return 0;

double Option(string name, double fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepo()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "AgixIndex.sln")))
        {
            return d.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}

// Weekday dates back from 2025-12-31 (weekends skipped; holidays kept, they become warnings), 2000 symbols that
// include the 26 universe names; a random walk per symbol from a fixed seed (xorshift), so the file is the same
// on every run.
static (long Rows, int Symbols, int Dates) Generate(string path, long targetBytes)
{
    string[] universe = ["NVDA", "AMD", "TSM", "INTC", "MSFT", "AMZN", "GOOGL", "META", "ORCL", "AAPL", "QCOM", "ARM", "TSLA", "DELL", "AVGO", "ANET", "MRVL", "CSCO", "MU", "NOW", "CRM", "ADBE", "PLTR", "SNOW", "DDOG", "CRWD"];
    var symbols = universe.Concat(Enumerable.Range(0, 2000 - universe.Length).Select(i => $"X{i:D4}")).ToArray();
    const int bytesPerRow = 52;
    var dateCount = (int)(targetBytes / bytesPerRow / symbols.Length) + 1;
    var dates = new List<NodaTime.LocalDate>();
    for (var d = new NodaTime.LocalDate(2025, 12, 31); dates.Count < dateCount; d = d.PlusDays(-1))
    {
        if (d.DayOfWeek is not (NodaTime.IsoDayOfWeek.Saturday or NodaTime.IsoDayOfWeek.Sunday))
        {
            dates.Add(d);
        }
    }

    dates.Reverse();
    var price = Enumerable.Repeat(100.0, symbols.Length).ToArray();
    ulong state = 0x9E3779B97F4A7C15UL;
    long rows = 0;
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
    writer.Write("date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap\n");
    var line = new StringBuilder(96);
    foreach (var date in dates)
    {
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var s = 0; s < symbols.Length; s++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            var u = (state >> 11) * (1.0 / (1UL << 53));
            price[s] = Math.Clamp(price[s] * (1 + ((u - 0.5) * 0.04)), 1, 100000);
            var close = Math.Round(price[s], 2);
            line.Clear();
            line.Append(iso).Append(',').Append(symbols[s]).Append(',').Append(close.ToString("F2", CultureInfo.InvariantCulture))
                .Append(",0,1,1000000000,").Append((close * 1e9).ToString("F0", CultureInfo.InvariantCulture)).Append('\n');
            writer.Write(line);
            rows++;
        }
    }

    return (rows, symbols.Length, dates.Count);
}
