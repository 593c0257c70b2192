using System.Globalization;
using Agix.Prices;

namespace Agix.Sources;

/// <summary>
/// Reads a <c>--shares</c> file, <c>symbol,date,shares_outstanding</c>: a count valid from its date on, in the
/// units of that date (later splits are applied to it). It supplies counts for companies SEC EDGAR has none for
/// (foreign filers) and replaces EDGAR's counts for every symbol it names.
/// </summary>
internal static class SharesFile
{
    /// <summary>The counts by symbol, ordered by date; null when the file had errors (reported to <paramref name="bag"/>).</summary>
    public static Dictionary<string, List<ShareFiling>>? Read(string path, string name, DiagnosticBag bag)
    {
        if (!File.Exists(path))
        {
            bag.Error(name, 0, 0, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
            return null;
        }

        var before = bag.ErrorCount;
        var result = new Dictionary<string, List<ShareFiling>>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, NodaTime.LocalDate), int>();
        try
        {
            using var input = CsvInput.Open(path, name, bag);
            var index = input.ReadHeader("symbol,date,shares_outstanding");
            if (index is null || (index.Count == 0 && bag.ErrorCount > before))
            {
                return null;
            }

            int Col(string c) => index.TryGetValue(c, out var i) ? i : -1;
            int symbolCol = Col("symbol"), dateCol = Col("date"), sharesCol = Col("shares_outstanding");
            var missing = new[] { ("symbol", symbolCol), ("date", dateCol), ("shares_outstanding", sharesCol) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
            if (missing.Count > 0)
            {
                input.ReportMissing(missing);
                return null;
            }

            var csv = input.Reader;
            while (input.Read(Math.Max(symbolCol, Math.Max(dateCol, sharesCol)) + 1))
            {
                var line = input.Line;
                var symbol = csv.GetString(symbolCol).Trim();
                var dateText = csv.GetString(dateCol).Trim();
                var sharesText = csv.GetString(sharesCol).Trim();
                var ok = true;
                if (symbol.Length == 0)
                {
                    bag.Error(name, line, symbolCol + 1, "the symbol is empty");
                    ok = false;
                }

                if (!IsoDate.TryParse(dateText, out var date))
                {
                    bag.Error(name, line, dateCol + 1, $"'{dateText}' is not a valid date (expected yyyy-MM-dd)");
                    ok = false;
                }

                if (!double.TryParse(sharesText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var shares) || !(shares > 0) || !double.IsFinite(shares))
                {
                    bag.Error(name, line, sharesCol + 1, $"shares_outstanding '{sharesText}' must be a positive number");
                    ok = false;
                }

                if (ok && seen.TryGetValue((symbol, date), out var first))
                {
                    bag.Error(name, line, 0, $"duplicate row for {symbol} on {IsoDate.Format(date)} (first at line {first})");
                    ok = false;
                }

                if (ok)
                {
                    seen[(symbol, date)] = line;
                    if (!result.TryGetValue(symbol, out var list))
                    {
                        result[symbol] = list = [];
                    }

                    list.Add(new ShareFiling(date, date, $"{name}:{line}", shares));
                }
            }
        }
        catch (Exception ex) when (CsvInput.IsReadFailure(ex))
        {
            CsvInput.ReportReadFailure(bag, name, ex);
            return null;
        }

        foreach (var list in result.Values)
        {
            list.Sort((a, b) => a.Filed.CompareTo(b.Filed));
        }

        return bag.ErrorCount > before ? null : result;
    }
}
