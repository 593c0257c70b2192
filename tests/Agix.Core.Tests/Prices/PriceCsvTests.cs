using Agix.Prices;
using NodaTime;

namespace Agix.Tests.Prices;

public sealed class PriceCsvTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (PricePanel? Panel, DiagnosticBag Bag) Read(string content, bool requireMarketCap = true)
    {
        var path = _files.Write("prices.csv", content);
        var bag = new DiagnosticBag();
        return (PriceCsv.Read(path, "prices.csv", requireMarketCap, bag), bag);
    }

    [Fact]
    public void Unsorted_rows_build_a_panel_sorted_by_date_and_symbol()
    {
        var (panel, bag) = Read("""
            date,symbol,close,market_cap,dividend,split_ratio
            2024-01-03,BBB,20,2000,0,1
            2024-01-02,AAA,10,1000,0.5,1
            2024-01-03,AAA,11,1100,0,2
            2024-01-02,BBB,19,1900,,
            """);

        bag.Errors.Should().BeEmpty();
        panel!.Dates.Should().Equal(new LocalDate(2024, 1, 2), new LocalDate(2024, 1, 3));
        panel.Symbols.Should().Equal("AAA", "BBB");
        panel.GetClose(1, 0).Should().Be(11);
        panel.GetDividend(0, 0).Should().Be(0.5);
        panel.GetSplitRatio(1, 0).Should().Be(2);
        panel.GetSplitRatio(0, 1).Should().Be(1, "an empty split_ratio means no split");
        panel.GetMarketCap(0, 1).Should().Be(1900);
    }

    [Fact]
    public void Market_cap_is_close_times_shares_when_only_shares_are_given()
    {
        var (panel, bag) = Read("Date,Symbol,Close,Shares_Outstanding,Extra\n2024-01-02,AAA,12.5,4,x\n");

        bag.Errors.Should().BeEmpty();
        panel!.GetMarketCap(0, 0).Should().Be(50);
    }

    [Fact]
    public void A_missing_required_column_is_reported_on_the_header_line()
    {
        var (panel, bag) = Read("date,symbol,market_cap\n2024-01-02,AAA,100\n");

        panel.Should().BeNull();
        bag.Errors.Should().ContainSingle().Which.ToString().Should().Be("prices.csv:1: error: missing required column(s): close (the header has: date, symbol, market_cap)");
    }

    [Fact]
    public void A_semicolon_file_gets_a_hint_about_the_delimiter()
    {
        var (_, bag) = Read("date;symbol;close;market_cap\n2024-01-02;AAA;1;2\n");

        bag.Errors.Single().Message.Should().Contain("delimiter must be a comma");
    }

    [Theory]
    [InlineData("2023-02-30,AAA,10,100", 1, "'2023-02-30' is not a valid date (expected yyyy-MM-dd)")]
    [InlineData("02/01/2024,AAA,10,100", 1, "'02/01/2024' is not a valid date")]
    [InlineData("2024-01-02,AAA,abc,100", 3, "close 'abc' is not a number")]
    [InlineData("2024-01-02,AAA,\"1,5\",100", 3, "use '.' as the decimal point")]
    [InlineData("2024-01-02,AAA,0,100", 3, "close must be greater than 0, got 0")]
    [InlineData("2024-01-02,AAA,-3,100", 3, "close must be greater than 0, got -3")]
    [InlineData("2024-01-02,AAA,NaN,100", 3, "close 'NaN' is not a finite number")]
    [InlineData("2024-01-02,AAA,1e400,100", 3, "is not a finite number")]
    [InlineData("2024-01-02,AAA,10,-1", 4, "market_cap must be greater than 0")]
    [InlineData("2024-01-02,AAA,10,Infinity", 4, "market_cap 'Infinity' is not a finite number")]
    [InlineData("2024-01-02,,10,100", 2, "the symbol is empty")]
    [InlineData("2024-01-02,AAA,,100", 3, "close is empty")]
    public void A_bad_value_is_reported_with_file_line_and_column(string row, int column, string reason)
    {
        var (panel, bag) = Read($"date,symbol,close,market_cap\n2024-01-01,AAA,10,100\n{row}\n");

        panel.Should().BeNull();
        var error = bag.Errors.Should().ContainSingle().Subject;
        error.File.Should().Be("prices.csv");
        error.Line.Should().Be(3);
        error.Column.Should().Be(column);
        error.Message.Should().Contain(reason);
    }

    [Fact]
    public void A_negative_dividend_and_a_non_positive_split_are_errors()
    {
        var (_, bag) = Read("date,symbol,close,market_cap,dividend,split_ratio\n2024-01-02,AAA,10,100,-0.1,1\n2024-01-03,AAA,10,100,0,0\n");

        bag.Errors.Select(e => (e.Line, e.Column)).Should().Equal((2, 5), (3, 6));
        bag.Errors[0].Message.Should().Be("dividend must not be negative, got -0.1");
        bag.Errors[1].Message.Should().Be("split_ratio must be greater than 0, got 0");
    }

    [Fact]
    public void A_duplicate_date_and_symbol_names_both_lines()
    {
        var (panel, bag) = Read("date,symbol,close,market_cap\n2024-01-02,AAA,10,100\n2024-01-03,AAA,10,100\n2024-01-02,AAA,11,100\n");

        panel.Should().BeNull();
        bag.Errors.Single().ToString().Should().Be("prices.csv:4: error: duplicate row for AAA on 2024-01-02 (first at line 2)");
    }

    [Fact]
    public void Every_bad_row_is_reported_in_one_run()
    {
        var (_, bag) = Read("date,symbol,close,market_cap\n2024-01-02,AAA,x,100\n2024-13-01,AAA,1,100\n2024-01-04,AAA,1,0\n");

        bag.Errors.Select(e => e.Line).Should().Equal(2, 3, 4);
    }

    [Fact]
    public void Errors_are_capped_and_the_rest_counted()
    {
        var rows = string.Concat(Enumerable.Range(0, 150).Select(i => $"2024-01-02,S{i},bad,1\n"));
        var (_, bag) = Read("date,symbol,close,market_cap\n" + rows);

        bag.Errors.Should().HaveCount(DiagnosticBag.MaxErrors);
        var act = bag.ThrowIfErrors;
        var problems = act.Should().Throw<InvalidInputException>().Which.Problems;
        problems.Should().HaveCount(DiagnosticBag.MaxErrors + 1);
        problems[^1].ToString().Should().Be("prices.csv: error: 50 more error(s) not shown (150 in all)");
    }

    [Fact]
    public void A_benchmark_file_needs_no_market_cap()
    {
        var (panel, bag) = Read("date,symbol,close,dividend\n2024-01-02,SPY,470,0\n", requireMarketCap: false);

        bag.Errors.Should().BeEmpty();
        double.IsNaN(panel!.GetMarketCap(0, 0)).Should().BeTrue();
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var (panel, bag) = Read(string.Empty);

        panel.Should().BeNull();
        bag.Errors.Single().Message.Should().Contain("empty");
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        var (_, bag) = Read("date,symbol,close,market_cap\n");

        bag.Errors.Single().ToString().Should().Be("prices.csv:1: error: has no data rows (only a header line)");
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var bag = new DiagnosticBag();
        PriceCsv.Read(Path.Combine(_files.Folder, "nope.csv"), "nope.csv", true, bag).Should().BeNull();
        bag.Errors.Single().ToString().Should().Be("nope.csv: error: file not found");
    }

    [Fact]
    public void A_duplicated_column_is_an_error()
    {
        var (_, bag) = Read("date,symbol,close,close,market_cap\n2024-01-02,AAA,1,1,1\n");

        bag.Errors.Single().ToString().Should().Be("prices.csv:1:4: error: column 'close' appears twice (columns 3 and 4)");
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("date,symbol,close,market_cap\r\n2024-01-02,AAA,1,2\r\n2024-01-03,AAA,1.5,3\r\n")).ToArray();
        var path = _files.WriteBytes("bom.csv", bytes);
        var bag = new DiagnosticBag();

        var panel = PriceCsv.Read(path, "bom.csv", true, bag);

        bag.Errors.Should().BeEmpty();
        panel!.DateCount.Should().Be(2);
        panel.GetClose(1, 0).Should().Be(1.5);
    }

    [Theory]
    [InlineData("2024-01-02,AAA,10", 0, "the row has 3 field(s), expected at least 4 (is the line cut short?)")]
    [InlineData("2024-01-02,AAA,10,5,100", 0, "the row has 5 fields but the header has 4; is there an unquoted comma")]
    [InlineData("2024-01-02,AAA,\"10,100", 3, "a quoted field is never closed")]
    [InlineData("2024-01-02,AAA,\"10\"x,100", 3, "close '10x' is not a number")]
    public void A_row_that_cannot_be_split_into_its_fields_is_reported_with_its_line_and_column(string row, int column, string reason)
    {
        var (panel, bag) = Read($"date,symbol,close,market_cap\n2024-01-01,AAA,10,100\n{row}");

        panel.Should().BeNull();
        var error = bag.Errors.Should().ContainSingle().Subject;
        (error.Line, error.Column).Should().Be((3, column));
        error.Message.Should().Contain(reason);
    }

    [Fact]
    public void An_unclosed_quote_spoils_only_its_own_line()
    {
        var (_, bag) = Read("date,symbol,close,market_cap\n2024-01-02,\"AAA,10,100\n2024-01-03,AAA,x,100\n");

        bag.Errors.Select(e => e.ToString()).Should().Equal(
            "prices.csv:2:2: error: a quoted field is not closed on its line (a missing closing quote)",
            "prices.csv:3:3: error: close 'x' is not a number");
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_with_line_and_column_instead_of_being_replaced()
    {
        var bytes = "date,symbol,close,market_cap\n2024-01-02,AAA,10,100\n2024-01-03,"u8.ToArray().Concat(new byte[] { 0x4D, 0xFC, 0x6C }).Concat(",10,100\n"u8.ToArray()).ToArray();
        var path = _files.WriteBytes("prices.csv", bytes);
        var bag = new DiagnosticBag();

        PriceCsv.Read(path, "prices.csv", true, bag).Should().BeNull();

        bag.Errors.Single().ToString().Should().Be("prices.csv:3:2: error: symbol is not valid UTF-8 (byte 0xFC at position 2 of the field); save the file as UTF-8");
    }

    [Theory]
    [InlineData(70_000)]
    [InlineData(200_000)]
    public void A_record_longer_than_the_limit_is_reported_with_its_line(int length)
    {
        var (panel, bag) = Read($"date,symbol,close,market_cap\n2024-01-02,AAA,10,100\n2024-01-03,{new string('X', length)},10,100\n");

        panel.Should().BeNull();
        bag.Errors.Single().ToString().Should().StartWith($"prices.csv:3: error: the record is longer than {PriceCsv.MaxRecordBytes} bytes");
    }

    [Fact]
    public void A_long_record_already_in_the_buffer_is_still_rejected()
    {
        // Records just under the limit make the reader grow its buffer; a longer record can then arrive whole.
        var near = string.Concat(Enumerable.Range(0, 6).Select(i => $"2024-01-{i + 2:00},{new string('N', PriceCsv.MaxRecordBytes - 40)},10,100\n"));
        var (_, bag) = Read($"date,symbol,close,market_cap\n{near}2024-01-10,{new string('X', PriceCsv.MaxRecordBytes + 100)},10,100\n2024-01-11,AAA,x,100\n");

        bag.Errors.Should().NotBeEmpty();
        bag.Errors[0].ToString().Should().StartWith($"prices.csv:8: error: the record is longer than {PriceCsv.MaxRecordBytes} bytes");
    }
}
