using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Agix.DemoData;

/// <summary>What the written folder contains, as read back from the files.</summary>
/// <param name="PriceRows">Data rows of prices.csv.</param>
/// <param name="BenchmarkRows">Data rows of benchmarks.csv.</param>
/// <param name="UniverseRows">Data rows of universe.csv.</param>
/// <param name="Splits">Split rows of prices.csv.</param>
/// <param name="DividendPayers">Symbols with at least one dividend in prices.csv.</param>
internal sealed record CheckSummary(int PriceRows, int BenchmarkRows, int UniverseRows, int Splits, int DividendPayers);

/// <summary>Reads the written files back and checks them; any failure throws <see cref="InvalidDataException"/>.</summary>
internal static class OutputCheck
{
    private sealed record Row(int Line, LocalDate Date, string Symbol, decimal Close, decimal Dividend, int SplitRatio, long? Shares, long? MarketCap);

    /// <summary>Checks every generated file in <paramref name="folder"/> against the model settings.</summary>
    public static CheckSummary Run(string folder, IReadOnlyList<LocalDate> tradingDays)
    {
        var prices = ReadPriceFile(folder, "prices.csv", isBenchmark: false);
        var benchmarks = ReadPriceFile(folder, "benchmarks.csv", isBenchmark: true);

        var expectedPriceRows = 0;
        foreach (var stock in DemoUniverse.Stocks)
        {
            var first = stock.ListedOn ?? tradingDays[0];
            var last = stock.DelistedAfter ?? tradingDays[^1];
            var expected = tradingDays.Where(d => d >= first && d <= last).ToList();
            var actual = prices.Where(r => r.Symbol == stock.Symbol).ToList();
            Require(actual.Select(r => r.Date).SequenceEqual(expected), "prices.csv", Inv($"{stock.Symbol} must have a row on each of the {expected.Count} trading days {Iso(first)}..{Iso(last)}, has {actual.Count}"));
            CheckSeries("prices.csv", actual, stock.Splits.ToDictionary(s => s.ExDate, s => s.Ratio));
            var paysDividends = actual.Any(r => r.Dividend > 0);
            Require(paysDividends == stock.Dividends is not null, "prices.csv", Inv($"{stock.Symbol}: dividends present = {paysDividends}, expected {stock.Dividends is not null}"));
            expectedPriceRows += expected.Count;
        }

        Require(prices.Count == expectedPriceRows, "prices.csv", Inv($"expected {expectedPriceRows} rows, found {prices.Count}"));
        Require(prices.All(r => DemoUniverse.Stocks.Any(s => s.Symbol == r.Symbol)), "prices.csv", "unknown symbol");

        foreach (var benchmark in DemoUniverse.Benchmarks)
        {
            var actual = benchmarks.Where(r => r.Symbol == benchmark.Symbol).ToList();
            Require(actual.Select(r => r.Date).SequenceEqual(tradingDays), "benchmarks.csv", Inv($"{benchmark.Symbol} must have a row on each of the {tradingDays.Count} trading days"));
            CheckSeries("benchmarks.csv", actual, []);
            var paysDividends = actual.Any(r => r.Dividend > 0);
            Require(paysDividends == benchmark.QuarterlyYield > 0, "benchmarks.csv", Inv($"{benchmark.Symbol}: dividends present = {paysDividends}"));
        }

        Require(benchmarks.Count == DemoUniverse.Benchmarks.Count * tradingDays.Count, "benchmarks.csv", "row count");

        var universe = DemoFiles.Read(folder, "universe.csv").Split('\n');
        Require(universe[0] == DemoFiles.UniverseHeader && universe[^1].Length == 0, "universe.csv", "header or final newline");
        var universeRows = universe.Length - 2;
        Require(universeRows == 26, "universe.csv", Inv($"expected 26 members, found {universeRows}"));
        for (var i = 1; i <= universeRows; i++)
        {
            var fields = universe[i].Split(',');
            Require(fields.Length == 3 && ThemeNames.TryParse(fields[2], out _), "universe.csv", Inv($"line {i + 1}: expected symbol,name,theme"));
        }

        Require(DemoFiles.Read(folder, "methodology.json") == DemoFiles.MethodologyJson, "methodology.json", "differs from the default");

        return new CheckSummary(
            prices.Count,
            benchmarks.Count,
            universeRows,
            prices.Count(r => r.SplitRatio != 1),
            prices.Where(r => r.Dividend > 0).Select(r => r.Symbol).Distinct().Count());
    }

    private static void CheckSeries(string file, List<Row> rows, Dictionary<LocalDate, int> splits)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var ratio = splits.GetValueOrDefault(row.Date, 1);
            Require(row.SplitRatio == ratio, file, Inv($"line {row.Line}: split_ratio {row.SplitRatio}, expected {ratio}"));
            Require(row.Dividend < row.Close * 0.05m, file, Inv($"line {row.Line}: dividend {row.Dividend} is implausibly large"));
            if (i == 0)
            {
                continue;
            }

            var previous = rows[i - 1];
            var priceMove = row.Close * row.SplitRatio / previous.Close;
            Require(priceMove is > 0.4m and < 2.5m, file, Inv($"line {row.Line}: split-adjusted close moves by a factor {priceMove}"));
            if (row.MarketCap is { } cap && previous.MarketCap is { } previousCap)
            {
                var capMove = (decimal)cap / previousCap;
                Require(capMove is > 0.4m and < 2.5m, file, Inv($"line {row.Line}: market cap moves by a factor {capMove} (not continuous)"));
                Require(row.Shares == previous.Shares * row.SplitRatio || row.Date.Month != previous.Date.Month, file, Inv($"line {row.Line}: share count changes inside a month without a split"));
            }
        }
    }

    private static List<Row> ReadPriceFile(string folder, string file, bool isBenchmark)
    {
        var text = DemoFiles.Read(folder, file);
        Require(!text.Contains('\r', StringComparison.Ordinal) && text.EndsWith('\n'), file, "LF line endings and a final newline");
        var lines = text[..^1].Split('\n');
        Require(lines[0] == DemoFiles.PriceHeader, file, "header");

        var rows = new List<Row>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = i + 1;
            var f = lines[i].Split(',');
            Require(f.Length == 7, file, Inv($"line {line}: expected 7 fields"));
            var date = LocalDatePattern.Iso.Parse(f[0]);
            Require(date.Success && NyseCalendar.IsTradingDay(date.Value), file, Inv($"line {line}: '{f[0]}' is not an NYSE trading day"));
            var close = ParseDecimal(file, line, f[2]);
            var dividend = ParseDecimal(file, line, f[3]);
            Require(close > 0 && decimal.Round(close, 2) == close, file, Inv($"line {line}: close must be positive, in cents"));
            Require(dividend >= 0, file, Inv($"line {line}: dividend must not be negative"));
            Require(int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var split) && split >= 1, file, Inv($"line {line}: split_ratio"));

            long? shares = null;
            long? cap = null;
            if (isBenchmark)
            {
                Require(f[5].Length == 0 && f[6].Length == 0, file, Inv($"line {line}: benchmarks have no shares or market cap"));
                Require(!f[1].StartsWith('^') || dividend == 0, file, Inv($"line {line}: an index level has no dividend"));
            }
            else
            {
                Require(long.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0, file, Inv($"line {line}: shares_outstanding"));
                Require(long.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var m), file, Inv($"line {line}: market_cap"));
                Require(m == (long)decimal.Round(close * s, MidpointRounding.AwayFromZero), file, Inv($"line {line}: market_cap must equal round(close x shares)"));
                Require(m is >= 5_000_000_000 and <= 6_000_000_000_000, file, Inv($"line {line}: market cap {m} outside 5e9..6e12"));
                shares = s;
                cap = m;
            }

            var row = new Row(line, date.Value, f[1], close, dividend, split, shares, cap);
            if (rows.Count > 0)
            {
                var p = rows[^1];
                var order = p.Date != row.Date ? p.Date.CompareTo(row.Date) : string.CompareOrdinal(p.Symbol, row.Symbol);
                Require(order < 0, file, Inv($"line {line}: rows must be sorted by date, then symbol, without duplicates"));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static decimal ParseDecimal(string file, int line, string text)
    {
        Require(decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value), file, Inv($"line {line}: '{text}' is not a number"));
        return value;
    }

    private static void Require(bool condition, string file, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException($"{file}: {message}");
        }
    }

    private static string Iso(LocalDate date) => DemoFiles.Iso(date);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
