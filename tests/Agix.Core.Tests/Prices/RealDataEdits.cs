using System.Globalization;

namespace Agix.Tests.Prices;

/// <summary>Edited copies of the real price file, for the data-check tests (shared with the CLI tests).</summary>
internal static class RealDataEdits
{
    /// <summary>The first NVDA row that is divided by 10.</summary>
    public const string NvdaFrom = "2023-06-01";

    /// <summary>
    /// Writes the real <c>prices.csv</c> with NVDA's closes and market caps divided by 10 from <see cref="NvdaFrom"/> on,
    /// without a split row (the share count is kept, so market cap = close × shares still holds), and returns the
    /// line of the first edited row.
    /// </summary>
    public static int WriteNvdaWithoutSplitRow(string market, string path)
    {
        var lines = File.ReadAllLines(Path.Combine(market, "prices.csv"));
        var header = lines[0].Split(',');
        int date = Array.IndexOf(header, "date"), symbol = Array.IndexOf(header, "symbol"), close = Array.IndexOf(header, "close"), cap = Array.IndexOf(header, "market_cap");
        var first = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f[symbol] == "NVDA" && string.CompareOrdinal(f[date], NvdaFrom) >= 0)
            {
                first = first == 0 ? i + 1 : first;
                f[close] = Math.Round(double.Parse(f[close], CultureInfo.InvariantCulture) / 10, 6).ToString(CultureInfo.InvariantCulture);
                f[cap] = Math.Round(double.Parse(f[cap], CultureInfo.InvariantCulture) / 10).ToString(CultureInfo.InvariantCulture);
                lines[i] = string.Join(',', f);
            }
        }

        File.WriteAllLines(path, lines);
        return first;
    }
}
