using System.Globalization;
using System.Text.Json;
using Agix.Prices;
using NodaTime;

namespace Agix.Sources;

/// <summary>One day of a chart response: the split-adjusted close (NaN when Yahoo sent <c>null</c>).</summary>
internal readonly record struct ChartBar(LocalDate Date, double AdjustedClose);

/// <summary>
/// A daily chart of one symbol as the Yahoo Finance chart API sends it: closes adjusted for every split up to the
/// day of the request (not for dividends), dividends adjusted the same way, and the splits with their ex-dates.
/// </summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Bars">The trading days, ascending and distinct.</param>
/// <param name="Dividends">Split-adjusted cash dividends by ex-date.</param>
/// <param name="Splits">Split ratios (numerator / denominator) by ex-date.</param>
internal sealed record Chart(string Symbol, IReadOnlyList<ChartBar> Bars, IReadOnlyDictionary<LocalDate, double> Dividends, IReadOnlyDictionary<LocalDate, double> Splits);

/// <summary>A chart in the canonical raw form of <c>prices.csv</c>: the close as traded, with dividends and split ratios.</summary>
internal readonly record struct RawBar(LocalDate Date, double Close, double Dividend, double SplitRatio);

/// <summary>
/// Reads a Yahoo Finance chart response (<c>/v8/finance/chart/{symbol}?…&amp;events=div%7Csplit</c>) and turns it into
/// raw prices. Timestamps are the Unix seconds of each session's open; the trading date is their date in
/// <c>meta.exchangeTimezoneName</c>.
/// </summary>
internal static class YahooChart
{
    /// <summary>
    /// The significant digits a Yahoo price carries. Yahoo sends single-precision values widened to double
    /// (187.54 arrives as 187.5399932861328): rounding to 7 significant digits recovers the printed price, half
    /// cents included, so that a price is the same whichever later splits it has been divided by.
    /// </summary>
    public const int SourceDigits = 7;

    /// <summary>Parses a chart response.</summary>
    /// <exception cref="YahooErrorException">The response carries <c>chart.error</c> (such as an unknown symbol).</exception>
    /// <exception cref="SourceFormatException">The body is not a complete chart response (truncated or not JSON).</exception>
    public static Chart Parse(ReadOnlySpan<byte> json, string symbol)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var chart = Property(doc.RootElement, "chart");
            if (chart.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                throw new YahooErrorException(symbol, Text(error, "code"), Text(error, "description"));
            }

            var results = Property(chart, "result");
            if (results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
            {
                throw new SourceFormatException($"Yahoo chart for {symbol}: no result");
            }

            var result = results[0];
            var meta = Property(result, "meta");
            var zone = Zone(meta, symbol);
            var bars = new List<ChartBar>();
            if (result.TryGetProperty("timestamp", out var timestamps) && timestamps.ValueKind == JsonValueKind.Array)
            {
                var quote = Property(Property(result, "indicators"), "quote")[0];
                var closes = Property(quote, "close");
                if (closes.GetArrayLength() != timestamps.GetArrayLength())
                {
                    throw new SourceFormatException($"Yahoo chart for {symbol}: {timestamps.GetArrayLength()} timestamps but {closes.GetArrayLength()} closes");
                }

                for (var i = 0; i < timestamps.GetArrayLength(); i++)
                {
                    var date = DateOf(timestamps[i].GetInt64(), zone);
                    var close = closes[i].ValueKind == JsonValueKind.Null ? double.NaN : closes[i].GetDouble();
                    if (bars.Count > 0 && bars[^1].Date >= date)
                    {
                        // Yahoo sometimes repeats the last session (a live bar): keep the later value of the same day.
                        if (bars[^1].Date == date)
                        {
                            bars[^1] = new ChartBar(date, double.IsNaN(close) ? bars[^1].AdjustedClose : close);
                            continue;
                        }

                        throw new SourceFormatException($"Yahoo chart for {symbol}: timestamps are not ascending at {IsoDate.Format(date)}");
                    }

                    bars.Add(new ChartBar(date, close));
                }
            }

            var dividends = new SortedDictionary<LocalDate, double>();
            var splits = new SortedDictionary<LocalDate, double>();
            if (result.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Object)
            {
                if (events.TryGetProperty("dividends", out var divs) && divs.ValueKind == JsonValueKind.Object)
                {
                    foreach (var d in divs.EnumerateObject())
                    {
                        var date = DateOf(Property(d.Value, "date").GetInt64(), zone);
                        dividends[date] = dividends.GetValueOrDefault(date) + Property(d.Value, "amount").GetDouble();
                    }
                }

                if (events.TryGetProperty("splits", out var spl) && spl.ValueKind == JsonValueKind.Object)
                {
                    foreach (var s in spl.EnumerateObject())
                    {
                        var date = DateOf(Property(s.Value, "date").GetInt64(), zone);
                        var numerator = Property(s.Value, "numerator").GetDouble();
                        var denominator = Property(s.Value, "denominator").GetDouble();
                        if (!(numerator > 0 && denominator > 0))
                        {
                            throw new SourceFormatException(string.Create(CultureInfo.InvariantCulture, $"Yahoo chart for {symbol}: split on {IsoDate.Format(date)} has ratio {numerator}:{denominator}"));
                        }

                        splits[date] = splits.GetValueOrDefault(date, 1) * (numerator / denominator);
                    }
                }
            }

            return new Chart(symbol, bars, dividends, splits);
        }
        catch (JsonException ex)
        {
            throw new SourceFormatException($"Yahoo chart for {symbol}: the response is not complete JSON ({ex.Message})");
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
        {
            throw new SourceFormatException($"Yahoo chart for {symbol}: unexpected response shape ({ex.Message})");
        }
    }

    /// <summary>
    /// The raw form of a chart: raw close = adjusted close × the product of the ratios of every split after that
    /// date (the split on the date itself is already in its close), the same for dividends, the split ratio on the
    /// ex-date. Days without a close are left out; a dividend or a split on such a day is an error.
    /// </summary>
    /// <param name="chart">The chart, with every split from its first date up to the day of the request.</param>
    /// <param name="after">Only days after this date (an update), or null for all.</param>
    /// <param name="to">Only days on or before this date.</param>
    /// <exception cref="InvalidInputException">A dividend or a split falls on a day without a close.</exception>
    public static List<RawBar> ToRaw(Chart chart, LocalDate? after, LocalDate to)
    {
        var splitDates = chart.Splits.Keys.Order().ToArray();
        var rows = new List<RawBar>(chart.Bars.Count);
        var closes = new Dictionary<LocalDate, double>();
        foreach (var bar in chart.Bars)
        {
            if (!double.IsNaN(bar.AdjustedClose))
            {
                closes[bar.Date] = bar.AdjustedClose;
            }
        }

        foreach (var date in chart.Dividends.Keys.Concat(chart.Splits.Keys))
        {
            if (!closes.ContainsKey(date) && (after is null || date > after) && date <= to)
            {
                throw new InvalidInputException(Diagnostic.Error(SourceClient.Yahoo, 0, 0, $"{chart.Symbol}: a {(chart.Splits.ContainsKey(date) ? "split" : "dividend")} on {IsoDate.Format(date)}, a day for which Yahoo Finance sends no close: the event cannot be placed; pull again later (Yahoo fills such gaps), or start the pull after that date with --from"));
            }
        }

        foreach (var bar in chart.Bars)
        {
            if (double.IsNaN(bar.AdjustedClose) || (after is { } a && bar.Date <= a) || bar.Date > to)
            {
                continue;
            }

            var factor = 1.0;
            foreach (var s in splitDates)
            {
                factor *= s > bar.Date ? chart.Splits[s] : 1;
            }

            var dividend = chart.Dividends.TryGetValue(bar.Date, out var d) ? Unadjust(d, factor) : 0;
            rows.Add(new RawBar(bar.Date, Unadjust(bar.AdjustedClose, factor), dividend, chart.Splits.GetValueOrDefault(bar.Date, 1)));
        }

        return rows;
    }

    /// <summary>
    /// A split-adjusted source value times the split factor, rounded to what the source carries: the value is read to
    /// <see cref="SourceDigits"/> significant digits, multiplied, and then put on the coarsest grid it lies on within
    /// the source's precision — half a cent (exchange ticks and closing-auction half cents), then 0.0001, then
    /// 0.000001 (sub-dollar prices, dividends) — or, off every grid, kept to 10 significant digits. A price divided
    /// by 3 for a 3-for-1 split and multiplied back (33.336667 × 3) thus gives the traded 100.01 again.
    /// </summary>
    public static double Unadjust(double adjusted, double factor)
    {
        var x = Round(adjusted, SourceDigits) * factor;
        foreach (var perUnit in Grids)
        {
            var snapped = Math.Round(x * perUnit) / perUnit;
            if (Math.Abs(snapped - x) <= Math.Abs(x) * GridTolerance)
            {
                return snapped;
            }
        }

        return Round(x, SourceDigits + 3);
    }

    /// <summary>The grids of <see cref="Unadjust"/>, as steps per unit: 0.005, 0.0001, 0.000001.</summary>
    private static readonly double[] Grids = [200, 10_000, 1_000_000];

    /// <summary>How far (relative) a value may be from a grid point and still be that point: a few single-precision steps.</summary>
    private const double GridTolerance = 3e-7;

    /// <summary><paramref name="x"/> rounded to <paramref name="digits"/> significant digits (the nearest double to the decimal).</summary>
    public static double Round(double x, int digits) =>
        double.Parse(x.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The exchange date of a session-open timestamp.</summary>
    private static LocalDate DateOf(long unixSeconds, DateTimeZone zone) => Instant.FromUnixTimeSeconds(unixSeconds).InZone(zone).Date;

    private static DateTimeZone Zone(JsonElement meta, string symbol)
    {
        if (meta.TryGetProperty("exchangeTimezoneName", out var name) && name.ValueKind == JsonValueKind.String && DateTimeZoneProviders.Tzdb.GetZoneOrNull(name.GetString()!) is { } zone)
        {
            return zone;
        }

        if (meta.TryGetProperty("gmtoffset", out var offset) && offset.ValueKind == JsonValueKind.Number)
        {
            return DateTimeZone.ForOffset(Offset.FromSeconds(offset.GetInt32()));
        }

        throw new SourceFormatException($"Yahoo chart for {symbol}: meta.exchangeTimezoneName is missing or unknown");
    }

    private static JsonElement Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"no '{name}'");

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
