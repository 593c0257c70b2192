using System.Globalization;
using System.Text;
using Agix.Prices;

namespace Agix.Tests.Prices;

/// <summary>
/// The price reader's fast path gives what the full reader gives: the same panel, bit for bit, and the same warnings
/// with the same lines, whatever the chunks; and it leaves every file it does not handle to the full reader.
/// </summary>
public sealed class FastPriceCsvTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, int> Variants() => new()
    {
        { "bundled", 4096 },
        { "bundled", 65_536 },
        { "bundled", FastPriceCsv.DefaultChunkBytes },
        { "edited", 4096 },
        { "edited", FastPriceCsv.DefaultChunkBytes },
        { "crlf", 4096 },
        { "reversed", 4096 },
        { "no-final-newline", 4096 },
        { "extra-column", 4096 },
        { "extra-column", FastPriceCsv.DefaultChunkBytes },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_fast_path_reads_a_plain_file_exactly_as_the_full_reader_does(string variant, int chunkBytes)
    {
        var fastBag = SameAsFullReader(Variant(variant), chunkBytes);

        if (variant == "edited")
        {
            fastBag.Warnings.Should().Contain(w => w.Message.Contains("split", StringComparison.Ordinal) && w.Line > 1, "the edits make data-check warnings, with lines");
            fastBag.Warnings.Should().Contain(w => w.Message.Contains("shares_outstanding", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Lines_of_62_to_66_bytes_read_the_same_on_either_side_of_the_64_bytes_read_at_once(string newline)
    {
        // date,symbol,close,market_cap,note: the note pads each line to a length from 62 to 66 bytes before its break.
        var text = new StringBuilder("date,symbol,close,market_cap,note" + newline);
        var day = new NodaTime.LocalDate(2024, 1, 1);
        for (var i = 0; i < 200; i++, day = day.PlusDays(1))
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{day:uuuu-MM-dd},AAA,{100 + (i % 7)}.25,{(100 + (i % 7)) * 1000}.5,");
            text.Append(line).Append('n', 62 + (i % 5) - line.Length).Append(newline);
        }

        var fastBag = SameAsFullReader(text.ToString(), 4096);

        fastBag.Errors.Should().BeEmpty();
    }

    [Fact]
    public void A_market_cap_check_whose_product_overflows_warns_as_the_full_reader_does()
    {
        var fastBag = SameAsFullReader("date,symbol,close,shares_outstanding,market_cap\n2024-01-02,AAA,1e200,1e200,1000\n2024-01-03,AAA,10,100,1000\n", 4096);

        fastBag.Warnings.Should().ContainSingle(w => w.Line == 2).Which.Message.Should().Contain("-100.00 %");
    }

    [Theory]
    [InlineData("symbol-major", 4096)]
    [InlineData("shuffled", 4096)]
    [InlineData("shuffled", 65_536)]
    public void Rows_in_any_order_give_the_lines_of_their_findings_as_the_full_reader_does(string order, int chunkBytes)
    {
        // The edited bundled data (findings in several symbols), symbol by symbol or shuffled with a fixed seed.
        var lines = Variant("edited").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines[1..];
        rows = order == "symbol-major"
            ? [.. rows.OrderBy(r => r.Split(',')[1], StringComparer.Ordinal).ThenBy(r => r[..10], StringComparer.Ordinal)]
            : [.. rows.OrderBy(_ => 0).Select((r, i) => (r, Key: (i * 7919L) % 104_729)).OrderBy(x => x.Key).Select(x => x.r)];

        var fastBag = SameAsFullReader(lines[0] + "\n" + string.Join('\n', rows) + "\n", chunkBytes);

        fastBag.Warnings.Where(w => w.Line > 1).Should().HaveCountGreaterThan(3, "findings with lines, from several chunks");
    }

    [Fact]
    public void Two_rows_for_one_date_and_symbol_in_different_chunks_are_left_to_the_full_reader()
    {
        var lines = Variant("bundled").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var content = string.Join('\n', [.. lines, lines[1]]) + "\n"; // the first row again, at the end
        var path = _files.Write("twice.csv", content);

        FastPriceCsv.TryRead(path, "prices.csv", requireMarketCap: true, new DiagnosticBag(), out _, 4096).Should().BeFalse();
    }

    /// <summary>Reads <paramref name="content"/> on the fast path and with the full reader and checks that they agree in every way; returns the fast path's diagnostics.</summary>
    private DiagnosticBag SameAsFullReader(string content, int chunkBytes)
    {
        var plain = _files.Write("plain.csv", content);

        // A quoted header name is the same column to the full reader, and sends the file away from the fast path.
        var quoted = _files.Write("quoted.csv", "\"date\"" + content["date".Length..]);

        var fastBag = new DiagnosticBag();
        FastPriceCsv.TryRead(plain, "prices.csv", requireMarketCap: true, fastBag, out var fast, chunkBytes).Should().BeTrue();
        FastPriceCsv.TryRead(quoted, "prices.csv", requireMarketCap: true, new DiagnosticBag(), out _, chunkBytes).Should().BeFalse();
        var fullBag = new DiagnosticBag();
        var full = PriceCsv.Read(quoted, "prices.csv", requireMarketCap: true, fullBag);

        fullBag.Errors.Should().BeEmpty();
        fast!.Dates.Should().Equal(full!.Dates);
        fast.Symbols.Should().Equal(full.Symbols);
        Bits(fast.Close).Should().Equal(Bits(full.Close));
        Bits(fast.MarketCap).Should().Equal(Bits(full.MarketCap));
        Bits(fast.Dividend.ToArray()).Should().Equal(Bits(full.Dividend.ToArray()));
        Splits(fast).Should().Equal(Splits(full));
        fast.HasDividends.Should().Equal(full.HasDividends);
        fast.HasSplits.Should().Equal(full.HasSplits);
        fast.FirstIndex.Should().Equal(full.FirstIndex);
        fast.LastIndex.Should().Equal(full.LastIndex);
        fastBag.WarningsWithOverflow().Should().Equal(fullBag.WarningsWithOverflow());
        return fastBag;
    }

    [Theory]
    [InlineData("date,symbol,close,market_cap,dividend,split_ratio")]
    [InlineData("date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap")] // the layout agix writes: its own straight path
    [InlineData("symbol,date,market_cap,close,split_ratio,dividend")]
    [InlineData("date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap,note")] // lines over 64 bytes: read byte by byte
    public void Numbers_in_every_form_read_as_the_invariant_parser_reads_them(string header)
    {
        string[] forms =
        [
            "1", "7", "10", "0.5", ".5", "5.", "007.50", "123.45", "99999999", "12345678.5", "123456789", "0.000001",
            "0.1", "0.3", "2.675", "1.005", "123456789012345", "12345678901234.5", "1234567890123456", "0.30000000000000004",
            "1e3", "1.5E-2", "+4.25", "3.14159265358979", "9007199254740993", "4503599627370497.5", "0.0000000000000000000001",
            "0", "", "-0", "-0.0",
        ];
        var columns = header.Split(',');
        var text = new StringBuilder(header + "\n");
        var day = new NodaTime.LocalDate(2024, 1, 1);
        foreach (var form in forms)
        {
            // Each number column in turn takes the form (the others a plain value), except that a close is never
            // empty or 0, a market cap, a share count or a split ratio never 0, and only a dividend −0.
            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c] is "date" or "symbol" or "note" || (form is "" or "0" && columns[c] is "close") || (form == "0" && columns[c] is "market_cap" or "shares_outstanding" or "split_ratio") || (form.StartsWith('-') && columns[c] != "dividend"))
                {
                    continue;
                }

                var fields = columns.Select(name => name switch
                {
                    "date" => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                    "symbol" => "AAA",
                    _ when name == columns[c] => form,
                    "dividend" => "0",
                    "split_ratio" => "1",
                    "shares_outstanding" => "1000",
                    "note" => "a note long enough to take every line of this file past sixty-four bytes",
                    _ => "12.5",
                });
                text.Append(string.Join(',', fields)).Append('\n');
                day = day.PlusDays(1);
            }
        }

        var content = text.ToString();
        var plain = _files.Write("plain.csv", content);
        var quoted = _files.Write("quoted.csv", "\"" + content[..content.IndexOf(',', StringComparison.Ordinal)] + "\"" + content[content.IndexOf(',', StringComparison.Ordinal)..]);

        FastPriceCsv.TryRead(plain, "prices.csv", requireMarketCap: true, new DiagnosticBag(), out var fast).Should().BeTrue();
        var fullBag = new DiagnosticBag();
        var full = PriceCsv.Read(quoted, "prices.csv", requireMarketCap: true, fullBag);

        fullBag.Errors.Should().BeEmpty();
        Bits(fast!.Close).Should().Equal(Bits(full!.Close));
        Bits(fast.MarketCap).Should().Equal(Bits(full.MarketCap));
        Bits(fast.Dividend.ToArray()).Should().Equal(Bits(full.Dividend.ToArray()));
        Splits(fast).Should().Equal(Splits(full));
        fast.DateCount.Should().BeGreaterThan(forms.Length * 3, "every form in every number column");
    }

    [Theory]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,\"AAA\",10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000\n\n2024-01-03,AAA,11,1100\n")]
    [InlineData("\uFEFFdate,symbol,close,market_cap\n2024-01-02,AAA,10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000\n2024-01-02,AAA,11,1100\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,1 0,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02, AAA,10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000,5\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,-10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-02-30,AAA,10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,ÄAA,10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000\r2024-01-03,AAA,10,1000\n")]
    [InlineData("date,symbol,close\n2024-01-02,AAA,10\n")]
    [InlineData("date,symbol,close,market_cap\n")]
    [InlineData("date,symbol,close,market_cap,note\n2024-01-02,AAA,10,1000,a\"b\n")]
    [InlineData("date,symbol,close,market_cap,note\n2024-01-02,AAA,10,1000,a\tb\n")]
    [InlineData("date,symbol,close,market_cap,note\n2024-01-02,AAA,10,1000,\"a,b\"\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,,10,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,1.2.3,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000\n2024-01-03,AAA,10\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000\n2024-01-03,AAA,,1000\n")]
    [InlineData("date,symbol,close,market_cap\n2024-01-02,AAA,10,1000\n2024-01-3,AAA,10,1000\n")]
    public void A_file_with_anything_unusual_or_wrong_is_left_to_the_full_reader(string content)
    {
        var path = _files.WriteBytes("odd.csv", Encoding.UTF8.GetBytes(content));

        FastPriceCsv.TryRead(path, "prices.csv", requireMarketCap: true, new DiagnosticBag(), out _, 4096).Should().BeFalse();
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    private static long[] Splits(PricePanel panel) => [.. Enumerable.Range(0, panel.SplitRatio.Length).Select(panel.SplitAt).Select(BitConverter.DoubleToInt64Bits)];

    /// <summary>The bundled prices, or a variant of them.</summary>
    private static string Variant(string variant)
    {
        var lines = File.ReadAllLines(RepoFiles.Path("data", "prices.csv"));
        var header = lines[0];
        var rows = lines[1..].ToList();
        switch (variant)
        {
            case "edited":
                // A jump (an unrecorded split), a market cap that disagrees with the share count, a stale run, missing
                // rows, numbers in forms the invariant parser reads, a dividend and a recorded split.
                rows[5000] = Edit(rows[5000], 2, v => (v * 3).ToString("0.00", CultureInfo.InvariantCulture));
                for (var i = 6000; i < 6020; i++)
                {
                    rows[i] = Edit(rows[i], 6, v => (v * 1.5).ToString("0", CultureInfo.InvariantCulture));
                }

                rows[7000] = Edit(rows[7000], 2, v => v.ToString("E6", CultureInfo.InvariantCulture));
                rows[7001] = Edit(rows[7001], 2, v => v.ToString("0.0000000000000000000", CultureInfo.InvariantCulture));
                rows[7002] = Edit(rows[7002], 3, _ => "0.25");
                rows[7003] = Edit(rows[7003], 3, _ => "+0.125");
                rows.RemoveRange(8000, 3);
                var symbol = rows[100].Split(',')[1];
                var stale = rows.FindIndex(r => r.Split(',')[1] == symbol);
                var close = rows[stale].Split(',')[2];
                for (int i = stale, n = 0; i < rows.Count && n < 12; i++)
                {
                    if (rows[i].Split(',')[1] == symbol)
                    {
                        rows[i] = Edit(rows[i], 2, _ => close);
                        n++;
                    }
                }

                break;
            case "reversed":
                rows.Reverse();
                break;
            case "extra-column":
                // A column the reader does not use: short text, nothing, or text that makes a line of over 64 bytes
                // (read byte by byte rather than 64 bytes at a time).
                header += ",note";
                for (var i = 0; i < rows.Count; i++)
                {
                    rows[i] += (i % 7) switch
                    {
                        0 => ",",
                        1 => ",a note that makes this line longer than sixty-four bytes: " + new string('x', i % 50),
                        _ => ",ok",
                    };
                }

                break;
            default:
                break;
        }

        var newline = variant == "crlf" ? "\r\n" : "\n";
        var text = header + newline + string.Join(newline, rows);
        return variant == "no-final-newline" ? text : text + newline;
    }

    private static string Edit(string row, int field, Func<double, string> change)
    {
        var fields = row.Split(',');
        fields[field] = change(double.Parse(fields[field], CultureInfo.InvariantCulture));
        return string.Join(',', fields);
    }
}
