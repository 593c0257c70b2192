using System.Net;
using NodaTime;

namespace Agix.Tests.DataPull;

public sealed partial class FakeMarketServerTests
{
    [Fact]
    public async Task Company_tickers_maps_every_universe_symbol_to_a_deterministic_cik()
    {
        var (status, json) = await GetJson($"{_server.SecUrl}/files/company_tickers.json");

        status.Should().Be(HttpStatusCode.OK);
        var entries = json.RootElement.EnumerateObject().ToList();
        entries.Select(e => e.Name).Should().Equal(Enumerable.Range(0, Demo.Universe.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        entries.Select(e => e.Value.GetProperty("ticker").GetString()).Should().Equal(Demo.Universe.Select(u => u.Symbol));
        var nvda = entries[0].Value;
        nvda.GetProperty("cik_str").GetInt32().Should().Be(1000001).And.Be(_server.CikOf("NVDA"));
        nvda.GetProperty("title").GetString().Should().Be("NVIDIA CORPORATION");
        entries.Select(e => e.Value.GetProperty("ticker").GetString()).Should().NotContain("^GSPC");
    }

    [Fact]
    public async Task Company_facts_of_a_filer_hold_one_count_per_filing_dated_a_filing_lag_after_its_end()
    {
        var (status, json) = await GetJson(FactsUrl("NVDA"));

        status.Should().Be(HttpStatusCode.OK);
        json.RootElement.GetProperty("cik").GetInt32().Should().Be(_server.CikOf("NVDA"));
        json.RootElement.GetProperty("entityName").GetString().Should().Be("NVIDIA CORPORATION");
        var raw = json.RootElement.GetProperty("facts").GetProperty("dei").GetProperty("EntityCommonStockSharesOutstanding").GetProperty("units").GetProperty("shares");
        raw[0].EnumerateObject().Select(p => p.Name).Should().Equal("end", "val", "accn", "fy", "fp", "form", "filed");
        var facts = PointInTimeShares.Parse(json.RootElement);
        facts[0].Should().Be(new ServedFact(new LocalDate(2021, 12, 13), 2500000000, "0001000001-22-000001", new LocalDate(2022, 1, 3)));
        facts.Should().OnlyContain(f => f.Filed == f.End.PlusDays(21));
        facts.Select(f => f.Accn).Should().OnlyHaveUniqueItems();
        facts.Should().NotContain(f => f.Filed == new LocalDate(2024, 6, 10), "a split alone is no filing");
        facts.Should().Contain(new ServedFact(new LocalDate(2024, 6, 10), 24751104000, "0001000001-24-000011", new LocalDate(2024, 7, 1)));
        raw.EnumerateArray().Select(f => f.GetProperty("form").GetString()).Should().OnlyContain(form => form == "10-Q" || form == "10-K");
    }

    [Fact]
    public async Task A_split_between_a_filings_end_and_filed_dates_puts_its_count_in_the_units_of_end()
    {
        _server.Dispose();
        _server = FakeMarketServer.Start(DataFolder, new FakeMarketOptions(FilingLagDays: 45));

        var (_, json) = await GetJson(FactsUrl("NVDA"));

        PointInTimeShares.Parse(json.RootElement).Should().Contain(
            new ServedFact(new LocalDate(2024, 5, 17), 2475110400, "0001000001-24-000011", new LocalDate(2024, 7, 1)),
            "24,751,104,000 shares filed 2024-07-01 are a tenth as many before the 2024-06-10 split");
    }

    [Fact]
    public void In_the_demo_data_a_split_multiplies_the_count_by_its_ratio_on_the_ex_date_and_makes_no_filing()
    {
        var splitDays = Demo.Universe.SelectMany(u => Demo.Series[u.Symbol].Rows.Select((row, i) => (u.Symbol, Row: row, Before: i > 0 ? Demo.Series[u.Symbol].Rows[i - 1] : null)))
            .Where(x => x.Row.SplitRatio != 1)
            .ToList();

        splitDays.Should().HaveCount(4);
        splitDays.Should().OnlyContain(x => x.Row.Shares == x.Before!.Shares * x.Row.SplitRatio);
        splitDays.Should().OnlyContain(x => !_server.ShareFactsOf(x.Symbol).Any(f => f.Filed == x.Row.Date));
    }

    [Fact]
    public async Task Company_facts_of_a_multi_class_company_hold_two_classes_per_filing_summing_to_the_count()
    {
        var (_, json) = await GetJson(FactsUrl("GOOGL"));

        var facts = PointInTimeShares.Parse(json.RootElement);
        var filings = facts.GroupBy(f => (f.Accn, f.End)).ToList();
        filings.Should().OnlyContain(g => g.Count() == 2);
        var first = filings[0].ToList();
        var total = Demo.Series["GOOGL"].Rows[0].Shares!.Value;
        first.Select(f => f.Val).Should().Equal(total * 3 / 5, total - (total * 3 / 5));
    }

    [Fact]
    public async Task Company_facts_of_a_foreign_filer_have_a_public_float_but_no_share_count()
    {
        var (status, json) = await GetJson(FactsUrl("TSM"));

        status.Should().Be(HttpStatusCode.OK);
        var dei = json.RootElement.GetProperty("facts").GetProperty("dei");
        dei.EnumerateObject().Select(p => p.Name).Should().Equal("EntityPublicFloat");
        dei.GetProperty("EntityPublicFloat").GetProperty("units").GetProperty("USD").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task An_unknown_cik_answers_404_with_a_body_that_is_not_json()
    {
        var (status, body) = await GetText($"{_server.SecUrl}/api/xbrl/companyfacts/CIK0000000042.json");

        status.Should().Be(HttpStatusCode.NotFound);
        body.Should().StartWith("<");
    }

    [Fact]
    public async Task Sec_answers_403_to_a_request_without_a_user_agent_unless_told_not_to()
    {
        using var anonymous = new HttpClient();

        var (status, body) = await GetText($"{_server.SecUrl}/files/company_tickers.json", anonymous);
        var (yahoo, _) = await GetText($"{_server.YahooUrl}/v8/finance/chart/NVDA?period1=1704067200&period2=1704844800&interval=1d", anonymous);
        _server.Dispose();
        _server = FakeMarketServer.Start(DataFolder, new FakeMarketOptions(RequireUserAgent: false));
        var (relaxed, _) = await GetText($"{_server.SecUrl}/files/company_tickers.json", anonymous);

        status.Should().Be(HttpStatusCode.Forbidden);
        body.Should().Contain("Undeclared Automated Tool");
        yahoo.Should().Be(HttpStatusCode.OK);
        relaxed.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(45)]
    [InlineData(100)]
    public async Task The_point_in_time_rule_on_the_served_facts_and_splits_gives_back_the_demo_share_counts_on_every_row(int lagDays)
    {
        _server.Dispose();
        _server = FakeMarketServer.Start(DataFolder, new FakeMarketOptions(FilingLagDays: lagDays));
        var checkedRows = 0;

        foreach (var member in Demo.Universe.Where(u => u.Symbol != "TSM"))
        {
            var series = Demo.Series[member.Symbol];
            var (_, facts) = await GetJson(FactsUrl(member.Symbol));
            var (_, chart) = await GetJson(ChartUrl(member.Symbol, series.Rows[0].Date, series.Rows[^1].Date.PlusDays(1)));
            var served = PointInTimeShares.Parse(facts.RootElement);
            var splits = PointInTimeShares.Splits(chart.RootElement);

            foreach (var row in series.Rows)
            {
                PointInTimeShares.On(served, splits, row.Date).Should().Be(row.Shares, $"{member.Symbol} {row.Date}");
                checkedRows++;
            }
        }

        checkedRows.Should().Be(Demo.Universe.Where(u => u.Symbol != "TSM").Sum(u => Demo.Series[u.Symbol].Rows.Count));
    }

    [Fact]
    public async Task The_shares_file_gives_back_the_demo_share_counts_of_its_symbols()
    {
        using var temp = new TempFolder();
        var path = _server.WriteSharesFile(Path.Combine(temp.Path, "shares.csv"), ["TSM", "NVDA"]);

        var lines = File.ReadAllLines(path);

        lines[0].Should().Be("symbol,date,shares_outstanding");
        lines[1].Should().Be("TSM,2022-01-03,5186000000");
        foreach (var symbol in new[] { "TSM", "NVDA" })
        {
            var series = Demo.Series[symbol];
            var (_, chart) = await GetJson(ChartUrl(symbol, series.Rows[0].Date, series.Rows[^1].Date.PlusDays(1)));
            var splits = PointInTimeShares.Splits(chart.RootElement);
            foreach (var row in series.Rows)
            {
                PointInTimeShares.FromSharesFile(lines, symbol, splits, row.Date).Should().Be(row.Shares, $"{symbol} {row.Date}");
            }
        }
    }

    private string FactsUrl(string symbol) => $"{_server.SecUrl}/api/xbrl/companyfacts/CIK{_server.CikOf(symbol):D10}.json";

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("agix-fake-market-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
