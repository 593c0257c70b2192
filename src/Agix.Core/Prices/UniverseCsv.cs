using System.Globalization;
using CsvHelper;
using NodaTime;

namespace Agix.Prices;

/// <summary>Reads the universe CSV: <c>symbol,name,theme</c> and optional <c>added</c>, <c>removed</c>, <c>score</c>.</summary>
internal static class UniverseCsv
{
    /// <summary>Reads the universe; null when it could not be read or had errors (reported to <paramref name="bag"/>).</summary>
    public static IReadOnlyList<UniverseMember>? Read(string path, string name, DiagnosticBag bag)
    {
        if (!File.Exists(path))
        {
            bag.Error(name, 0, 0, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
            return null;
        }

        var before = bag.ErrorCount;
        var members = new List<UniverseMember>();
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var input = CsvInput.Open(path, name, bag);
            var index = input.ReadHeader("symbol,name,theme");
            if (index is null || (index.Count == 0 && bag.ErrorCount > before))
            {
                return null;
            }

            int Col(string c) => index.TryGetValue(c, out var i) ? i : -1;
            int symbolCol = Col("symbol"), nameCol = Col("name"), themeCol = Col("theme");
            int addedCol = Col("added"), removedCol = Col("removed"), scoreCol = Col("score");
            var missing = new[] { ("symbol", symbolCol), ("name", nameCol), ("theme", themeCol) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
            if (missing.Count > 0)
            {
                input.ReportMissing(missing);
                return null;
            }

            var required = Math.Max(symbolCol, Math.Max(nameCol, themeCol)) + 1;
            var csv = input.Reader;
            while (input.Read(required))
            {
                var line = (int)csv.LineNumber;
                var symbol = csv.GetString(symbolCol).Trim();
                var company = csv.GetString(nameCol).Trim();
                var themeText = csv.GetString(themeCol);
                var ok = true;
                if (symbol.Length == 0)
                {
                    bag.Error(name, line, symbolCol + 1, "the symbol is empty");
                    ok = false;
                }
                else if (lines.TryGetValue(symbol, out var first))
                {
                    bag.Error(name, line, symbolCol + 1, $"{symbol} is listed twice (first at line {first})");
                    ok = false;
                }

                if (!ThemeNames.TryParse(themeText, out var theme))
                {
                    bag.Error(name, line, themeCol + 1, $"'{themeText}' is not a theme name (lower-case letters, digits, '-' and '_')");
                    ok = false;
                }

                var added = OptionalDate(csv, addedCol, name, line, "added", bag, ref ok);
                var removed = OptionalDate(csv, removedCol, name, line, "removed", bag, ref ok);
                if (added is { } a && removed is { } r && r <= a)
                {
                    bag.Error(name, line, removedCol + 1, $"removed ({IsoDate.Format(r)}) must be after added ({IsoDate.Format(a)})");
                    ok = false;
                }

                double? score = null;
                if (scoreCol >= 0 && !csv.IsEmpty(scoreCol))
                {
                    if (double.TryParse(csv.GetString(scoreCol).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s))
                    {
                        score = s;
                    }
                    else
                    {
                        bag.Error(name, line, scoreCol + 1, $"score '{csv.GetString(scoreCol)}' is not a number");
                        ok = false;
                    }
                }

                if (ok)
                {
                    lines[symbol] = line;
                    members.Add(new UniverseMember(symbol, company, theme, added, removed, score));
                }
            }
        }
        catch (Exception ex) when (CsvInput.IsReadFailure(ex))
        {
            CsvInput.ReportReadFailure(bag, name, ex);
            return null;
        }

        if (members.Count == 0 && bag.ErrorCount == before)
        {
            bag.Error(name, 1, 0, "has no members (only a header line)");
        }

        return bag.ErrorCount > before ? null : members;
    }

    private static LocalDate? OptionalDate(CsvReader csv, int col, string name, int line, string what, DiagnosticBag bag, ref bool ok)
    {
        if (col < 0 || csv.IsEmpty(col))
        {
            return null;
        }

        var text = csv.GetString(col);
        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }

        bag.Error(name, line, col + 1, $"{what} '{text}' is not a valid date (expected yyyy-MM-dd)");
        ok = false;
        return null;
    }
}
