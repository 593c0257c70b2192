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

        var errorsBefore = bag.ErrorCount;
        var rows = new RowBuffer();
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
                ReadRow(input.Reader, cols, name, bag, rows);
            }
        }
        catch (CsvFormatException ex)
        {
            bag.Error(name, (int)Math.Max(ex.LineNumber, 1), 0, Plain(ex.Message));
            return null;
        }
        catch (IOException ex)
        {
            bag.Error(name, 0, 0, $"cannot be read: {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            bag.Error(name, 0, 0, "cannot be read: permission denied");
            return null;
        }

        if (rows.Count == 0 && bag.ErrorCount == errorsBefore)
        {
            bag.Error(name, 1, 0, "has no data rows (only a header line)");
        }

        return bag.ErrorCount > errorsBefore ? null : rows.ToPanel(name, bag);
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

        var headers = input.Headers;
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
            var hint = headers.Count == 1 && (headers[0].Contains(';', StringComparison.Ordinal) || headers[0].Contains('\t', StringComparison.Ordinal))
                ? "; the header has a single column: the delimiter must be a comma"
                : string.Empty;
            bag.Error(name, 1, 0, $"missing required column(s): {string.Join(", ", missing)}{hint}");
            ok = false;
        }

        return ok;
    }

    private static void ReadRow(CsvReader csv, in Columns cols, string name, DiagnosticBag bag, RowBuffer rows)
    {
        var line = (int)csv.LineNumber;
        var ok = true;
        LocalDate date = default;
        if (!IsoDate.TryParse(Trim(csv.GetSpan(cols.Date)), out date))
        {
            bag.Error(name, line, cols.Date + 1, $"'{csv.GetString(cols.Date)}' is not a valid date (expected yyyy-MM-dd)");
            ok = false;
        }

        var symbol = csv.GetString(cols.Symbol).Trim();
        if (symbol.Length == 0)
        {
            bag.Error(name, line, cols.Symbol + 1, "the symbol is empty");
            ok = false;
        }

        ok &= Number(csv, cols.Close, name, line, "close", NumberRule.Positive, double.NaN, bag, out var close);
        var cap = double.NaN;
        if (cols.MarketCap >= 0 && !csv.IsEmpty(cols.MarketCap))
        {
            ok &= Number(csv, cols.MarketCap, name, line, "market_cap", NumberRule.Positive, double.NaN, bag, out cap);
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

        if (ok)
        {
            rows.Add(date, symbol, close, cap, dividend, split, line);
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

    /// <summary>Growable columns of the rows read so far (structure of arrays, no object per row).</summary>
    private sealed class RowBuffer
    {
        private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
        private readonly List<string> _names = [];
        private int[] _date = new int[1024];
        private int[] _symbol = new int[1024];
        private int[] _line = new int[1024];
        private double[] _close = new double[1024];
        private double[] _cap = new double[1024];
        private double[] _div = new double[1024];
        private double[] _split = new double[1024];

        public int Count { get; private set; }

        public void Add(LocalDate date, string symbol, double close, double cap, double dividend, double split, int line)
        {
            if (Count == _date.Length)
            {
                var size = Count * 2;
                Array.Resize(ref _date, size);
                Array.Resize(ref _symbol, size);
                Array.Resize(ref _line, size);
                Array.Resize(ref _close, size);
                Array.Resize(ref _cap, size);
                Array.Resize(ref _div, size);
                Array.Resize(ref _split, size);
            }

            if (!_symbols.TryGetValue(symbol, out var id))
            {
                id = _names.Count;
                _symbols.Add(symbol, id);
                _names.Add(symbol);
            }

            var i = Count++;
            _date[i] = date.DayNumber();
            _symbol[i] = id;
            _line[i] = line;
            _close[i] = close;
            _cap[i] = cap;
            _div[i] = dividend;
            _split[i] = split;
        }

        public PricePanel? ToPanel(string name, DiagnosticBag bag)
        {
            // Distinct dates through a bitmap over the date range: linear, no sort of the rows.
            int min = int.MaxValue, max = int.MinValue;
            for (var i = 0; i < Count; i++)
            {
                min = Math.Min(min, _date[i]);
                max = Math.Max(max, _date[i]);
            }

            var dateIndex = new int[max - min + 1];
            for (var i = 0; i < Count; i++)
            {
                dateIndex[_date[i] - min] = 1;
            }

            var dates = new List<LocalDate>();
            for (var k = 0; k < dateIndex.Length; k++)
            {
                if (dateIndex[k] != 0)
                {
                    dateIndex[k] = dates.Count;
                    dates.Add(DayNumbers.ToDate(min + k));
                }
                else
                {
                    dateIndex[k] = -1;
                }
            }

            var order = Enumerable.Range(0, _names.Count).OrderBy(i => _names[i], StringComparer.Ordinal).ToArray();
            var column = new int[_names.Count];
            for (var k = 0; k < order.Length; k++)
            {
                column[order[k]] = k;
            }

            int nd = dates.Count, ns = _names.Count;
            var close = new double[nd * ns];
            var cap = new double[nd * ns];
            var div = new double[nd * ns];
            var split = new double[nd * ns];
            var lines = new int[nd * ns];
            Array.Fill(close, double.NaN);
            Array.Fill(cap, double.NaN);
            Array.Fill(split, 1.0);
            for (var i = 0; i < Count; i++)
            {
                var cell = (dateIndex[_date[i] - min] * ns) + column[_symbol[i]];
                if (lines[cell] != 0)
                {
                    bag.Error(name, _line[i], 0, $"duplicate row for {_names[_symbol[i]]} on {IsoDate.Format(DayNumbers.ToDate(_date[i]))} (first at line {lines[cell]})");
                    continue;
                }

                lines[cell] = _line[i];
                close[cell] = _close[i];
                cap[cell] = _cap[i];
                div[cell] = _div[i];
                split[cell] = _split[i];
            }

            if (bag.HasErrors)
            {
                return null;
            }

            return new PricePanel([.. dates], [.. order.Select(i => _names[i])], close, cap, div, split);
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
