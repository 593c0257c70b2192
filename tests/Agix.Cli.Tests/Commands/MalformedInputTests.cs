namespace Agix.Tests.Commands;

/// <summary>
/// The malformed-input corpus (<c>tests/corpus</c>): each file breaks one thing. It replaces the file of the same kind
/// in a valid data folder, and <c>levels</c> and <c>validate</c> must then fail with exit code 2, naming the file, the
/// line (and column) and the reason, with no stack trace and no output file; or, for the files that are valid in an
/// unusual way (a byte order mark, CRLF, quoting, row order), succeed.
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly SmallData _data = new();

    public MalformedInputTests()
    {
        OutFolder = Path.Combine(_data.Folder, "out");
        Directory.CreateDirectory(OutFolder);
    }

    private string OutFolder { get; }

    private string OutFile => Path.Combine(OutFolder, "levels.csv");

    public void Dispose() => _data.Dispose();

    /// <summary>Each invalid corpus file and what standard error must contain: location, then reason.</summary>
    public static TheoryData<string, string[]> Invalid => new()
    {
        { "prices/empty.csv", ["prices.csv:1: error: the file is empty: expected a header line such as date,symbol,close,market_cap"] },
        { "prices/header-only.csv", ["prices.csv:1: error: has no data rows (only a header line)"] },
        { "prices/missing-close-column.csv", ["prices.csv:1: error: missing required column(s): close"] },
        { "prices/duplicated-column.csv", ["prices.csv:1:5: error: column 'Close' appears twice (columns 3 and 5)"] },
        { "prices/truncated-last-line.csv", ["prices.csv:7: error: the row has 3 field(s), expected at least 4 (is the line cut short?)"] },
        { "prices/unterminated-quote.csv", ["prices.csv:7:3: error: a quoted field is never closed: the file ends inside quotes"] },
        { "prices/semicolon-delimiter.csv", ["prices.csv:1: error: missing required column(s): date, symbol, close, market_cap (or shares_outstanding); the header has a single column: the delimiter must be a comma"] },
        { "prices/latin1-bytes.csv", ["prices.csv:3:2: error: symbol is not valid UTF-8 (byte 0xC9 at position 2 of the field); save the file as UTF-8"] },
        { "prices/date-us-format.csv", ["prices.csv:3:1: error: '01/05/2024' is not a valid date (expected yyyy-MM-dd)"] },
        { "prices/date-impossible.csv", ["prices.csv:4:1: error: '2023-02-30' is not a valid date (expected yyyy-MM-dd)"] },
        { "prices/nan-close.csv", ["prices.csv:3:3: error: close 'NaN' is not a finite number"] },
        { "prices/infinity-close.csv", ["prices.csv:3:3: error: close 'Infinity' is not a finite number"] },
        { "prices/negative-close.csv", ["prices.csv:4:3: error: close must be greater than 0, got -20"] },
        { "prices/zero-market-cap.csv", ["prices.csv:2:4: error: market_cap must be greater than 0, got 0"] },
        { "prices/overflow-number.csv", ["prices.csv:3:4: error: market_cap '1e400' is not a finite number"] },
        { "prices/thousands-separator.csv", ["prices.csv:2:3: error: close '1,208.88' is not a number (use '.' as the decimal point and no thousands separators)"] },
        { "prices/decimal-comma.csv", ["prices.csv:4: error: the row has 7 fields but the header has 6; is there an unquoted comma, such as a decimal comma or a thousands separator?"] },
        { "prices/duplicate-rows.csv", ["prices.csv:6: error: duplicate row for AAA on 2024-01-05 (first at line 2)"] },
        { "universe/invalid-theme-name.csv", ["universe.csv:4:3: error: 'robots & ai' is not a theme name (lower-case letters, digits, '-' and '_')"] },
        { "universe/duplicate-symbol.csv", ["universe.csv:5:1: error: aaa is listed twice (first at line 2)"] },
        { "universe/latin1-name.csv", ["universe.csv:3:2: error: name is not valid UTF-8 (byte 0xE9 at position 2 of the field)"] },
        { "universe/missing-theme-column.csv", ["universe.csv:1: error: missing required column(s): theme"] },
        { "methodology/comments.json", ["methodology.json:2:3: error: invalid JSON: comments are not allowed in JSON"] },
        { "methodology/trailing-comma.json", ["methodology.json:7:24: error: invalid JSON: a comma after the last item before '}' is not allowed in JSON"] },
        {
            "methodology/wrong-types.json",
            [
                "methodology.json:3:3: error: baseDate must be an ISO date string (yyyy-MM-dd), got 20240109",
                "methodology.json:4:3: error: baseValue must be a number greater than 0, got \"1000\"",
                "methodology.json:6:18: error: months must be a non-empty array of distinct whole numbers from 1 to 12, got \"quarterly\"",
                "methodology.json:7:44: error: stockCap must be null or a number in (0, 1], got \"10%\"",
                "methodology.json:8:3: error: benchmarks must be an array of symbol strings",
            ]
        },
        {
            "methodology/unknown-keys.json",
            [
                "methodology.json:5:3: error: unknown key 'stockCap'",
                "methodology.json:6:56: error: unknown key 'frequency' (known keys: months, holidayRoll, selectionLagDays)",
            ]
        },
        {
            "methodology/out-of-range.json",
            [
                "methodology.json:4:3: error: baseValue must be a number greater than 0, got 0",
                "methodology.json:6:3: error: withholdingTax must be a number between 0 and 1, got 1.5",
                "methodology.json:7:18: error: months must be a non-empty array of distinct whole numbers from 1 to 12, got [0, 13]",
                "methodology.json:7:37: error: selectionLagDays must be a whole number from 0 to 60, got 90",
                "methodology.json:8:44: error: stockCap must be null or a number in (0, 1], got 0",
                "methodology.json:8:59: error: theme budgets must sum to 1, they sum to 1.1",
            ]
        },
        { "methodology/duplicate-key.json", ["methodology.json:5:3: error: key 'returnType' appears twice (first at line 4)"] },
    };

    /// <summary>The corpus files that are valid: all hold the same 12 prices, so they give the same levels.</summary>
    public static TheoryData<string> Valid =>
    [
        "prices/bom.csv",
        "prices/crlf.csv",
        "prices/mixed-line-endings.csv",
        "prices/quoted-fields.csv",
        "prices/unsorted-rows.csv",
        "prices/unknown-symbol.csv",
    ];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_file_fails_levels_with_exit_code_2_naming_file_line_and_reason(string corpusFile, string[] expected)
    {
        Replace(corpusFile);

        var (exit, output, error) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", OutFile);

        exit.Should().Be(2, error);
        ShouldReport(error, expected);
        output.Should().BeEmpty();
        File.Exists(OutFile).Should().BeFalse("a failed run writes no output file");
        LeftoverTempFiles().Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_file_fails_validate_with_exit_code_2_naming_file_line_and_reason(string corpusFile, string[] expected)
    {
        Replace(corpusFile);

        var (exit, output, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(2, error);
        ShouldReport(error, expected);
        output.Should().Contain("FAILED:");
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_file_in_an_unusual_shape_gives_the_same_levels_as_the_plain_file(string corpusFile)
    {
        var plain = File.ReadAllText(Corpus("prices/crlf.csv")).Replace("\r\n", "\n", StringComparison.Ordinal);
        _data.Write("prices.csv", plain);
        Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", OutFile).Exit.Should().Be(0);
        var expected = File.ReadAllText(OutFile);
        File.Delete(OutFile);
        Replace(corpusFile);

        var (exit, _, error) = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", OutFile);
        var (validateExit, validateOutput, validateError) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(0, error);
        File.ReadAllText(OutFile).Should().Be(expected);
        expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3, "a header and the levels of 2024-01-09 and 2024-01-10");
        validateExit.Should().Be(0, validateError);
        validateOutput.Should().Contain("OK: no errors");
        LeftoverTempFiles().Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_symbol_is_a_warning_naming_it()
    {
        Replace("prices/unknown-symbol.csv");

        var (exit, output, _) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(0);
        output.Should().Contain("prices.csv: warning: 1 symbol(s) are not in the universe and are ignored: ZZZ");
    }

    [Fact]
    public void An_enormous_line_is_rejected_through_the_record_size_limit()
    {
        // Generated here rather than committed: one line of 100 000 bytes, longer than PriceCsv.MaxRecordBytes.
        var rows = File.ReadAllText(Corpus("prices/unsorted-rows.csv")).Split('\n');
        rows[2] = $"2024-01-05,{new string('X', 100_000)},50,500,0,1";
        _data.Write("prices.csv", string.Join('\n', rows));

        var levels = Cli.Run("levels", "--data", _data.Folder, "--format", "csv", "--output", OutFile);
        var validate = Cli.Run("validate", "--data", _data.Folder);

        foreach (var (exit, _, error) in new[] { levels, validate })
        {
            exit.Should().Be(2, error);
            ShouldReport(error, ["prices.csv:3: error: the record is longer than 65536 bytes"]);
        }

        File.Exists(OutFile).Should().BeFalse();
        LeftoverTempFiles().Should().BeEmpty();
    }

    [Fact]
    public void Validate_lists_the_problems_of_every_file_in_one_run()
    {
        Replace("prices/nan-close.csv");
        Replace("universe/invalid-theme-name.csv");
        Replace("methodology/unknown-keys.json");
        _data.Write("benchmarks.csv", "date,symbol,close\n2024-01-05,SPY,470\n2024-01-08,SPY,-1\n2024-01-09,SPY\n");

        var (exit, _, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(2);
        ShouldReport(error,
        [
            "methodology.json:5:3: error: unknown key 'stockCap'",
            "methodology.json:6:56: error: unknown key 'frequency'",
            "universe.csv:4:3: error: 'robots & ai' is not a theme name",
            "prices.csv:3:3: error: close 'NaN' is not a finite number",
            "benchmarks.csv:3:3: error: close must be greater than 0, got -1",
            "benchmarks.csv:4: error: the row has 2 field(s), expected at least 3",
        ]);
        ErrorLines(error).Should().HaveCount(6);
    }

    [Fact]
    public void Validate_lists_the_first_100_errors_then_a_count_of_the_rest()
    {
        var rows = string.Concat(Enumerable.Range(0, 150).Select(i => $"2024-01-05,S{i:000},bad,1,0,1\n"));
        _data.Write("prices.csv", "date,symbol,close,market_cap,dividend,split_ratio\n" + rows);

        var (exit, _, error) = Cli.Run("validate", "--data", _data.Folder);

        exit.Should().Be(2);
        var lines = ErrorLines(error);
        lines.Should().HaveCount(101);
        lines[0].Should().EndWith("prices.csv:2:3: error: close 'bad' is not a number");
        lines[99].Should().EndWith("prices.csv:101:3: error: close 'bad' is not a number");
        lines[100].Should().EndWith("prices.csv: error: 50 more error(s) not shown (150 in all)");
    }

    [Fact]
    public void Every_corpus_file_has_a_case()
    {
        var root = Corpus(string.Empty);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));
        var cases = Invalid.Select(row => row.Data.Item1).Concat(Valid.Select(row => row.Data));

        files.Should().BeEquivalentTo(cases);
    }

    [Fact]
    public void The_corpus_keeps_its_bytes()
    {
        File.ReadAllBytes(Corpus("prices/bom.csv")).Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        File.ReadAllText(Corpus("prices/crlf.csv")).Should().Contain("\r\n").And.NotContain("\r\n\n");
        var mixed = File.ReadAllText(Corpus("prices/mixed-line-endings.csv"));
        (mixed.Contains("\r\n", StringComparison.Ordinal) && mixed.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal) && mixed.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\r', StringComparison.Ordinal))
            .Should().BeTrue("the file mixes CRLF, LF and CR");
        File.ReadAllBytes(Corpus("prices/latin1-bytes.csv")).Should().Contain(0xC9);
        File.ReadAllBytes(Corpus("prices/truncated-last-line.csv"))[^1].Should().NotBe((byte)'\n');
        new FileInfo(Corpus("prices/empty.csv")).Length.Should().Be(0);
    }

    private static string Corpus(string relative) => Path.Combine(AppContext.BaseDirectory, "corpus", relative);

    private void Replace(string corpusFile)
    {
        var kind = corpusFile[..corpusFile.IndexOf('/', StringComparison.Ordinal)];
        var target = kind == "methodology" ? "methodology.json" : $"{kind}.csv";
        File.Copy(Corpus(corpusFile), _data.File(target), overwrite: true);
    }

    private static void ShouldReport(string error, string[] expected)
    {
        foreach (var e in expected)
        {
            error.Should().Contain(e);
        }

        error.Should().NotContain("   at ", "no stack trace");
        error.Should().NotContain("Exception");
        error.Should().NotContain("internal error");
        ErrorLines(error).Should().OnlyContain(l => l.Contains(": error: ", StringComparison.Ordinal), "every line names the file and says error");
    }

    private static string[] ErrorLines(string error) =>
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string[] LeftoverTempFiles() =>
        [.. Directory.EnumerateFiles(_data.Folder, "*.tmp", SearchOption.AllDirectories)];
}
