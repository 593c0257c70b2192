using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Agix.Tests.DataPull;

/// <summary>One dei:EntityCommonStockSharesOutstanding value: a count in the units (split basis) of
/// <paramref name="End"/>, known from <paramref name="Filed"/>. Share classes of one filing share accn and end.</summary>
internal sealed record ShareFact(LocalDate End, long Val, string Accn, int Fy, string Fp, string Form, LocalDate Filed);

/// <summary>Builds the SEC EDGAR answers from the demo data: company_tickers.json and company facts whose
/// filings reproduce the demo shares_outstanding column under the point-in-time rule.</summary>
internal sealed class SecFilings
{
    private readonly DemoMarket _market;
    private readonly FakeMarketOptions _options;
    private readonly Dictionary<string, IReadOnlyList<ShareFact>> _facts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _ciks = new(StringComparer.OrdinalIgnoreCase);

    public SecFilings(DemoMarket market, FakeMarketOptions options)
    {
        _market = market;
        _options = options;
        for (var i = 0; i < market.Universe.Count; i++)
        {
            var symbol = market.Universe[i].Symbol;
            _ciks[symbol] = 1000001 + i;
            if (market.Series.TryGetValue(symbol, out var series))
            {
                _facts[symbol] = BuildFacts(series, _ciks[symbol]);
            }
        }
    }

    /// <summary>The CIK of a universe symbol: 1000001, 1000002, … in universe order.</summary>
    public int CikOf(string symbol) =>
        _ciks.TryGetValue(symbol, out var cik) ? cik : throw new ArgumentException($"{symbol} is not in the universe", nameof(symbol));

    public string? SymbolOfCik(int cik) => _ciks.FirstOrDefault(pair => pair.Value == cik).Key;

    /// <summary>The share facts the server serves for a symbol (also for a foreign filer, which serves none of them).</summary>
    public IReadOnlyList<ShareFact> FactsOf(string symbol) => _facts[symbol];

    public byte[] CompanyTickers()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < _market.Universe.Count; i++)
            {
                var entry = _market.Universe[i];
                json.WriteStartObject(i.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("cik_str", _ciks[entry.Symbol]);
                json.WriteString("ticker", entry.Symbol);
                json.WriteString("title", entry.Name.ToUpperInvariant());
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The company facts of a CIK, or null for an unknown CIK.</summary>
    public byte[]? CompanyFacts(int cik)
    {
        var symbol = SymbolOfCik(cik);
        if (symbol is null || !_facts.TryGetValue(symbol, out var facts))
        {
            return null;
        }

        var foreign = _options.ForeignFilerSet.Contains(symbol);
        var series = _market.Series[symbol];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("cik", cik);
            json.WriteString("entityName", _market.Universe.First(entry => entry.Symbol == symbol).Name.ToUpperInvariant());
            json.WriteStartObject("facts");
            json.WriteStartObject("dei");
            if (!foreign)
            {
                json.WriteStartObject("EntityCommonStockSharesOutstanding");
                json.WriteString("label", "Entity Common Stock, Shares Outstanding");
                json.WriteString("description", "Indicate number of shares or other units outstanding of each of registrant's classes of capital or common stock or other ownership interests, if and as stated on cover of related periodic report. Where multiple classes or units exist define each class/interest by adding class of stock items such as Common Class A [Member], Common Class B [Member] or Partnership Interest [Member] onto the Instrument [Domain] of the Entity Listings, Instrument.");
                json.WriteStartObject("units");
                json.WriteStartArray("shares");
                foreach (var fact in facts)
                {
                    WriteFact(json, fact.End, fact.Val, fact);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartObject("EntityPublicFloat");
            json.WriteString("label", "Entity Public Float");
            json.WriteString("description", "The aggregate market value of the voting and non-voting common equity held by non-affiliates.");
            json.WriteStartObject("units");
            json.WriteStartArray("USD");
            foreach (var fact in facts.Where(fact => fact.Form != "10-Q").DistinctBy(fact => fact.Accn))
            {
                var close = series.Rows.Last(row => row.Date <= fact.Filed).Close;
                WriteFact(json, fact.End, (long)(close * 0.8m * facts.Where(f => f.Accn == fact.Accn).Sum(f => f.Val)), fact with { Form = foreign ? "20-F" : fact.Form });
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] NotFoundPage() => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");

    public static byte[] UndeclaredToolPage() => Encoding.UTF8.GetBytes(
        "<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1><p>Please declare your traffic by updating your user agent to include company specific information.</p></body></html>");

    /// <summary>Writes a --shares file (<c>symbol,date,shares_outstanding</c>) for the symbols: a row at each
    /// symbol's first date and at every date its demo count changes (splits included), in that date's units.</summary>
    public string WriteSharesFile(string path, IEnumerable<string> symbols)
    {
        var text = new StringBuilder("symbol,date,shares_outstanding\n");
        foreach (var symbol in symbols)
        {
            long? previous = null;
            foreach (var row in _market.Series[symbol].Rows)
            {
                if (row.Shares is { } shares && shares != previous)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{symbol},{LocalDatePattern.Iso.Format(row.Date)},{shares}\n");
                    previous = shares;
                }
            }
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private List<ShareFact> BuildFacts(SymbolSeries series, int cik)
    {
        var facts = new List<ShareFact>();
        long? previous = null;
        var sequence = 0;
        foreach (var row in series.Rows)
        {
            if (row.Shares is not { } shares)
            {
                continue;
            }

            // A count that only follows a split recorded on the same date is no filing: the client applies splits itself.
            var changed = previous is not { } before || shares != before * row.SplitRatio;
            previous = shares;
            if (!changed)
            {
                continue;
            }

            var filed = row.Date;
            var end = filed.PlusDays(-_options.FilingLagDays);
            var factor = series.SplitFactor(end, filed);
            var val = shares / factor;
            if (val != decimal.Truncate(val))
            {
                throw new InvalidDataException(
                    $"{series.Symbol}: the count {shares} filed {LocalDatePattern.Iso.Format(filed)} is not a whole number in the units of {LocalDatePattern.Iso.Format(end)} (÷{factor.ToString(CultureInfo.InvariantCulture)}); choose another FilingLagDays");
            }

            sequence++;
            var accn = $"{cik:D10}-{filed.Year % 100:D2}-{sequence:D6}";
            var (fy, fp, form) = filed.Month switch
            {
                <= 3 => (filed.Year - 1, "FY", "10-K"),
                <= 6 => (filed.Year, "Q1", "10-Q"),
                <= 9 => (filed.Year, "Q2", "10-Q"),
                _ => (filed.Year, "Q3", "10-Q"),
            };
            var total = (long)val;
            if (_options.MultiClassSet.Contains(series.Symbol))
            {
                var first = total * 3 / 5;
                facts.Add(new ShareFact(end, first, accn, fy, fp, form, filed));
                facts.Add(new ShareFact(end, total - first, accn, fy, fp, form, filed));
            }
            else
            {
                facts.Add(new ShareFact(end, total, accn, fy, fp, form, filed));
            }
        }

        return facts;
    }

    private static void WriteFact(Utf8JsonWriter json, LocalDate end, long val, ShareFact fact)
    {
        json.WriteStartObject();
        json.WriteString("end", LocalDatePattern.Iso.Format(end));
        json.WriteNumber("val", val);
        json.WriteString("accn", fact.Accn);
        json.WriteNumber("fy", fact.Fy);
        json.WriteString("fp", fact.Fp);
        json.WriteString("form", fact.Form);
        json.WriteString("filed", LocalDatePattern.Iso.Format(fact.Filed));
        json.WriteEndObject();
    }
}
