using System.Globalization;
using CsvHelper;
using NodaTime;

namespace Agix.Prices;

/// <summary>
/// Reads the canonical long price CSV (<c>date,symbol,close</c> plus <c>market_cap</c> or
/// <c>shares_outstanding</c>, optional <c>dividend</c> and <c>split_ratio</c>; header names are matched
/// case-insensitively, extra columns are ignored, rows may come in any order) into a <see cref="PricePanel"/>.
/// Streams the file through CsvHelper's span parser; keeps a few numbers per row, never an object per row.
/// </summary>
internal static class PriceCsv
{
    /// <summary>The longest record accepted, in bytes; a longer one is reported instead of buffered.</summary>
    public const int MaxRecordBytes = 64 * 1024;

    /// <summary>
    /// Reads a price file. Problems go to <paramref name="bag"/>; the result is null when the file could not be
    /// read at all or had errors.
    /// </summary>
    /// <param name="path">The path to open.</param>
    /// <param name="name">The file name used in messages (as the user gave it).</param>
    /// <param name="requireMarketCap">Whether a <c>market_cap</c> or <c>shares_outstanding</c> column is required.</param>
    /// <param name="bag">Where problems are reported.</param>
    public static PricePanel? Read(string path, string name, bool requireMarketCap, DiagnosticBag bag)
    {
        if (!File.Exists(path))
        {
            bag.Error(name, 0, 0, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
            return null;
        }

        string? temp;
        try
        {
            temp = InputFile.CopyIfStream(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bag.Error(name, 0, 0, ex is UnauthorizedAccessException ? "cannot be read: permission denied" : $"cannot be read: {ex.Message}");
            return null;
        }

        if (temp is not null)
        {
            try
            {
                return Read(temp, name, requireMarketCap, bag);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        // Plain files take the fast path; anything else, and every error, the full reader below.
        if (FastPriceCsv.TryRead(path, name, requireMarketCap, bag, out var fast))
        {
            return fast;
        }

        var errorsBefore = bag.ErrorCount;

        // Pass 1 finds the distinct dates and symbols (two fields a row, no problem reported), so that pass 2 can
        // write every row straight into the final panel: memory stays bounded by the panel, whatever the file size.
        var shape = Scan(path, name, requireMarketCap);
        var panel = shape is null ? null : new PanelBuilder(shape);
        try
        {
            using var input = CsvInput.Open(path, name, bag);
            if (!ReadHeader(input, name, requireMarketCap, bag, out var cols))
            {
                return null;
            }

            var required = cols.RequiredFields(requireMarketCap);
            while (input.Read(required))
            {
                ReadRow(input.Reader, cols, name, bag, panel);
            }
        }
        catch (Exception ex) when (CsvInput.IsReadFailure(ex))
        {
            CsvInput.ReportReadFailure(bag, name, ex);
            return null;
        }

        if ((panel is null || panel.Rows == 0) && bag.ErrorCount == errorsBefore)
        {
            bag.Error(name, 1, 0, "has no data rows (only a header line)");
        }

        if (bag.ErrorCount > errorsBefore || panel is null)
        {
            return null;
        }

        var built = panel.Build();
        panel.Check(built, name, bag);
        return built;
    }

    /// <summary>Pass 1: the distinct valid dates and symbols of the file, or null when there is none.</summary>
    private static PanelShape? Scan(string path, string name, bool requireMarketCap)
    {
        var ignored = new DiagnosticBag();
        var days = new HashSet<int>();
        var symbols = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var input = CsvInput.Open(path, name, ignored);
            if (!ReadHeader(input, name, requireMarketCap, ignored, out var cols))
            {
                return null;
            }

            var lookup = symbols.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> buffer = stackalloc char[128];
            var required = cols.RequiredFields(requireMarketCap);
            while (input.Read(required))
            {
                var csv = input.Reader;
                if (IsoDate.TryParse(Trim(csv.GetSpan(cols.Date)), out var date) && SymbolChars(csv.GetSpan(cols.Symbol), buffer, out var chars) && chars.Length > 0)
                {
                    days.Add(date.DayNumber());
                    if (!lookup.ContainsKey(chars))
                    {
                        symbols.Add(chars.ToString(), symbols.Count);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is CsvFormatException or IOException or UnauthorizedAccessException)
        {
            return null; // pass 2 reports it
        }

        return days.Count == 0 ? null : new PanelShape(days, symbols);
    }

    /// <summary>The trimmed symbol of a field as chars, decoded into <paramref name="buffer"/> when it fits.</summary>
    private static bool SymbolChars(ReadOnlySpan<byte> field, Span<char> buffer, out ReadOnlySpan<char> chars)
    {
        var bytes = Trim(field);
        if (bytes.Length <= buffer.Length && System.Text.Unicode.Utf8.ToUtf16(bytes, buffer, out _, out var written) == System.Buffers.OperationStatus.Done)
        {
            chars = buffer[..written].Trim();
            return true;
        }

        chars = System.Text.Encoding.UTF8.GetString(bytes).AsSpan().Trim();
        return true;
    }

    internal static CsvReaderOptions Options() => new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        MaxRecordSize = MaxRecordBytes,
        DetectSeparatorHint = false,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = false,
        PoolStrings = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    internal static string Plain(string message) => message.TrimEnd('.');

    private static bool ReadHeader(CsvInput input, string name, bool requireMarketCap, DiagnosticBag bag, out Columns cols)
    {
        cols = default;
        var before = bag.ErrorCount;
        var seen = input.ReadHeader("date,symbol,close,market_cap");
        if (seen is null || (seen.Count == 0 && bag.ErrorCount > before))
        {
            return false;
        }

        var ok = bag.ErrorCount == before;
        int Find(string column) => seen.TryGetValue(column, out var i) ? i : -1;

        cols = new Columns(Find("date"), Find("symbol"), Find("close"), Find("market_cap"), Find("shares_outstanding"), Find("dividend"), Find("split_ratio"));
        var missing = new List<string>();
        if (cols.Date < 0)
        {
            missing.Add("date");
        }

        if (cols.Symbol < 0)
        {
            missing.Add("symbol");
        }

        if (cols.Close < 0)
        {
            missing.Add("close");
        }

        if (requireMarketCap && cols.MarketCap < 0 && cols.Shares < 0)
        {
            missing.Add("market_cap (or shares_outstanding)");
        }

        if (missing.Count > 0)
        {
            input.ReportMissing(missing);
            ok = false;
        }

        return ok;
    }

    private static void ReadRow(CsvReader csv, in Columns cols, string name, DiagnosticBag bag, PanelBuilder? panel)
    {
        var line = (int)csv.LineNumber;
        var ok = true;
        LocalDate date = default;
        if (!IsoDate.TryParse(Trim(csv.GetSpan(cols.Date)), out date))
        {
            bag.Error(name, line, cols.Date + 1, $"'{csv.GetString(cols.Date)}' is not a valid date (expected yyyy-MM-dd)");
            ok = false;
        }

        Span<char> buffer = stackalloc char[128];
        SymbolChars(csv.GetSpan(cols.Symbol), buffer, out var symbol);
        if (symbol.IsEmpty)
        {
            bag.Error(name, line, cols.Symbol + 1, "the symbol is empty");
            ok = false;
        }

        ok &= Number(csv, cols.Close, name, line, "close", NumberRule.Positive, double.NaN, bag, out var close);
        var cap = double.NaN;
        var checkShares = double.NaN;
        if (cols.MarketCap >= 0 && !csv.IsEmpty(cols.MarketCap))
        {
            ok &= Number(csv, cols.MarketCap, name, line, "market_cap", NumberRule.Positive, double.NaN, bag, out cap);

            // Both given: the share count is only checked against the market cap (a data check, never an error).
            if (cols.Shares >= 0 && double.TryParse(Trim(csv.GetSpan(cols.Shares)), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var given) && given > 0 && double.IsFinite(given))
            {
                checkShares = given;
            }
        }
        else if (cols.Shares >= 0 && !csv.IsEmpty(cols.Shares))
        {
            ok &= Number(csv, cols.Shares, name, line, "shares_outstanding", NumberRule.Positive, double.NaN, bag, out var shares);
            cap = close * shares;
        }

        var dividend = 0.0;
        if (cols.Dividend >= 0)
        {
            ok &= Number(csv, cols.Dividend, name, line, "dividend", NumberRule.NonNegative, 0, bag, out dividend);
        }

        var split = 1.0;
        if (cols.Split >= 0)
        {
            ok &= Number(csv, cols.Split, name, line, "split_ratio", NumberRule.Positive, 1, bag, out split);
        }

        if (ok && panel is not null)
        {
            panel.Add(date, symbol, close, cap, dividend, split, line, name, bag);
            if (!double.IsNaN(checkShares))
            {
                panel.CheckShares(date, symbol, close, checkShares, cap, line, name, bag);
            }
        }
    }

    private enum NumberRule
    {
        Positive,
        NonNegative,
    }

    private static bool Number(CsvReader csv, int index, string name, int line, string column, NumberRule rule, double whenEmpty, DiagnosticBag bag, out double value)
    {
        var span = Trim(csv.GetSpan(index));
        if (span.IsEmpty)
        {
            value = whenEmpty;
            if (double.IsNaN(whenEmpty))
            {
                bag.Error(name, line, index + 1, $"{column} is empty");
                return false;
            }

            return true;
        }

        if (!double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            var text = csv.GetString(index);
            var hint = text.Contains(',', StringComparison.Ordinal)
                ? " (use '.' as the decimal point and no thousands separators)"
                : string.Empty;
            bag.Error(name, line, index + 1, $"{column} '{Shorten(text)}' is not a number{hint}");
            return false;
        }

        if (!double.IsFinite(value))
        {
            bag.Error(name, line, index + 1, $"{column} '{Shorten(csv.GetString(index))}' is not a finite number");
            return false;
        }

        var valid = rule == NumberRule.Positive ? value > 0 : value >= 0;
        if (!valid)
        {
            var must = rule == NumberRule.Positive ? "must be greater than 0" : "must not be negative";
            bag.Error(name, line, index + 1, string.Create(CultureInfo.InvariantCulture, $"{column} {must}, got {value}"));
            return false;
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        while (!s.IsEmpty && (s[0] == (byte)' ' || s[0] == (byte)'\t'))
        {
            s = s[1..];
        }

        while (!s.IsEmpty && (s[^1] == (byte)' ' || s[^1] == (byte)'\t' || s[^1] == (byte)'\r'))
        {
            s = s[..^1];
        }

        return s;
    }

    private readonly record struct Columns(int Date, int Symbol, int Close, int MarketCap, int Shares, int Dividend, int Split)
    {
        /// <summary>The fewest fields a row needs: up to the last required column.</summary>
        public int RequiredFields(bool requireMarketCap)
        {
            var cap = requireMarketCap ? (MarketCap >= 0 ? MarketCap : Shares) : -1;
            return Math.Max(Math.Max(Date, Symbol), Math.Max(Close, cap)) + 1;
        }
    }

    /// <summary>The distinct dates (as day numbers) and symbols (with their order of appearance) of a file.</summary>
    private sealed record PanelShape(HashSet<int> Days, Dictionary<string, int> Symbols);

    /// <summary>
    /// The final panel's arrays, filled row by row in pass 2 (no per-row object, no staging copy). A cell written
    /// twice is a duplicate (date, symbol) and is reported with both lines.
    /// </summary>
    private sealed class PanelBuilder
    {
        private readonly LocalDate[] _dates;
        private readonly string[] _symbols;
        private readonly int[] _dateIndex;
        private readonly int _minDay;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _column;
        private readonly double[] _close;
        private readonly double[] _cap;
        private readonly SparseCells.Events _dividends = new();
        private readonly SparseCells.Events _splits = new();
        private readonly int[] _lines;
        private int[]? _shareMismatches;

        public PanelBuilder(PanelShape shape)
        {
            var days = shape.Days.Order().ToArray();
            _minDay = days[0];
            _dateIndex = new int[days[^1] - days[0] + 1];
            Array.Fill(_dateIndex, -1);
            for (var i = 0; i < days.Length; i++)
            {
                _dateIndex[days[i] - _minDay] = i;
            }

            _dates = [.. days.Select(DayNumbers.ToDate)];
            _symbols = [.. shape.Symbols.Keys.Order(StringComparer.Ordinal)];
            var columns = new Dictionary<string, int>(_symbols.Length, StringComparer.Ordinal);
            for (var k = 0; k < _symbols.Length; k++)
            {
                columns.Add(_symbols[k], k);
            }

            _column = columns.GetAlternateLookup<ReadOnlySpan<char>>();
            var cells = checked(_dates.Length * _symbols.Length);
            _close = HugePages.Doubles(cells);
            _cap = HugePages.Doubles(cells);
            _lines = new int[cells];
            Array.Fill(_close, double.NaN);
            Array.Fill(_cap, double.NaN);
        }

        public long Rows { get; private set; }

        public void Add(LocalDate date, ReadOnlySpan<char> symbol, double close, double cap, double dividend, double split, int line, string name, DiagnosticBag bag)
        {
            var offset = date.DayNumber() - _minDay;
            if (offset < 0 || offset >= _dateIndex.Length || _dateIndex[offset] < 0 || !_column.TryGetValue(symbol, out var column))
            {
                // The file changed between the two passes.
                bag.Error(name, line, 0, "the file changed while it was being read");
                return;
            }

            var cell = (_dateIndex[offset] * _symbols.Length) + column;
            if (_lines[cell] != 0)
            {
                bag.Error(name, line, 0, $"duplicate row for {symbol} on {IsoDate.Format(date)} (first at line {_lines[cell]})");
                return;
            }

            Rows++;
            _lines[cell] = line;
            _close[cell] = close;
            _cap[cell] = cap;
            if (BitConverter.DoubleToInt64Bits(dividend) != 0)
            {
                _dividends.Add(cell, dividend); // bit for bit as read (−0 too)
            }

            if (split != 1)
            {
                _splits.Add(cell, split);
            }
        }

        /// <summary>The panel; the events are in cells once each (a duplicate row is an error, never added).</summary>
        public PricePanel Build() => new(_dates, _symbols, _close, _cap, SparseCells.FromEvents(_close.Length, 0, [_dividends])!, SparseCells.FromEvents(_close.Length, 1, [_splits])!);

        /// <summary>The row check of a market cap given with a share count (see <see cref="DataChecks.CapAgainstShares"/>).</summary>
        public void CheckShares(LocalDate date, ReadOnlySpan<char> symbol, double close, double shares, double cap, int line, string name, DiagnosticBag bag)
        {
            if (_column.TryGetValue(symbol, out var column))
            {
                _shareMismatches ??= new int[_symbols.Length];
                DataChecks.CapAgainstShares(name, line, symbol, date, close, shares, cap, ref _shareMismatches[column], bag);
            }
        }

        /// <summary>The data checks of the built panel, with the line of each cell (warnings only).</summary>
        public void Check(PricePanel panel, string name, DiagnosticBag bag)
        {
            if (_shareMismatches is not null)
            {
                DataChecks.SummariseCapAgainstShares(name, _symbols, _shareMismatches, bag);
            }

            DataChecks.Run(panel, cells => [.. cells.Select(c => _lines[c])], name, bag);
        }
    }
}

/// <summary>Dates as day numbers (days since 0001-01-01), for cheap arithmetic and array indexing.</summary>
internal static class DayNumbers
{
    /// <summary>The day number of a date.</summary>
    public static int DayNumber(this LocalDate date) => date.ToDateOnly().DayNumber;

    /// <summary>The date of a day number.</summary>
    public static LocalDate ToDate(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));
}
