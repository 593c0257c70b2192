using System.Globalization;
using Agix.DemoData;

// Generates the synthetic demo data folder: dotnet run --project tools/Agix.DemoData -- --out data [--seed N]
const string Usage = "usage: Agix.DemoData --out DIR [--seed N]";

string? folder = null;
var seed = DemoUniverse.DefaultSeed;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--out" when value is not null:
            folder = value;
            i++;
            break;
        case "--seed" when value is not null && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
            seed = parsed;
            i++;
            break;
        case "--seed":
            Console.Error.WriteLine($"Agix.DemoData: --seed needs a non-negative integer. {Usage}");
            return 1;
        case "-h" or "--help":
            Console.Out.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"Agix.DemoData: unexpected argument '{args[i]}'. {Usage}");
            return 1;
    }
}

if (folder is null)
{
    Console.Error.WriteLine($"Agix.DemoData: --out is required. {Usage}");
    return 1;
}

try
{
    var market = MarketSimulator.Generate(seed);
    DemoFiles.WriteAll(folder, market, seed);
    var summary = OutputCheck.Run(folder, market.TradingDays);
    Console.Out.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"Agix.DemoData: SYNTHETIC data, seed {seed}, {market.TradingDays.Count} trading days {DemoFiles.Iso(market.TradingDays[0])}..{DemoFiles.Iso(market.TradingDays[^1])}: prices.csv {summary.PriceRows} rows ({summary.Splits} splits, {summary.DividendPayers} dividend payers), benchmarks.csv {summary.BenchmarkRows} rows, universe.csv {summary.UniverseRows} rows; checks passed; written to {Path.GetFullPath(folder)}"));
    return 0;
}
catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Agix.DemoData: {e.Message}");
    return 2;
}
