using System.Globalization;
using System.Text.Json;
using Agix.Prices;
using NodaTime;

namespace Agix.Sources;

/// <summary>
/// A share count as a filing reports it: <see cref="Shares"/> outstanding on <see cref="End"/> (in the units of that
/// date), known from <see cref="Filed"/> on. The classes of one company (same accession and end) are summed.
/// </summary>
/// <param name="End">The date the count is as of.</param>
/// <param name="Filed">The date the filing became public.</param>
/// <param name="Accession">The filing's accession number (or where a count from a file came from).</param>
/// <param name="Shares">The number of shares, all classes.</param>
internal sealed record ShareFiling(LocalDate End, LocalDate Filed, string Accession, double Shares);

/// <summary>Reads SEC EDGAR's ticker map and company facts (<c>dei:EntityCommonStockSharesOutstanding</c>).</summary>
internal static class SecEdgar
{
    /// <summary>The ticker map, <c>company_tickers.json</c>: ticker → CIK.</summary>
    /// <exception cref="SourceFormatException">The body is not a complete ticker map.</exception>
    public static Dictionary<string, long> ParseTickers(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var map = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                var ticker = entry.Value.GetProperty("ticker").GetString();
                var cik = entry.Value.GetProperty("cik_str").GetInt64();
                if (!string.IsNullOrEmpty(ticker))
                {
                    map.TryAdd(ticker, cik);
                }
            }

            return map.Count > 0 ? map : throw new SourceFormatException("SEC company_tickers.json: no tickers");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new SourceFormatException($"SEC company_tickers.json is not complete ({ex.Message})");
        }
    }

    /// <summary>The URL path of a company's facts: <c>/api/xbrl/companyfacts/CIK##########.json</c>.</summary>
    public static string FactsPath(long cik) => string.Create(CultureInfo.InvariantCulture, $"/api/xbrl/companyfacts/CIK{cik:D10}.json");

    /// <summary>
    /// The share counts of a company's facts, one per (accession, end) with the classes summed, ordered by the date
    /// they became known; null when the company reports no <c>EntityCommonStockSharesOutstanding</c> (a foreign filer).
    /// </summary>
    /// <exception cref="SourceFormatException">The body is not complete company facts.</exception>
    public static IReadOnlyList<ShareFiling>? ParseShareCounts(ReadOnlySpan<byte> json, string symbol)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            if (!doc.RootElement.TryGetProperty("facts", out var facts)
                || !facts.TryGetProperty("dei", out var dei)
                || !dei.TryGetProperty("EntityCommonStockSharesOutstanding", out var fact)
                || !fact.TryGetProperty("units", out var units)
                || !units.TryGetProperty("shares", out var shares)
                || shares.ValueKind != JsonValueKind.Array)
            {
                return doc.RootElement.TryGetProperty("facts", out _) ? null : throw new SourceFormatException($"SEC company facts for {symbol}: no 'facts'");
            }

            var groups = new Dictionary<(string Accession, LocalDate End), (LocalDate Filed, double Shares)>();
            foreach (var e in shares.EnumerateArray())
            {
                var end = Date(e, "end");
                var filed = Date(e, "filed");
                var accession = e.GetProperty("accn").GetString() ?? string.Empty;
                var value = e.GetProperty("val").GetDouble();
                if (!(value > 0) || !double.IsFinite(value))
                {
                    continue;
                }

                var key = (accession, end);
                groups[key] = groups.TryGetValue(key, out var g) ? (g.Filed < filed ? g.Filed : filed, g.Shares + value) : (filed, value);
            }

            return [.. groups
                .Select(g => new ShareFiling(g.Key.End, g.Value.Filed, g.Key.Accession, g.Value.Shares))
                .OrderBy(f => f.Filed).ThenBy(f => f.End).ThenBy(f => f.Accession, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new SourceFormatException($"SEC company facts for {symbol} are not complete ({ex.Message})");
        }
    }

    private static LocalDate Date(JsonElement e, string name) =>
        IsoDate.TryParse(e.GetProperty(name).GetString(), out var date) ? date : throw new FormatException($"'{name}' is not a date");
}

/// <summary>
/// The point-in-time share count of one company: on date d, the count of the latest filing known on d (filed on or
/// before d), multiplied by the ratio of every split with an ex-date after the count's <c>end</c> and on or before d
/// (a count is in the units of its end date). No look-ahead: a filing is never used before it was filed.
/// </summary>
internal sealed class ShareHistory
{
    private readonly ShareFiling[] _filings;
    private readonly (LocalDate Date, double Ratio)[] _splits;

    /// <summary>Creates the history.</summary>
    /// <param name="filings">The counts, ordered by the date they became known (the last of a date wins).</param>
    /// <param name="splits">The company's splits by ex-date, ascending.</param>
    public ShareHistory(IReadOnlyList<ShareFiling> filings, IEnumerable<(LocalDate Date, double Ratio)> splits)
    {
        _filings = [.. filings];
        _splits = [.. splits.OrderBy(s => s.Date)];
    }

    /// <summary>Whether there is any count at all.</summary>
    public bool IsEmpty => _filings.Length == 0;

    /// <summary>The shares outstanding known on <paramref name="date"/>, or NaN when no filing is known yet.</summary>
    public double On(LocalDate date)
    {
        var found = DatedSearch.LastOnOrBefore(_filings, date, f => f.Filed);
        if (found < 0)
        {
            return double.NaN;
        }

        var filing = _filings[found];
        var shares = filing.Shares;
        foreach (var (splitDate, ratio) in _splits)
        {
            if (splitDate > filing.End && splitDate <= date)
            {
                shares *= ratio;
            }
        }

        return Math.Round(shares);
    }
}
