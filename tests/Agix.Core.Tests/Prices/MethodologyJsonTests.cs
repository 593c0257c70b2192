using System.Text;
using Agix.Prices;
using NodaTime;

namespace Agix.Tests.Prices;

public sealed class MethodologyJsonTests
{
    private static (Methodology? Value, DiagnosticBag Bag) Parse(string json)
    {
        var bag = new DiagnosticBag();
        return (MethodologyJson.Parse(Encoding.UTF8.GetBytes(json), "methodology.json", bag), bag);
    }

    [Fact]
    public void The_contract_example_reads_as_the_defaults()
    {
        var (m, bag) = Parse("""
            {
              "name": "AGIX-style AI Thematic Index",
              "baseDate": "2022-11-30",
              "baseValue": 1000,
              "returnType": "gross",
              "withholdingTax": 0.30,
              "rebalance": { "months": [3, 6, 9, 12], "holidayRoll": "preceding", "selectionLagDays": 5 },
              "weighting": {
                "scheme": "theme-budget",
                "stockCap": 0.10,
                "themeCap": null,
                "themeBudgets": { "compute": 0.30, "cloud": 0.30, "edge": 0.15, "interconnect": 0.15, "software": 0.10 }
              },
              "transactionCostBps": 0,
              "riskFreeRate": 0,
              "benchmarks": ["SPY", "QQQ", "^GSPC", "^NDX"]
            }
            """);

        bag.Errors.Should().BeEmpty();
        m!.BaseDate.Should().Be(new LocalDate(2022, 11, 30));
        m.WeightingRules.StockCap.Should().Be(0.10);
        m.WeightingRules.ThemeBudgets[Theme.Software].Should().Be(0.10);
        m.RebalanceRules.Months.Should().Equal(3, 6, 9, 12);
        m.Benchmarks.Should().Equal("SPY", "QQQ", "^GSPC", "^NDX");
    }

    [Fact]
    public void Missing_keys_take_their_defaults()
    {
        var (m, bag) = Parse("""{ "returnType": "net", "weighting": { "scheme": "equal" } }""");

        bag.Errors.Should().BeEmpty();
        m!.ReturnType.Should().Be(ReturnType.Net);
        m.WeightingRules.Scheme.Should().Be(WeightingScheme.Equal);
        m.WeightingRules.StockCap.Should().Be(0.10);
        m.BaseValue.Should().Be(1000);
    }

    [Fact]
    public void Every_unknown_key_and_out_of_range_value_is_listed_at_once_with_its_line()
    {
        var (m, bag) = Parse("""
            {
              "baseValue": -5,
              "colour": "blue",
              "rebalance": { "months": [3, 13], "lag": 2 },
              "weighting": { "scheme": "magic", "stockCap": 1.5, "themeBudgets": { "compute": 0.5, "robots & ai": 0.5 } },
              "withholdingTax": "high"
            }
            """);

        m.Should().BeNull();
        bag.Errors.Select(e => e.ToString()).Should().BeEquivalentTo(
        [
            "methodology.json:3:3: error: unknown key 'colour' (known keys: name, baseDate, baseValue, returnType, withholdingTax, rebalance, weighting, transactionCostBps, riskFreeRate, benchmarks)",
            "methodology.json:2:3: error: baseValue must be a number greater than 0, got -5",
            "methodology.json:6:3: error: withholdingTax must be a number between 0 and 1, got \"high\"",
            "methodology.json:4:37: error: unknown key 'lag' (known keys: months, holidayRoll, selectionLagDays)",
            "methodology.json:4:18: error: months must be a non-empty array of distinct whole numbers from 1 to 12, got [3, 13]",
            "methodology.json:5:18: error: scheme must be one of theme-budget, capped-market-cap, market-cap, equal, score-blend, got \"magic\"",
            "methodology.json:5:37: error: stockCap must be null or a number in (0, 1], got 1.5",
            "methodology.json:5:88: error: 'robots & ai' is not a theme name (lower-case letters, digits, '-' and '_')",
        ]);
    }

    [Fact]
    public void Theme_budgets_that_do_not_sum_to_one_are_an_error()
    {
        var (_, bag) = Parse("""{ "weighting": { "themeBudgets": { "compute": 0.5, "cloud": 0.4 } } }""");

        bag.Errors.Single().Message.Should().Be("theme budgets must sum to 1, they sum to 0.9");
    }

    [Fact]
    public void A_stock_cap_of_null_means_no_cap()
    {
        var (m, bag) = Parse("""{ "weighting": { "scheme": "market-cap", "stockCap": null } }""");

        bag.Errors.Should().BeEmpty();
        m!.WeightingRules.StockCap.Should().BeNull();
    }

    [Theory]
    [InlineData("{ \"baseValue\": 1000, }", 1, "invalid JSON")]
    [InlineData("{\n  // a comment\n  \"baseValue\": 1000\n}", 2, "invalid JSON")]
    [InlineData("[1, 2]", 1, "must be a JSON object")]
    public void Malformed_json_is_reported_with_its_line(string json, int line, string reason)
    {
        var (m, bag) = Parse(json);

        m.Should().BeNull();
        bag.Errors.Single().Line.Should().Be(line);
        bag.Errors.Single().Message.Should().Contain(reason);
    }

    [Theory]
    [InlineData("{\n  \"baseValue\": 1000,\n}", 2, 20, "a comma after the last item before '}' is not allowed in JSON")]
    [InlineData("{ \"benchmarks\": [\"SPY\",] }", 1, 23, "a comma after the last item before ']' is not allowed in JSON")]
    [InlineData("{\n  /* a comment */\n  \"baseValue\": 1000\n}", 2, 3, "comments are not allowed in JSON")]
    [InlineData("{ \"baseValue\": 1000,", 1, 20, "the file ends before the JSON is complete")]
    [InlineData("", 1, 0, "the file is empty")]
    public void The_common_json_mistakes_are_named_at_their_position(string json, int line, int column, string reason)
    {
        var (m, bag) = Parse(json);

        m.Should().BeNull();
        var error = bag.Errors.Should().ContainSingle().Subject;
        (error.Line, error.Column).Should().Be((line, column));
        error.Message.Should().StartWith("invalid JSON: " + reason);
    }

    [Fact]
    public void A_key_given_twice_is_an_error_at_the_second()
    {
        var (m, bag) = Parse("{\n  \"returnType\": \"price\",\n  \"weighting\": { \"stockCap\": 0.1, \"stockCap\": 0.2 },\n  \"returnType\": \"net\"\n}");

        m.Should().BeNull();
        bag.Errors.Select(e => e.ToString()).Should().Equal(
            "methodology.json:3:35: error: key 'stockCap' appears twice (first at line 3)",
            "methodology.json:4:3: error: key 'returnType' appears twice (first at line 2)");
    }
}
