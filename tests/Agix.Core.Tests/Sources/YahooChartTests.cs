using System.Text;
using Agix.Sources;
using NodaTime;

namespace Agix.Tests.Sources;

public sealed class YahooChartTests
{
    // 2024-06-07 and 2024-06-10 09:30 New York (EDT, UTC-4), NVDA's 10-for-1 split on 2024-06-10.
    private const long Jun7 = 1717767000;
    private const long Jun10 = 1718026200;
    private const long Jun11 = 1718112600;

    private static Chart Parse(string json) => YahooChart.Parse(Encoding.UTF8.GetBytes(json), "NVDA");

    private static string Response(string timestamps, string closes, string events = "") =>
        "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"NVDA\",\"exchangeTimezoneName\":\"America/New_York\",\"gmtoffset\":-14400},"
        + "\"timestamp\":[" + timestamps + "],"
        + (events.Length > 0 ? "\"events\":{" + events + "}," : string.Empty)
        + "\"indicators\":{\"quote\":[{\"close\":[" + closes + "]}]}}],\"error\":null}}";

    private static string Splits(long at, double numerator, double denominator) =>
        FormattableString.Invariant($"\"splits\":{{\"{at}\":{{\"date\":{at},\"numerator\":{numerator},\"denominator\":{denominator},\"splitRatio\":\"{numerator}:{denominator}\"}}}}");

    private static string Dividends(long at, double amount) =>
        FormattableString.Invariant($"\"dividends\":{{\"{at}\":{{\"amount\":{amount:R},\"date\":{at}}}}}");

    [Fact]
    public void Timestamps_become_trading_dates_in_the_exchange_time_zone()
    {
        // 20:00 New York on 2024-06-10 is already 2024-06-11 in UTC: the date is the exchange's.
        var chart = Parse(Response($"{Jun7},{Jun10 + (10 * 3600) + 1800}", "120.88800048828125,121.79000091552734"));

        chart.Bars.Select(b => b.Date).Should().Equal(new LocalDate(2024, 6, 7), new LocalDate(2024, 6, 10));
    }

    [Fact]
    public void Closes_are_unadjusted_by_every_later_split_and_keep_half_cents()
    {
        var json = Response(
            $"{Jun7},{Jun10},{Jun11}",
            "120.88800048828125,121.79000091552734,120.90499877929688",
            Dividends(Jun11, 0.0010000000474974513) + "," + Splits(Jun10, 10, 1));

        var raw = YahooChart.ToRaw(Parse(json), after: null, to: new LocalDate(2024, 12, 31));

        raw.Should().Equal(
            new RawBar(new LocalDate(2024, 6, 7), 1208.88, 0, 1),
            new RawBar(new LocalDate(2024, 6, 10), 121.79, 0, 10),
            new RawBar(new LocalDate(2024, 6, 11), 120.905, 0.001, 1));
    }

    [Fact]
    public void A_reverse_split_multiplies_earlier_closes_by_its_ratio()
    {
        var json = Response($"{Jun7},{Jun10}", "50.5,25.5", Splits(Jun10, 1, 2));

        var raw = YahooChart.ToRaw(Parse(json), after: null, to: new LocalDate(2024, 12, 31));

        raw.Select(r => (r.Close, r.SplitRatio)).Should().Equal((25.25, 1.0), (25.5, 0.5));
    }

    [Fact]
    public void Rows_outside_the_window_and_null_closes_are_left_out()
    {
        var chart = Parse(Response($"{Jun7},{Jun10},{Jun11}", "1.5,null,2.5"));

        var raw = YahooChart.ToRaw(chart, after: new LocalDate(2024, 6, 7), to: new LocalDate(2024, 6, 11));

        raw.Select(r => r.Date).Should().Equal(new LocalDate(2024, 6, 11));
    }

    [Fact]
    public void A_split_on_a_day_without_a_close_is_an_error_naming_symbol_and_date()
    {
        var chart = Parse(Response($"{Jun7},{Jun10}", "1.5,null", Splits(Jun10, 2, 1)));

        var act = () => YahooChart.ToRaw(chart, after: null, to: new LocalDate(2024, 12, 31));

        act.Should().Throw<InvalidInputException>().WithMessage("*NVDA: a split on 2024-06-10, a day for which Yahoo Finance sends no close*");
    }

    [Fact]
    public void A_chart_error_is_reported_with_its_code_and_description()
    {
        var act = () => Parse("""{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""");

        act.Should().Throw<YahooErrorException>().Which.Message.Should().Be("NVDA: Yahoo Finance answers 'Not Found': No data found, symbol may be delisted");
    }

    [Theory]
    [InlineData("{\"chart\":{\"result\":[{\"meta\"")]
    [InlineData("<html>busy</html>")]
    [InlineData("{\"chart\":{\"result\":[]}}")]
    [InlineData("{\"chart\":{\"result\":[{\"meta\":{\"exchangeTimezoneName\":\"America/New_York\"},\"timestamp\":[1,2],\"indicators\":{\"quote\":[{\"close\":[1]}]}}]}}")]
    public void A_truncated_or_malformed_body_is_a_format_error_that_is_worth_a_retry(string body)
    {
        var act = () => Parse(body);

        act.Should().Throw<SourceFormatException>();
    }

    [Theory]
    [InlineData(187.5399932861328, 1, 187.54)]
    [InlineData(12.345000267028809, 1, 12.345)]
    [InlineData(55.279998779296875, 10, 552.8)]
    [InlineData(122.35, 20, 2447)]
    [InlineData(50.5, 0.5, 25.25)]
    [InlineData(33.336666107177734, 3, 100.01)]
    [InlineData(23.578332901000977, 3, 70.735)]
    [InlineData(0.07583333551883698, 3, 0.2275)]
    [InlineData(0.12345670163631439, 1, 0.1234567)]
    public void Source_values_come_back_as_traded_whichever_later_splits_divided_them(double adjusted, double factor, double raw)
    {
        YahooChart.Unadjust(adjusted, factor).Should().Be(raw);
    }
}
