using System.Globalization;
using System.Text;
using Agix.Prices;
using NodaTime;

namespace Agix.Tests.Prices;

/// <summary>The data checks of methodology "Data checks" on small hand-made price files (lines start at 2).</summary>
public sealed class DataChecksTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Weekdays from 2024-01-02: 01-02, 01-03, 01-04, 01-05, 01-08, … (the reader does not check holidays).</summary>
    private static string Day(int i)
    {
        var d = new LocalDate(2024, 1, 2);
        for (var k = 0; k < i; k++)
        {
            d = d.PlusDays(d.DayOfWeek == IsoDayOfWeek.Friday ? 3 : 1);
        }

        return d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>One symbol's rows on consecutive weekdays: <c>close,market_cap,split_ratio</c> each.</summary>
    private static string Rows(string symbol, params (double Close, double Cap, double Split)[] rows)
    {
        var text = new StringBuilder("date,symbol,close,market_cap,split_ratio\n");
        for (var i = 0; i < rows.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Day(i)},{symbol},{rows[i].Close},{rows[i].Cap},{rows[i].Split}\n");
        }

        return text.ToString();
    }

    /// <summary>Closes on consecutive weekdays, with a market cap that follows the close (1000 shares) and no split.</summary>
    private static string Closes(params double[] closes) => Rows("AAA", [.. closes.Select(c => (c, c * 1000, 1.0))]);

    private List<Diagnostic> Warnings(string content, bool requireMarketCap = true)
    {
        var path = _files.Write("prices.csv", content);
        var bag = new DiagnosticBag();
        var panel = PriceCsv.Read(path, "prices.csv", requireMarketCap, bag);
        bag.Errors.Should().BeEmpty();
        panel.Should().NotBeNull();
        return [.. bag.Warnings];
    }

    [Fact]
    public void An_unrecorded_10_for_1_split_is_reported_with_file_line_symbol_date_and_numbers()
    {
        var warnings = Warnings(Closes(421, 421, 42.1, 42.2));

        warnings.Should().ContainSingle().Which.ToString().Should().Be(
            "prices.csv:4: warning: AAA 2024-01-04: close 42.1 is 0.1000 × the previous close 421 (2024-01-03) with split_ratio 1: a probable unrecorded 10-for-1 split");
    }

    [Theory]
    [InlineData(51.4, "a probable unrecorded 2-for-1 split")] // |0.514 · 2 − 1| = 0.028
    [InlineData(51.5, "a probable unrecorded 2-for-1 split")] // exactly 3 %
    [InlineData(48.6, "a probable unrecorded 2-for-1 split")] // |0.486 · 2 − 1| = 0.028
    [InlineData(33.0, "a probable unrecorded 3-for-1 split")]
    [InlineData(39.9, "a fall of more than 60 % in a day (previous / close = 2.51): an unrecorded split or a data error")]
    [InlineData(1000.0, "a probable unrecorded 1-for-10 reverse split")]
    [InlineData(309.0, "a probable unrecorded 1-for-3 reverse split")] // exactly 3 %
    [InlineData(160.1, "a rise of more than 60 % in a day (close / previous = 1.60): an unrecorded reverse split or a data error")]
    public void A_close_ratio_within_3_percent_of_n_or_1_over_n_or_beyond_60_percent_warns(double close, string reason)
    {
        var warnings = Warnings(Closes(100, close));

        warnings.Should().ContainSingle().Which.Message.Should().EndWith("with split_ratio 1: " + reason);
        warnings[0].Line.Should().Be(3);
    }

    [Theory]
    [InlineData(51.4, 51.6)] // |0.516 · 2 − 1| = 0.032, and a fall of less than 60 %
    [InlineData(48.6, 48.4)] // |0.484 · 2 − 1| = 0.032
    [InlineData(39.9, 40.1)] // a fall of 59.9 %
    [InlineData(160.1, 159.9)] // a rise of 59.9 %
    [InlineData(39.9, 45.0)] // a 55 % fall is neither near 1/2 nor beyond 60 %
    public void A_close_ratio_just_outside_the_thresholds_does_not_warn(double inside, double outside)
    {
        Warnings(Closes(100, inside)).Should().ContainSingle();
        Warnings(Closes(100, outside)).Should().BeEmpty();
    }

    [Fact]
    public void A_recorded_split_or_reverse_split_does_not_warn()
    {
        Warnings(Rows("NVDA", (1208.88, 2973623040000, 1), (121.79, 2995753684000, 1))).Should().ContainSingle("without its split row the same fall warns");
        Warnings(Rows("NVDA", (1208.88, 2973623040000, 1), (121.79, 2995753684000, 10))).Should().BeEmpty();
        Warnings(Rows("AAA", (10, 1000, 1), (101, 1010, 0.1))).Should().BeEmpty("a 1-for-10 reverse split has split_ratio 0.1");
        Warnings(Rows("AAA", (100, 1000, 1), (50, 1000, 2))).Should().BeEmpty("the market cap does not move at a split, and the close, split-adjusted, did not either");
    }

    [Fact]
    public void A_wrongly_recorded_split_ratio_is_reported_with_what_the_closes_suggest()
    {
        var wrongRatio = Warnings(Rows("AAA", (1200, 1000, 1), (120, 1000, 2)));
        var noMove = Warnings(Rows("AAA", (100, 1000, 1), (101, 1010, 4)));

        wrongRatio.Should().ContainSingle().Which.Message.Should().Be(
            "AAA 2024-01-03: close 120 × split_ratio 2 is 0.2000 × the previous close 1200 (2024-01-02): split_ratio 2 looks wrong, the closes suggest a 10-for-1 split (split_ratio 10)");
        noMove.Should().ContainSingle().Which.Message.Should().EndWith("split_ratio 4 looks wrong, the closes suggest no split (split_ratio 1)");
    }

    [Fact]
    public void A_day_without_a_row_is_skipped_and_the_close_compared_with_the_symbols_previous_close()
    {
        var warnings = Warnings("""
            date,symbol,close,market_cap
            2024-01-02,AAA,100,1000
            2024-01-02,BBB,50,500
            2024-01-03,BBB,50.5,505
            2024-01-04,AAA,10,100
            2024-01-04,BBB,51,510
            """);

        warnings.Should().ContainSingle().Which.ToString().Should().Be(
            "prices.csv:5: warning: AAA 2024-01-04: close 10 is 0.1000 × the previous close 100 (2024-01-02) with split_ratio 1: a probable unrecorded 10-for-1 split");
    }

    [Fact]
    public void The_line_is_the_rows_own_line_when_the_rows_are_not_in_date_order()
    {
        var warnings = Warnings("date,symbol,close,market_cap\n2024-01-04,AAA,10,100\n2024-01-03,AAA,100,1000\n2024-01-02,AAA,100,1000\n");

        warnings.Should().ContainSingle().Which.Line.Should().Be(2, "the 2024-01-04 row, the day of the fall, is on line 2");
    }

    [Fact]
    public void A_market_cap_more_than_1_percent_off_close_times_shares_warns_and_within_1_percent_does_not()
    {
        var warnings = Warnings("""
            date,symbol,close,shares_outstanding,market_cap
            2024-01-02,AAA,10,100,1015
            2024-01-03,AAA,10.1,100,1015
            2024-01-04,AAA,10.2,100,1020
            """);

        warnings.Should().ContainSingle().Which.ToString().Should().Be(
            "prices.csv:2: warning: AAA 2024-01-02: market_cap 1015 differs from close 10 × shares_outstanding 100 = 1000 by +1.50 % (more than 1 %)");
    }

    [Fact]
    public void A_share_count_that_is_not_a_number_is_not_checked_when_a_market_cap_is_given()
    {
        var warnings = Warnings("date,symbol,close,shares_outstanding,market_cap\n2024-01-02,AAA,10,n/a,1000\n2024-01-03,AAA,10.1,,1010\n2024-01-04,AAA,10.2,50,1020\n");

        warnings.Should().ContainSingle().Which.Line.Should().Be(4, "only the row with a share count is checked");
    }

    [Fact]
    public void A_market_cap_that_moves_more_than_50_percent_while_the_close_moves_less_than_10_percent_warns()
    {
        var jump = Warnings(Rows("AAA", (100, 1000, 1), (101, 1800, 1)));
        var fall = Warnings(Rows("AAA", (100, 1000, 1), (95, 450, 1)));

        jump.Should().ContainSingle().Which.ToString().Should().Be(
            "prices.csv:3: warning: AAA 2024-01-03: market cap 1800 is 1.8000 × the previous 1000 (2024-01-02) while the close 101 is 1.0100 × the previous close 100: the market cap moves by more than 50 % while the close moves by less than 10 %");
        fall.Should().ContainSingle().Which.Message.Should().Contain("market cap 450 is 0.4500 × the previous 1000");
    }

    [Theory]
    [InlineData(101, 1400, 101, 1600)] // the cap moves 40 % (60 % warns)
    [InlineData(111, 1600, 109, 1600)] // the close moves 11 % (9 % warns)
    [InlineData(150, 1000, 151, 1000)] // the close moves exactly 50 % (51 % warns)
    [InlineData(151, 1110, 151, 1090)] // the cap moves 11 % (9 % warns)
    public void A_market_cap_move_just_inside_the_thresholds_does_not_warn(double close, double cap, double warningClose, double warningCap)
    {
        Warnings(Rows("AAA", (100, 1000, 1), (close, cap, 1))).Should().BeEmpty();
        Warnings(Rows("AAA", (100, 1000, 1), (warningClose, warningCap, 1))).Should().ContainSingle();
    }

    [Fact]
    public void A_close_that_moves_more_than_50_percent_while_the_market_cap_moves_less_than_10_percent_warns()
    {
        var warnings = Warnings(Rows("AAA", (100, 1000, 1), (45, 1010, 1)));

        warnings.Should().ContainSingle().Which.Message.Should().Be(
            "AAA 2024-01-03: market cap 1010 is 1.0100 × the previous 1000 (2024-01-02) while the close 45 is 0.4500 × the previous close 100: the close moves by more than 50 % while the market cap moves by less than 10 %");
    }

    [Fact]
    public void A_probable_split_is_reported_once_not_again_as_a_market_cap_move()
    {
        var warnings = Warnings(Rows("AAA", (100, 1000, 1), (10, 1000, 1)));

        warnings.Should().ContainSingle().Which.Message.Should().EndWith("a probable unrecorded 10-for-1 split");
    }

    [Fact]
    public void The_same_close_on_10_consecutive_trading_days_is_reported_once_with_its_first_and_last_date()
    {
        var warnings = Warnings(Closes([5, .. Enumerable.Repeat(7.0, 10), 8]));

        warnings.Should().ContainSingle().Which.ToString().Should().Be(
            "prices.csv:3: warning: AAA 2024-01-03 to 2024-01-16: the same close 7 on 10 consecutive trading days of AAA (lines 3 to 12): a probable stale price");
    }

    [Fact]
    public void The_same_close_on_9_consecutive_trading_days_is_not_stale()
    {
        var warnings = Warnings(Closes([.. Enumerable.Repeat(7.0, 9), 8, .. Enumerable.Repeat(9.0, 10)]));

        warnings.Should().ContainSingle().Which.Message.Should().Contain("the same close 9 on 10 consecutive trading days", "the run of 9 sevens is not reported");
    }

    [Fact]
    public void A_stale_run_at_the_end_of_the_data_is_reported()
    {
        Warnings(Closes([5, .. Enumerable.Repeat(7.0, 12)])).Should().ContainSingle().Which.Message.Should().Contain("the same close 7 on 12 consecutive trading days");
    }

    [Fact]
    public void Many_events_of_one_symbol_list_the_first_five_and_count_the_rest()
    {
        var closes = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 100.0 : 10.0).ToArray();

        var warnings = Warnings(Closes(closes));

        warnings.Should().HaveCount(6);
        warnings.Take(5).Select(w => w.Line).Should().Equal(3, 4, 5, 6, 7);
        warnings[5].ToString().Should().Be("prices.csv: warning: AAA: 14 more probable unrecorded split(s) or large move(s) not listed (19 in all)");
    }

    [Fact]
    public void A_benchmark_file_without_market_caps_gets_the_split_and_stale_checks()
    {
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"{Day(i)},SPY,{(i < 11 ? "470" : "47")},0\n"));

        var warnings = Warnings("date,symbol,close,dividend\n" + rows, requireMarketCap: false);

        warnings.Select(w => w.Message).Should().Equal(
            "SPY 2024-01-17: close 47 is 0.1000 × the previous close 470 (2024-01-16) with split_ratio 1: a probable unrecorded 10-for-1 split",
            "SPY 2024-01-02 to 2024-01-16: the same close 470 on 11 consecutive trading days of SPY (lines 2 to 12): a probable stale price");
    }
}

/// <summary>
/// The order of the findings of many symbols, which are checked in blocks in parallel: one pass date by date (symbol
/// by symbol within a date), then what the end of the panel reports; with the lines found again by either reader.
/// </summary>
public sealed class DataChecksOrderTests : IDisposable
{
    private const int Symbols = 200;
    private const int Days = 20;
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// 200 symbols × 20 weekdays, date by date: S150 halves from day 3 on, S010 and S190 fall to a tenth from day 5
    /// on, S120 closes at 777 on days 0 to 11 and falls to a tenth on day 12 (a jump and the end of a stale run on one
    /// row), S005 stays at its day-8 close to the end (a stale run the end of the panel reports), S060 jumps between
    /// 160 and 16 on days 0 to 8 (eight jumps: five listed, the rest counted at the end), S130's market cap doubles
    /// on day 6 while its close moves a little. Every other close moves a little every day; caps are 1,000 × close.
    /// </summary>
    private static string File()
    {
        var text = new StringBuilder("date,symbol,close,market_cap\n");
        for (var i = 0; i < Days; i++)
        {
            for (var s = 0; s < Symbols; s++)
            {
                var close = s switch
                {
                    150 when i >= 3 => (100 + s + (i * 0.5)) / 2,
                    10 or 190 when i >= 5 => (100 + s + (i * 0.5)) / 10,
                    120 => i <= 11 ? 777 : 77.7 + (i - 11),
                    60 => i < 8 ? (i % 2 == 0 ? 160 : 16) : 160 + (i * 0.5),
                    5 => 100 + s + (Math.Min(i, 8) * 0.5),
                    _ => 100 + s + (i * 0.5),
                };
                var cap = close * 1000 * (s == 130 && i >= 6 ? 2 : 1);
                text.Append(CultureInfo.InvariantCulture, $"{Day(i)},S{s:000},{close},{cap}\n");
            }
        }

        return text.ToString();
    }

    private static string Day(int i)
    {
        var d = new LocalDate(2024, 1, 2);
        for (var k = 0; k < i; k++)
        {
            d = d.PlusDays(d.DayOfWeek == IsoDayOfWeek.Friday ? 3 : 1);
        }

        return d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The line of symbol s on day i: the header is line 1, then 200 rows a day.</summary>
    private static int Line(int i, int s) => 2 + (i * Symbols) + s;

    /// <summary>The findings, each as its line and the start of its message, in the order of one pass.</summary>
    private static readonly string[] Expected =
    [
        $"{Line(1, 60)}: S060 {Day(1)}: close 16 is 0.1000",
        $"{Line(2, 60)}: S060 {Day(2)}: close 160 is 10.0000",
        $"{Line(3, 60)}: S060 {Day(3)}: close 16 is 0.1000",
        $"{Line(3, 150)}: S150 {Day(3)}: close 125.75 is 0.5010 × the previous close 251",
        $"{Line(4, 60)}: S060 {Day(4)}: close 160 is 10.0000",
        $"{Line(5, 10)}: S010 {Day(5)}: close 11.25 is 0.1004 × the previous close 112",
        $"{Line(5, 60)}: S060 {Day(5)}: close 16 is 0.1000",
        $"{Line(5, 190)}: S190 {Day(5)}: close 29.25 is 0.1002 × the previous close 292",
        $"{Line(6, 130)}: S130 {Day(6)}: market cap 466000 is 2.0043 × the previous 232500",
        $"{Line(12, 120)}: S120 {Day(12)}: close 78.7 is 0.1013 × the previous close 777",
        $"{Line(0, 120)}: S120 {Day(0)} to {Day(11)}: the same close 777 on 12 consecutive trading days of S120 (lines {Line(0, 120)} to {Line(11, 120)})",
        $"{Line(8, 5)}: S005 {Day(8)} to {Day(19)}: the same close 109 on 12 consecutive trading days of S005 (lines {Line(8, 5)} to {Line(19, 5)})",
        "0: S060: 3 more probable unrecorded split(s) or large move(s) not listed (8 in all)",
    ];

    private static string[] Found(DiagnosticBag bag) => [.. bag.Warnings.Select(w => $"{w.Line}: {w.Message}")];

    [Fact]
    public void The_full_reader_lists_the_findings_of_every_block_of_symbols_in_date_then_symbol_order()
    {
        var content = File();
        var quoted = _files.Write("quoted.csv", "\"date\"" + content["date".Length..]); // the full reader only
        var bag = new DiagnosticBag();

        PriceCsv.Read(quoted, "prices.csv", requireMarketCap: true, bag).Should().NotBeNull();

        bag.Errors.Should().BeEmpty();
        Found(bag).Should().HaveCount(Expected.Length);
        Found(bag).Zip(Expected).Should().OnlyContain(p => p.First.StartsWith(p.Second, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1 << 12)]
    [InlineData(1 << 16)]
    [InlineData(1 << 20)]
    public void The_fast_path_finds_the_same_lines_again_reading_only_the_chunks_that_hold_them(int chunkBytes)
    {
        var plain = _files.Write("plain.csv", File());
        var bag = new DiagnosticBag();

        FastPriceCsv.TryRead(plain, "prices.csv", requireMarketCap: true, bag, out var panel, chunkBytes).Should().BeTrue();
        var full = new DiagnosticBag();
        PriceCsv.Read(_files.Write("quoted.csv", "\"date\"" + File()["date".Length..]), "prices.csv", requireMarketCap: true, full);

        panel.Should().NotBeNull();
        Found(bag).Should().HaveCount(Expected.Length);
        Found(bag).Zip(Expected).Should().OnlyContain(p => p.First.StartsWith(p.Second, StringComparison.Ordinal));
        Found(bag).Should().Equal(Found(full), "the same text as the full reader's");
    }
}
