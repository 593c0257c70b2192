using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Agix.Tests.DataPull;

/// <summary>Builds the answers of Yahoo's <c>/v8/finance/chart/{symbol}</c> from the demo data: closes and
/// dividends split-adjusted for every split of the data (float32 values widened to double, as Yahoo serves
/// them), not dividend-adjusted; split events; the chart.error bodies.</summary>
internal static class YahooChart
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static readonly LocalTime SessionOpen = new(9, 30);

    /// <summary>The Unix seconds of the 09:30 America/New_York session open of the date.</summary>
    public static long SessionOpenSeconds(LocalDate date) =>
        date.At(SessionOpen).InZoneStrictly(NewYork).ToInstant().ToUnixTimeSeconds();

    /// <summary>The America/New_York date of a Unix time.</summary>
    public static LocalDate NewYorkDate(long unixSeconds) =>
        Instant.FromUnixTimeSeconds(unixSeconds).InZone(NewYork).Date;

    /// <summary>A value as Yahoo serves prices: rounded to float32, widened back to double.</summary>
    public static double AsServed(decimal value) => (float)(double)value;

    public static byte[] Chart(SymbolSeries series, long period1, long period2, string events, FakeMarketOptions options, bool daily = true)
    {
        var rows = series.Rows
            .Select(row => (Row: row, Time: SessionOpenSeconds(row.Date)))
            .Where(item => item.Time >= period1 && item.Time < period2)
            .ToList();
        var kinds = events.Split('|', ',');
        var wantDividends = kinds.Contains("div", StringComparer.Ordinal);
        var wantSplits = kinds.Contains("split", StringComparer.Ordinal);
        var dividends = wantDividends ? rows.Where(item => item.Row.Dividend != 0m).ToList() : [];
        var splits = wantSplits ? rows.Where(item => item.Row.SplitRatio != 1m).ToList() : [];
        if (!daily)
        {
            // A coarse interval (1mo, 3mo) asked for its events: they are served over the whole range, the bars are left out.
            rows = [];
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("chart");
            json.WriteStartArray("result");
            json.WriteStartObject();
            WriteMeta(json, series, rows.Count == 0 ? null : rows[^1].Row.Date, rows.Count == 0 ? null : rows[^1].Row);

            if (rows.Count > 0)
            {
                json.WriteStartArray("timestamp");
                foreach (var item in rows)
                {
                    json.WriteNumberValue(item.Time);
                }

                json.WriteEndArray();
            }

            if (dividends.Count > 0 || splits.Count > 0)
            {
                json.WriteStartObject("events");
                if (dividends.Count > 0)
                {
                    json.WriteStartObject("dividends");
                    foreach (var (row, time) in dividends)
                    {
                        json.WriteStartObject(time.ToString(CultureInfo.InvariantCulture));
                        json.WriteNumber("amount", AsServed(row.Dividend / series.SplitFactorAfter(row.Date)));
                        json.WriteNumber("date", time);
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                if (splits.Count > 0)
                {
                    json.WriteStartObject("splits");
                    foreach (var (row, time) in splits)
                    {
                        var (numerator, denominator) = Fraction(row.SplitRatio);
                        json.WriteStartObject(time.ToString(CultureInfo.InvariantCulture));
                        json.WriteNumber("date", time);
                        json.WritePropertyName("numerator");
                        json.WriteRawValue(numerator.ToString("0.0", CultureInfo.InvariantCulture));
                        json.WritePropertyName("denominator");
                        json.WriteRawValue(denominator.ToString("0.0", CultureInfo.InvariantCulture));
                        json.WriteString("splitRatio", $"{numerator}:{denominator}");
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            var closes = rows.Select(item => options.IsNullClose(series.Symbol, item.Row.Date)
                ? (double?)null
                : AsServed(item.Row.Close / series.SplitFactorAfter(item.Row.Date))).ToList();
            json.WriteStartObject("indicators");
            json.WriteStartArray("quote");
            json.WriteStartObject();
            if (rows.Count > 0)
            {
                foreach (var name in new[] { "open", "high", "low", "close" })
                {
                    WriteSeries(json, name, closes);
                }

                WriteSeries(json, "volume", [.. closes.Select(close => close is null ? (double?)null : 0d)]);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("adjclose");
            json.WriteStartObject();
            if (rows.Count > 0)
            {
                WriteSeries(json, "adjclose", closes);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNull("error");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Error(string code, string description) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { chart = new { result = (object?)null, error = new { code, description } } }));

    public static byte[] NotFound() => Error("Not Found", "No data found, symbol may be delisted");

    /// <summary>The ratio as numerator:denominator, the smallest denominator up to 1000 making it whole.</summary>
    public static (long Numerator, long Denominator) Fraction(decimal ratio)
    {
        for (var denominator = 1L; denominator <= 1000; denominator++)
        {
            var numerator = ratio * denominator;
            if (numerator == decimal.Truncate(numerator))
            {
                return ((long)numerator, denominator);
            }
        }

        throw new InvalidDataException($"split ratio {ratio} is not a fraction with a denominator up to 1000");
    }

    private static void WriteMeta(Utf8JsonWriter json, SymbolSeries series, LocalDate? lastDate, Row? lastRow)
    {
        var symbol = series.Symbol;
        var offset = lastDate is { } date ? NewYork.GetUtcOffset(date.At(SessionOpen).InZoneStrictly(NewYork).ToInstant()) : Offset.FromHours(-5);
        json.WriteStartObject("meta");
        json.WriteString("currency", "USD");
        json.WriteString("symbol", symbol);
        json.WriteString("exchangeName", symbol.StartsWith('^') ? "SNP" : "NMS");
        json.WriteString("fullExchangeName", symbol.StartsWith('^') ? "SNP" : "NasdaqGS");
        json.WriteString("instrumentType", symbol.StartsWith('^') ? "INDEX" : symbol is "SPY" or "QQQ" ? "ETF" : "EQUITY");
        json.WriteNumber("firstTradeDate", SessionOpenSeconds(series.Rows[0].Date));
        if (lastRow is not null)
        {
            json.WriteNumber("regularMarketTime", SessionOpenSeconds(lastRow.Date) + 23400);
            json.WriteNumber("regularMarketPrice", AsServed(lastRow.Close / series.SplitFactorAfter(lastRow.Date)));
        }

        json.WriteNumber("gmtoffset", offset.Seconds);
        json.WriteString("timezone", offset.Seconds == -18000 ? "EST" : "EDT");
        json.WriteString("exchangeTimezoneName", "America/New_York");
        json.WriteNumber("priceHint", 2);
        json.WriteString("dataGranularity", "1d");
        json.WriteString("range", "");
        json.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter json, string name, IReadOnlyList<double?> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            if (value is { } number)
            {
                json.WriteNumberValue(number);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }
}
