using System.Net;
using NodaTime;

namespace Agix.Tests.DataPull;

public sealed partial class FakeMarketServerTests
{
    private const string SyntheticPrices = """
        date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap
        2024-01-02,AAA,10,0,1,1000,10000
        2024-01-03,AAA,20,0,0.5,500,10000
        2024-01-04,AAA,21,0,1,600,12600
        2024-01-05,AAA,14,0,1.5,900,12600
        2024-01-08,AAA,14,0.3,1,900,12600

        """;

    [Fact]
    public async Task A_reverse_split_and_a_three_for_two_split_are_served_as_fractions_and_the_point_in_time_rule_still_holds()
    {
        using var temp = new TempFolder();
        WriteSynthetic(temp.Path, SyntheticPrices);
        _server.Dispose();
        _server = FakeMarketServer.Start(temp.Path, new FakeMarketOptions(FilingLagDays: 2));

        var (_, chart) = await GetJson(ChartUrl("AAA", new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 9)));
        var (_, facts) = await GetJson(FactsUrl("AAA"));

        var splits = chart.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("events").GetProperty("splits").EnumerateObject()
            .Select(s => (s.Value.GetProperty("numerator").GetDouble(), s.Value.GetProperty("denominator").GetDouble(), s.Value.GetProperty("splitRatio").GetString()));
        splits.Should().Equal((1d, 2d, "1:2"), (3d, 2d, "3:2"));
        var closes = chart.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("indicators").GetProperty("quote")[0].GetProperty("close");
        closes[0].GetDouble().Should().Be((float)(10 / 0.75));
        var served = PointInTimeShares.Parse(facts.RootElement);
        served.Select(f => (f.End, f.Val, f.Filed)).Should().Equal(
            (new LocalDate(2023, 12, 31), 1000L, new LocalDate(2024, 1, 2)),
            (new LocalDate(2024, 1, 2), 1200L, new LocalDate(2024, 1, 4)));
        var rule = PointInTimeShares.Splits(chart.RootElement);
        new[] { 2, 3, 4, 5, 8 }.Select(day => PointInTimeShares.On(served, rule, new LocalDate(2024, 1, day)))
            .Should().Equal(1000L, 500L, 600L, 900L, 900L);
    }

    [Fact]
    public void A_count_that_is_not_whole_in_the_units_of_its_end_date_fails_the_start_naming_the_symbol()
    {
        using var temp = new TempFolder();
        WriteSynthetic(temp.Path, SyntheticPrices.Replace("2024-01-08,AAA,14,0.3,1,900,12600", "2024-01-08,AAA,14,0.3,1,901,12614", StringComparison.Ordinal));

        var start = () => FakeMarketServer.Start(temp.Path, new FakeMarketOptions(FilingLagDays: 5));

        start.Should().Throw<InvalidDataException>().WithMessage("AAA: the count 901 filed 2024-01-08 is not a whole number in the units of 2024-01-03*");
    }

    [Fact]
    public async Task A_request_outside_both_apis_answers_404()
    {
        var (status, _) = await GetText($"{_server.YahooUrl.Replace("/yahoo", "", StringComparison.Ordinal)}/elsewhere");
        var (bad, _) = await GetText($"{_server.YahooUrl}/v8/finance/chart/NVDA?period1=x&period2=1&interval=1d");

        status.Should().Be(HttpStatusCode.NotFound);
        bad.Should().Be(HttpStatusCode.BadRequest);
        _server.Requests.Select(r => r.Host).Should().Equal("other", "yahoo");
    }

    private static void WriteSynthetic(string folder, string prices)
    {
        File.WriteAllText(Path.Combine(folder, "universe.csv"), "symbol,name,theme\nAAA,Alpha Corp,compute\n");
        File.WriteAllText(Path.Combine(folder, "prices.csv"), prices);
    }
}
