using System.Globalization;
using NodaTime;

namespace Agix.Prices;

/// <summary>Reads <c>scores.csv</c>: <c>date,symbol,score</c>, a score valid from its date on, finite and at least 0.</summary>
internal static class ScoresCsv
{
    /// <summary>The scores; null when the file could not be read or had errors (reported to <paramref name="bag"/>).</summary>
    public static ScoreTable? Read(string path, string name, DiagnosticBag bag)
    {
        if (!File.Exists(path))
        {
            bag.Error(name, 0, 0, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
            return null;
        }

        var before = bag.ErrorCount;
        var rows = new List<(LocalDate Date, string Symbol, double Score, int Line)>();
        var seen = new Dictionary<(LocalDate, string), int>();
        try
        {
            using var input = CsvInput.Open(path, name, bag);
            var index = input.ReadHeader("date,symbol,score");
            if (index is null || (index.Count == 0 && bag.ErrorCount > before))
            {
                return null;
            }

            int Col(string c) => index.TryGetValue(c, out var i) ? i : -1;
            int dateCol = Col("date"), symbolCol = Col("symbol"), scoreCol = Col("score");
            var missing = new[] { ("date", dateCol), ("symbol", symbolCol), ("score", scoreCol) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
            if (missing.Count > 0)
            {
                input.ReportMissing(missing);
                return null;
            }

            var csv = input.Reader;
            while (input.Read(Math.Max(dateCol, Math.Max(symbolCol, scoreCol)) + 1))
            {
                var line = input.Line;
                var ok = true;
                var dateText = csv.GetString(dateCol).Trim();
                var symbol = csv.GetString(symbolCol).Trim();
                var scoreText = csv.GetString(scoreCol).Trim();
                if (!IsoDate.TryParse(dateText, out var date))
                {
                    bag.Error(name, line, dateCol + 1, $"'{dateText}' is not a valid date (expected yyyy-MM-dd)");
                    ok = false;
                }

                if (symbol.Length == 0)
                {
                    bag.Error(name, line, symbolCol + 1, "the symbol is empty");
                    ok = false;
                }

                if (!double.TryParse(scoreText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
                {
                    bag.Error(name, line, scoreCol + 1, $"score '{scoreText}' is not a number");
                    ok = false;
                }
                else if (score < 0)
                {
                    bag.Error(name, line, scoreCol + 1, string.Create(CultureInfo.InvariantCulture, $"score must not be negative, got {score}"));
                    ok = false;
                }

                if (ok && seen.TryGetValue((date, symbol), out var first))
                {
                    bag.Error(name, line, 0, $"duplicate score for {symbol} on {IsoDate.Format(date)} (first at line {first})");
                    ok = false;
                }

                if (ok)
                {
                    seen[(date, symbol)] = line;
                    rows.Add((date, symbol, score, line));
                }
            }
        }
        catch (Exception ex) when (CsvInput.IsReadFailure(ex))
        {
            CsvInput.ReportReadFailure(bag, name, ex);
            return null;
        }

        return bag.ErrorCount > before ? null : ScoreTable.Build(name, rows);
    }
}
