using System.Text;
using Agix.Prices;
using Agix.Sources;
using NodaTime;

namespace Agix.Tests.Sources;

public sealed class SecEdgarTests
{
    private static LocalDate D(string s) => IsoDate.TryParse(s, out var d) ? d : throw new FormatException(s);

    [Fact]
    public void The_ticker_map_gives_each_ticker_its_cik()
    {
        var map = SecEdgar.ParseTickers(Encoding.UTF8.GetBytes("""{"0":{"cik_str":1045810,"ticker":"NVDA","title":"NVIDIA CORP"},"1":{"cik_str":789019,"ticker":"MSFT","title":"MICROSOFT CORP"}}"""));

        map["NVDA"].Should().Be(1045810);
        map["msft"].Should().Be(789019);
        SecEdgar.FactsPath(1045810).Should().Be("/api/xbrl/companyfacts/CIK0001045810.json");
    }

    [Fact]
    public void Share_classes_of_one_filing_are_summed_and_filings_ordered_by_the_date_they_became_known()
    {
        var json = """
            {"cik":1652044,"facts":{"dei":{"EntityCommonStockSharesOutstanding":{"units":{"shares":[
              {"end":"2023-04-18","val":300,"accn":"A2","fy":2023,"fp":"Q1","form":"10-Q","filed":"2023-04-25"},
              {"end":"2023-01-24","val":100,"accn":"A1","fy":2022,"fp":"FY","form":"10-K","filed":"2023-02-03"},
              {"end":"2023-01-24","val":50,"accn":"A1","fy":2022,"fp":"FY","form":"10-K","filed":"2023-02-03"},
              {"end":"2023-04-18","val":200,"accn":"A2","fy":2023,"fp":"Q1","form":"10-Q","filed":"2023-04-25"}]}}}}}
            """;

        var filings = SecEdgar.ParseShareCounts(Encoding.UTF8.GetBytes(json), "GOOGL");

        filings.Should().Equal(
            new ShareFiling(D("2023-01-24"), D("2023-02-03"), "A1", 150),
            new ShareFiling(D("2023-04-18"), D("2023-04-25"), "A2", 500));
    }

    [Fact]
    public void A_company_without_the_share_count_fact_has_none()
    {
        var facts = SecEdgar.ParseShareCounts(Encoding.UTF8.GetBytes("""{"cik":1046179,"facts":{"dei":{"EntityPublicFloat":{"units":{"USD":[]}}}}}"""), "TSM");

        facts.Should().BeNull();
    }

    [Fact]
    public void A_count_is_known_from_its_filing_date_and_never_before()
    {
        var history = new ShareHistory([new(D("2023-01-24"), D("2023-02-03"), "A1", 150), new(D("2023-04-18"), D("2023-04-25"), "A2", 500)], []);

        history.On(D("2023-02-02")).Should().Be(double.NaN);
        history.On(D("2023-02-03")).Should().Be(150);
        history.On(D("2023-04-24")).Should().Be(150);
        history.On(D("2023-04-25")).Should().Be(500);
    }

    [Fact]
    public void A_split_after_the_counts_end_date_multiplies_it_from_the_split_on()
    {
        // NVDA: 2.46 bn shares as of 2024-05-17 (filed 2024-05-29), a 10-for-1 split on 2024-06-10, the next 10-Q in August.
        var history = new ShareHistory([new(D("2024-05-17"), D("2024-05-29"), "Q1", 2_460_000_000)], [(D("2024-06-10"), 10.0)]);

        history.On(D("2024-06-07")).Should().Be(2_460_000_000);
        history.On(D("2024-06-10")).Should().Be(24_600_000_000);
    }

    [Fact]
    public void A_split_before_the_counts_end_date_is_already_in_it()
    {
        var history = new ShareHistory([new(D("2024-07-21"), D("2024-08-28"), "Q2", 24_530_000_000)], [(D("2024-06-10"), 10.0)]);

        history.On(D("2024-09-03")).Should().Be(24_530_000_000);
    }

    [Fact]
    public void A_shares_file_is_read_with_its_errors_named_by_line_and_column()
    {
        using var files = new TempFiles();
        var good = files.Write("shares.csv", "symbol,date,shares_outstanding\nTSM,2022-01-03,5186000000\nARM,2023-09-14,1025000000\nTSM,2024-01-02,5187000000\n");
        var bad = files.Write("bad.csv", "symbol,date,shares_outstanding\nTSM,2022-13-03,5186000000\nARM,2023-09-14,-1\n");
        var bag = new DiagnosticBag();

        var counts = SharesFile.Read(good, "shares.csv", bag);
        var none = SharesFile.Read(bad, "bad.csv", bag);

        counts!["TSM"].Select(c => (c.Filed, c.Shares)).Should().Equal((D("2022-01-03"), 5186000000.0), (D("2024-01-02"), 5187000000.0));
        none.Should().BeNull();
        bag.Errors.Select(e => e.ToString()).Should().Equal(
            "bad.csv:2:2: error: '2022-13-03' is not a valid date (expected yyyy-MM-dd)",
            "bad.csv:3:3: error: shares_outstanding '-1' must be a positive number");
    }

    [Fact]
    public void The_last_completed_trading_day_is_today_after_17_00_new_york_time_and_the_day_before_otherwise()
    {
        static LocalDate At(string utc) => DataPull.LastCompletedTradingDay(NodaTime.Text.InstantPattern.General.Parse(utc).Value);

        At("2026-12-03T21:59:00Z").Should().Be(D("2026-12-02"), "16:59 in New York: Thursday's close is not settled");
        At("2026-12-03T22:00:00Z").Should().Be(D("2026-12-03"));
        At("2026-12-05T15:00:00Z").Should().Be(D("2026-12-04"), "a Saturday");
        At("2026-11-27T03:00:00Z").Should().Be(D("2026-11-25"), "Thanksgiving night, still Thursday in New York");
    }
}
