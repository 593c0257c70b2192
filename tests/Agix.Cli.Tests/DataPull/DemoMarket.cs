using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Agix.Tests.DataPull;

/// <summary>The data of a folder like <c>data/</c>: the universe and one series per symbol of
/// <c>prices.csv</c> and <c>benchmarks.csv</c> (raw closes, dividends, split ratios on ex-dates, shares).</summary>
internal sealed class DemoMarket
{
    private DemoMarket(IReadOnlyList<UniverseEntry> universe, IReadOnlyDictionary<string, SymbolSeries> series)
    {
        Universe = universe;
        Series = series;
    }

    public IReadOnlyList<UniverseEntry> Universe { get; }

    /// <summary>Every symbol of prices.csv and benchmarks.csv, case-insensitive.</summary>
    public IReadOnlyDictionary<string, SymbolSeries> Series { get; }

    public static DemoMarket Load(string folder)
    {
        var universe = ReadUniverse(Path.Combine(folder, "universe.csv"));
        var rows = new Dictionary<string, List<Row>>(StringComparer.OrdinalIgnoreCase);
        ReadPrices(Path.Combine(folder, "prices.csv"), rows);
        var benchmarks = Path.Combine(folder, "benchmarks.csv");
        if (File.Exists(benchmarks))
        {
            ReadPrices(benchmarks, rows);
        }

        var series = rows.ToDictionary(
            pair => pair.Key,
            pair => new SymbolSeries(pair.Key, [.. pair.Value.OrderBy(row => row.Date)]),
            StringComparer.OrdinalIgnoreCase);
        return new DemoMarket(universe, series);
    }

    private static List<UniverseEntry> ReadUniverse(string path)
    {
        var lines = File.ReadLines(path).Where(line => line.Length > 0).ToList();
        var header = lines[0].Split(',');
        var symbol = Array.IndexOf(header, "symbol");
        var name = Array.IndexOf(header, "name");
        return [.. lines.Skip(1).Select(line => line.Split(',')).Select(cells => new UniverseEntry(cells[symbol], cells[name]))];
    }

    private static void ReadPrices(string path, Dictionary<string, List<Row>> rows)
    {
        string[]? header = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains('"', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: quoted fields are not supported by the fake server: {line}");
            }

            var cells = line.Split(',');
            if (header is null)
            {
                header = cells;
                continue;
            }

            string Cell(string column)
            {
                var index = Array.IndexOf(header, column);
                return index < 0 || index >= cells.Length ? "" : cells[index];
            }

            var symbol = Cell("symbol");
            var date = LocalDatePattern.Iso.Parse(Cell("date")).Value;
            var dividend = Cell("dividend");
            var ratio = Cell("split_ratio");
            var shares = Cell("shares_outstanding");
            var row = new Row(
                date,
                decimal.Parse(Cell("close"), CultureInfo.InvariantCulture),
                dividend.Length == 0 ? 0m : decimal.Parse(dividend, CultureInfo.InvariantCulture),
                ratio.Length == 0 ? 1m : decimal.Parse(ratio, CultureInfo.InvariantCulture),
                shares.Length == 0 ? null : long.Parse(shares, CultureInfo.InvariantCulture));
            if (!rows.TryGetValue(symbol, out var list))
            {
                rows[symbol] = list = [];
            }

            list.Add(row);
        }
    }
}

/// <summary>A row of universe.csv.</summary>
internal sealed record UniverseEntry(string Symbol, string Name);

/// <summary>A row of prices.csv or benchmarks.csv: raw close, dividend and split ratio of its ex-date.</summary>
internal sealed record Row(LocalDate Date, decimal Close, decimal Dividend, decimal SplitRatio, long? Shares);

/// <summary>The rows of one symbol in date order, with its splits.</summary>
internal sealed class SymbolSeries
{
    public SymbolSeries(string symbol, IReadOnlyList<Row> rows)
    {
        Symbol = symbol;
        Rows = rows;
        Splits = [.. rows.Where(row => row.SplitRatio != 1m).Select(row => (row.Date, row.SplitRatio))];
    }

    public string Symbol { get; }

    public IReadOnlyList<Row> Rows { get; }

    public IReadOnlyList<(LocalDate ExDate, decimal Ratio)> Splits { get; }

    /// <summary>The product of the ratios of the splits with an ex-date in (after, onOrBefore].</summary>
    public decimal SplitFactor(LocalDate after, LocalDate onOrBefore)
    {
        var factor = 1m;
        foreach (var (exDate, ratio) in Splits)
        {
            if (exDate > after && exDate <= onOrBefore)
            {
                factor *= ratio;
            }
        }

        return factor;
    }

    /// <summary>The product of the ratios of every split with an ex-date strictly after the date.</summary>
    public decimal SplitFactorAfter(LocalDate date) => SplitFactor(date, LocalDate.MaxIsoValue);
}
