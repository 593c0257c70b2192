using System.Globalization;
using System.Net;
using System.Text.Json;
using NodaTime;

namespace Agix.Tests.DataPull;

public sealed partial class FakeMarketServerTests : IDisposable
{
    private static readonly string DataFolder = RepoFiles.Path("data");
    private static readonly DemoMarket Demo = DemoMarket.Load(DataFolder);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private FakeMarketServer _server = FakeMarketServer.Start(DataFolder);

    public FakeMarketServerTests() => _http.DefaultRequestHeaders.UserAgent.ParseAdd("agix-tests/1.0 (tests@example.com)");

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task A_chart_request_answers_yahoo_shaped_json_with_one_entry_per_trading_day()
    {
        var (status, json) = await GetJson(ChartUrl("NVDA", new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 6)));

        status.Should().Be(HttpStatusCode.OK);
        var chart = json.RootElement.GetProperty("chart");
        chart.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        var result = chart.GetProperty("result")[0];
        var meta = result.GetProperty("meta");
        meta.GetProperty("symbol").GetString().Should().Be("NVDA");
        meta.GetProperty("currency").GetString().Should().Be("USD");
        meta.GetProperty("exchangeTimezoneName").GetString().Should().Be("America/New_York");
        meta.GetProperty("instrumentType").GetString().Should().Be("EQUITY");
        meta.GetProperty("dataGranularity").GetString().Should().Be("1d");
        meta.GetProperty("gmtoffset").GetInt32().Should().Be(-18000);
        var timestamps = result.GetProperty("timestamp").EnumerateArray().Select(t => t.GetInt64()).ToList();
        timestamps.Select(YahooChart.NewYorkDate).Should().Equal(Demo.Series["NVDA"].Rows.Select(r => r.Date)
            .Where(d => d >= new LocalDate(2024, 1, 2) && d < new LocalDate(2024, 1, 6)));
        timestamps[0].Should().Be(1704205800, "2024-01-02 09:30 New York is 14:30 UTC");
        var quote = result.GetProperty("indicators").GetProperty("quote")[0];
        foreach (var name in new[] { "open", "high", "low", "close", "volume" })
        {
            quote.GetProperty(name).GetArrayLength().Should().Be(timestamps.Count, name);
        }

        result.GetProperty("indicators").GetProperty("adjclose")[0].GetProperty("adjclose").GetArrayLength().Should().Be(timestamps.Count);
        result.TryGetProperty("events", out _).Should().BeFalse("Yahoo omits events when the range has none");
    }

    [Fact]
    public async Task Closes_before_a_split_are_divided_by_its_ratio_and_served_as_widened_float32()
    {
        var nvda = Demo.Series["NVDA"];
        var (_, json) = await GetJson(ChartUrl("NVDA", nvda.Rows[0].Date, nvda.Rows[^1].Date.PlusDays(1)));

        var result = json.RootElement.GetProperty("chart").GetProperty("result")[0];
        var closes = result.GetProperty("indicators").GetProperty("quote")[0].GetProperty("close").EnumerateArray().Select(c => c.GetDouble()).ToList();
        closes.Should().HaveCount(nvda.Rows.Count);
        var split = new LocalDate(2024, 6, 10);
        for (var i = 0; i < closes.Count; i++)
        {
            var row = nvda.Rows[i];
            var ratio = row.Date < split ? 10 : 1;
            (closes[i] * ratio).Should().BeApproximately((double)row.Close, (double)row.Close * 1e-4, row.Date.ToString());
            closes[i].Should().Be((float)(double)(row.Close / ratio), "Yahoo serves float32 values widened to double");
        }

        var splits = result.GetProperty("events").GetProperty("splits");
        var only = splits.EnumerateObject().Should().ContainSingle().Subject;
        only.Name.Should().Be(YahooChart.SessionOpenSeconds(split).ToString(CultureInfo.InvariantCulture));
        only.Value.GetProperty("date").GetInt64().Should().Be(YahooChart.SessionOpenSeconds(split));
        only.Value.GetProperty("numerator").GetDouble().Should().Be(10);
        only.Value.GetProperty("denominator").GetDouble().Should().Be(1);
        only.Value.GetProperty("splitRatio").GetString().Should().Be("10:1");
    }

    [Fact]
    public async Task Every_served_close_and_dividend_gives_back_the_raw_demo_value_through_its_shortest_float32_text()
    {
        // How a client can undo Yahoo's float32: shortest float text, then decimal arithmetic with the split ratios.
        foreach (var series in Demo.Series.Values)
        {
            var (_, json) = await GetJson(ChartUrl(series.Symbol, series.Rows[0].Date, series.Rows[^1].Date.PlusDays(1)));
            var result = json.RootElement.GetProperty("chart").GetProperty("result")[0];
            var closes = result.GetProperty("indicators").GetProperty("quote")[0].GetProperty("close").EnumerateArray().ToList();
            for (var i = 0; i < closes.Count; i++)
            {
                var row = series.Rows[i];
                Recover(closes[i].GetDouble(), series.SplitFactorAfter(row.Date)).Should().Be(row.Close, $"{series.Symbol} {row.Date}");
            }

            var dividends = result.TryGetProperty("events", out var events) && events.TryGetProperty("dividends", out var d)
                ? d.EnumerateObject().ToDictionary(p => YahooChart.NewYorkDate(long.Parse(p.Name, CultureInfo.InvariantCulture)), p => p.Value)
                : [];
            dividends.Keys.Should().BeEquivalentTo(series.Rows.Where(r => r.Dividend != 0).Select(r => r.Date), series.Symbol);
            foreach (var (date, dividend) in dividends)
            {
                dividend.GetProperty("date").GetInt64().Should().Be(YahooChart.SessionOpenSeconds(date));
                Recover(dividend.GetProperty("amount").GetDouble(), series.SplitFactorAfter(date))
                    .Should().Be(series.Rows.Single(r => r.Date == date).Dividend, $"{series.Symbol} {date}");
            }
        }

        static decimal Recover(double served, decimal splitFactor) =>
            decimal.Parse(((float)served).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) * splitFactor;
    }

    [Fact]
    public async Task Dividends_before_a_split_are_divided_by_its_ratio()
    {
        var (_, json) = await GetJson(ChartUrl("AVGO", new LocalDate(2024, 6, 1), new LocalDate(2024, 10, 1)));

        var events = json.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("events");
        var dividends = events.GetProperty("dividends").EnumerateObject().ToDictionary(
            p => YahooChart.NewYorkDate(long.Parse(p.Name, CultureInfo.InvariantCulture)), p => p.Value.GetProperty("amount").GetDouble());
        dividends.Should().BeEquivalentTo(new Dictionary<LocalDate, double>
        {
            [new LocalDate(2024, 6, 20)] = (float)0.642,
            [new LocalDate(2024, 9, 20)] = (float)0.65,
        });
        events.GetProperty("splits").EnumerateObject().Single().Value.GetProperty("splitRatio").GetString().Should().Be("10:1");
    }

    [Fact]
    public async Task Period1_is_inclusive_and_period2_exclusive_at_the_session_open_and_both_are_recorded_as_New_York_dates()
    {
        var from = new LocalDate(2024, 6, 4);
        var to = new LocalDate(2024, 6, 11);
        var url = $"{_server.YahooUrl}/v8/finance/chart/NVDA?period1={YahooChart.SessionOpenSeconds(from)}&period2={YahooChart.SessionOpenSeconds(to)}&interval=1d&events=div%7Csplit";

        var (_, json) = await GetJson(url);
        var (_, oneSecondLater) = await GetJson(url.Replace($"period2={YahooChart.SessionOpenSeconds(to)}", $"period2={YahooChart.SessionOpenSeconds(to) + 1}", StringComparison.Ordinal));

        Dates(json).Should().Equal(new LocalDate(2024, 6, 4), new LocalDate(2024, 6, 5), new LocalDate(2024, 6, 6), new LocalDate(2024, 6, 7), new LocalDate(2024, 6, 10));
        Dates(oneSecondLater).Should().HaveCount(6).And.EndWith(to);
        var request = _server.Requests[0];
        request.Should().BeEquivalentTo(new { Host = "yahoo", Path = "/v8/finance/chart/NVDA", Symbol = "NVDA", From = from, To = to, Status = 200 });
        request.Query.Should().Contain("interval=1d");
    }

    [Fact]
    public async Task A_range_without_trading_days_answers_a_result_without_timestamps()
    {
        var (status, json) = await GetJson(ChartUrl("NVDA", new LocalDate(2024, 6, 8), new LocalDate(2024, 6, 10)));

        status.Should().Be(HttpStatusCode.OK);
        var result = json.RootElement.GetProperty("chart").GetProperty("result")[0];
        result.TryGetProperty("timestamp", out _).Should().BeFalse();
        result.GetProperty("indicators").GetProperty("quote")[0].EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task An_index_symbol_is_served_from_its_url_encoded_form()
    {
        var (status, json) = await GetJson($"{_server.YahooUrl}/v8/finance/chart/%5EGSPC?period1=1704067200&period2=1704844800&interval=1d&events=div%7Csplit");

        status.Should().Be(HttpStatusCode.OK);
        var result = json.RootElement.GetProperty("chart").GetProperty("result")[0];
        result.GetProperty("meta").GetProperty("symbol").GetString().Should().Be("^GSPC");
        result.GetProperty("meta").GetProperty("instrumentType").GetString().Should().Be("INDEX");
        result.GetProperty("timestamp").GetArrayLength().Should().BeGreaterThan(0);
        _server.Requests.Single().Symbol.Should().Be("^GSPC");
    }

    [Fact]
    public async Task An_unknown_symbol_answers_404_with_a_chart_error()
    {
        _server.Dispose();
        _server = FakeMarketServer.Start(DataFolder, new FakeMarketOptions(UnknownToYahoo: new HashSet<string> { "MU" }));

        foreach (var symbol in new[] { "NOPE", "MU" })
        {
            var (status, json) = await GetJson(ChartUrl(symbol, new LocalDate(2024, 1, 2), new LocalDate(2024, 2, 1)));

            status.Should().Be(HttpStatusCode.NotFound);
            var chart = json.RootElement.GetProperty("chart");
            chart.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
            chart.GetProperty("error").GetProperty("code").GetString().Should().Be("Not Found");
            chart.GetProperty("error").GetProperty("description").GetString().Should().Be("No data found, symbol may be delisted");
        }
    }

    [Fact]
    public async Task A_null_close_option_serves_null_for_that_day_only()
    {
        var day = new LocalDate(2024, 1, 3);
        _server.Dispose();
        _server = FakeMarketServer.Start(DataFolder, new FakeMarketOptions(NullCloses: new HashSet<(string, LocalDate)> { ("NVDA", day) }));

        var (_, json) = await GetJson(ChartUrl("NVDA", new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 5)));

        var quote = json.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("indicators").GetProperty("quote")[0];
        quote.GetProperty("close").EnumerateArray().Select(c => c.ValueKind).Should().Equal(JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Number);
        quote.GetProperty("volume")[1].ValueKind.Should().Be(JsonValueKind.Null);
    }

    private static IReadOnlyList<LocalDate> Dates(JsonDocument chart) =>
        [.. chart.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("timestamp").EnumerateArray().Select(t => YahooChart.NewYorkDate(t.GetInt64()))];

    private string ChartUrl(string symbol, LocalDate from, LocalDate toExclusive) =>
        $"{_server.YahooUrl}/v8/finance/chart/{Uri.EscapeDataString(symbol)}?period1={YahooChart.SessionOpenSeconds(from)}&period2={YahooChart.SessionOpenSeconds(toExclusive)}&interval=1d&events=div%7Csplit";

    private async Task<(HttpStatusCode Status, JsonDocument Json)> GetJson(string url)
    {
        using var response = await _http.GetAsync(new Uri(url), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(body));
    }

    private async Task<(HttpStatusCode Status, string Body)> GetText(string url, HttpClient? client = null)
    {
        using var response = await (client ?? _http).GetAsync(new Uri(url), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
