using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Microsoft.Win32.SafeHandles;
using NodaTime;

namespace Agix.Prices;

/// <summary>
/// The fast path of <see cref="PriceCsv"/> for the plain files that nearly every price file is: ASCII, no quotes,
/// one record a line (LF or CRLF), no blank line, numbers written as digits with an optional decimal point. It
/// reads the file in chunks cut on line boundaries, in parallel: a light first pass finds the dates, the symbols and
/// the line count of each chunk, the second parses every row straight into the panel's arrays (a short line 64
/// bytes at a time, see <see cref="Cursor"/>); the data checks' findings get their lines from a third pass over only
/// the chunks that hold them. It gives up on the first thing it does not handle (anything unusual, and every error),
/// and <see cref="PriceCsv"/> reads the file again with the full reader, so every message, with its file, line and
/// column, comes from one place.
/// </summary>
/// <remarks>
/// Equal results: a number in the plain form with at most 15 digits is the quotient of two exactly representable
/// doubles (an integer below 10^15 and a power of ten up to 10^15), so one IEEE division gives the correctly rounded value, the one
/// <see cref="double.Parse(string, IFormatProvider)"/> gives; other numbers go through
/// <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/> itself.
/// </remarks>
internal static class FastPriceCsv
{
    /// <summary>The bytes of file one worker parses at a time (lines are assigned to the chunk where they start).</summary>
    internal const int DefaultChunkBytes = 512 << 10;

    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The powers of ten that are exact doubles (constant data, no static field to initialise).</summary>
    private static ReadOnlySpan<double> PowersOfTen => [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The powers of ten up to 10^15, as integers (multiplied into a mantissa).</summary>
    private static ReadOnlySpan<ulong> IntegerPowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000];

    /// <summary>What a field of a row is.</summary>
    private enum Role : byte
    {
        Ignored,
        Date,
        Symbol,
        Close,
        MarketCap,
        Shares,
        Dividend,
        Split,
    }

    /// <summary>
    /// Reads a price file on the fast path. Returns false when the file needs the full reader (then nothing was
    /// reported); true with the panel (and its warnings in <paramref name="bag"/>) otherwise.
    /// </summary>
    /// <param name="path">The path to open.</param>
    /// <param name="name">The file name used in messages.</param>
    /// <param name="requireMarketCap">Whether a <c>market_cap</c> or <c>shares_outstanding</c> column is required.</param>
    /// <param name="bag">Where the warnings go (on success only).</param>
    /// <param name="panel">The panel read, on success.</param>
    /// <param name="chunkBytes">The bytes of file a worker takes at a time (small in tests, to cut many chunks).</param>
    public static bool TryRead(string path, string name, bool requireMarketCap, DiagnosticBag bag, out PricePanel? panel, int chunkBytes = DefaultChunkBytes)
    {
        panel = null;
        var warnings = new DiagnosticBag();
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
            var length = RandomAccess.GetLength(handle);
            var layout = ReadHeader(handle, length, requireMarketCap, chunkBytes);
            if (layout is null)
            {
                return false;
            }

            var chunks = (int)((length + chunkBytes - 1) / chunkBytes);
            var shape = Scan(handle, length, chunks, layout);
            if (shape is null)
            {
                return false;
            }

            var target = new Target(shape, chunks);
            if (!Fill(handle, length, chunks, layout, shape, target, out var mismatches)
                || SparseCells.FromEvents(target.Close.Length, 0, target.Dividends) is not { } dividends
                || SparseCells.FromEvents(target.Close.Length, 1, target.Splits) is not { } splits)
            {
                return false;
            }

            var built = new PricePanel(shape.Dates, shape.Symbols, target.Close, target.Cap, dividends, splits);
            if (mismatches.Count > 0)
            {
                // The row check of a market cap given with a share count, in line order as the full reader makes it.
                var counts = new int[shape.Symbols.Length];
                foreach (var m in mismatches.OrderBy(m => m.Line))
                {
                    DataChecks.CapAgainstShares(name, m.Line, shape.Symbols[m.Column], shape.Dates[m.Row], m.Close, m.Shares, m.Cap, ref counts[m.Column], warnings);
                }

                DataChecks.SummariseCapAgainstShares(name, shape.Symbols, counts, warnings);
            }

            int[] LinesOf(int[] cells)
            {
                var request = new LineRequest(cells);
                var only = target.ChunksHolding(cells, shape.Symbols.Length);
                return Fill(handle, length, chunks, layout, shape, target, out _, request, only) && !request.Lines.Contains(0)
                    ? request.Lines
                    : throw new IOException("the file changed while it was being read");
            }

            DataChecks.Run(built, LinesOf, name, warnings);
            bag.AddWarnings(warnings);
            panel = built;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // the full reader reports it
        }
    }

    /// <summary>The header: plain column names only (letters, digits, underscores), each once, the required ones present.</summary>
    private static Layout? ReadHeader(SafeFileHandle handle, long length, bool requireMarketCap, int chunkBytes)
    {
        var buffer = new byte[(int)Math.Min(length, 4096)];
        var read = RandomAccess.Read(handle, buffer, 0);
        var bytes = buffer.AsSpan(0, read);
        var end = bytes.IndexOf((byte)'\n');
        if (end < 0)
        {
            return null;
        }

        var line = bytes[..end];
        if (line.StartsWith("\uFEFF"u8))
        {
            return null;
        }

        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        var roles = new List<Role>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in line.Split((byte)','))
        {
            var field = line[range];
            if (field.IsEmpty)
            {
                return null;
            }

            foreach (var b in field)
            {
                if (!(char.IsAsciiLetterOrDigit((char)b) || b == '_'))
                {
                    return null;
                }
            }

            var column = Encoding.ASCII.GetString(field).ToLowerInvariant();
            if (!seen.Add(column))
            {
                return null;
            }

            roles.Add(column switch
            {
                "date" => Role.Date,
                "symbol" => Role.Symbol,
                "close" => Role.Close,
                "market_cap" => Role.MarketCap,
                "shares_outstanding" => Role.Shares,
                "dividend" => Role.Dividend,
                "split_ratio" => Role.Split,
                _ => Role.Ignored,
            });
        }

        int Find(Role role) => roles.IndexOf(role);
        int date = Find(Role.Date), symbol = Find(Role.Symbol), close = Find(Role.Close), cap = Find(Role.MarketCap), shares = Find(Role.Shares);
        if (date < 0 || symbol < 0 || close < 0 || (requireMarketCap && cap < 0 && shares < 0))
        {
            return null;
        }

        return new Layout([.. roles], date, symbol, end + 1, chunkBytes, (int)Math.Min(chunkBytes + PriceCsv.MaxRecordBytes + 2, length + 2));
    }

    /// <summary>Pass 1: the distinct dates and symbols, and the line breaks of each chunk; null to leave the fast path.</summary>
    private static Shape? Scan(SafeFileHandle handle, long length, int chunks, Layout layout)
    {
        var breaks = new int[chunks];
        var failed = 0;
        var partials = new System.Collections.Concurrent.ConcurrentBag<(HashSet<int> Days, SymbolTable Symbols)>();
        Parallel.For(
            0,
            chunks,
            Options(),
            () => (Days: new HashSet<int>(), Symbols: new SymbolTable(), Buffer: layout.RentBuffer()),
            (k, state, local) =>
            {
                if (Volatile.Read(ref failed) != 0 || !ScanChunk(handle, length, k, layout, local.Buffer, local.Days, local.Symbols, out breaks[k]))
                {
                    Interlocked.Exchange(ref failed, 1);
                    state.Stop();
                }

                return local;
            },
            local =>
            {
                layout.ReturnBuffer(local.Buffer);
                partials.Add((local.Days, local.Symbols));
            });
        if (failed != 0)
        {
            return null;
        }

        var days = new HashSet<int>();
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (d, s) in partials)
        {
            days.UnionWith(d);
            symbols.UnionWith(s.Names());
        }

        if (days.Count == 0)
        {
            return null;
        }

        var firstLine = new int[chunks];
        for (var k = 1; k < chunks; k++)
        {
            firstLine[k] = firstLine[k - 1] + breaks[k - 1];
        }

        var dayArray = days.Order().ToArray();
        var names = symbols.Order(StringComparer.Ordinal).ToArray();
        var table = new SymbolTable();
        foreach (var s in names)
        {
            // Text the full reader keeps as it is (no quote, comma, control character or surrounding space): pass 2
            // takes bytes equal to a symbol of the table as valid.
            if (s.Length == 0 || s[0] == ' ' || s[^1] == ' ' || !s.All(c => c < 0x80 && IsText((byte)c)))
            {
                return null;
            }

            table.Add(Encoding.ASCII.GetBytes(s));
        }

        return new Shape(dayArray, [.. dayArray.Select(DayNumbers.ToDate)], names, table, firstLine);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScanChunk(SafeFileHandle handle, long length, int k, Layout layout, byte[] buffer, HashSet<int> days, SymbolTable symbols, out int breaks)
    {
        breaks = 0;
        if (!ReadChunk(handle, length, k, layout, buffer, out var bytes, out var start, out var end))
        {
            return false;
        }

        // Line breaks in [k·C, (k+1)·C): the line number of the first line of chunk k + 1 follows from them.
        var from = k == 0 ? 0 : 1;
        breaks = bytes[from..Math.Min(bytes.Length, from + (int)Math.Min(layout.ChunkBytes, length - ((long)k * layout.ChunkBytes)))].Count((byte)'\n');
        Span<byte> previousDate = stackalloc byte[10];
        var hasPrevious = false;
        var p = start;
        if (k == 0)
        {
            p = layout.DataStart;
        }

        if (layout.Date == 0 && layout.Symbol == 1)
        {
            return ScanDateSymbol(buffer, bytes.Length, p, end, days, symbols);
        }

        var lastField = Math.Max(layout.Date, layout.Symbol);
        var previousSymbol = -1;
        while (p < end)
        {
            var lineLength = bytes[p..].IndexOf((byte)'\n');
            var line = lineLength < 0 ? bytes[p..] : bytes.Slice(p, lineLength);
            p += lineLength < 0 ? line.Length : lineLength + 1;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            ReadOnlySpan<byte> date = default, symbol = default;
            for (var i = 0; i <= lastField; i++)
            {
                var comma = line.IndexOf((byte)',');
                var field = comma < 0 ? line : line[..comma];
                if (i == layout.Date)
                {
                    date = field;
                }
                else if (i == layout.Symbol)
                {
                    symbol = field;
                }

                if (comma < 0)
                {
                    if (i < lastField)
                    {
                        return false;
                    }

                    break;
                }

                line = line[(comma + 1)..];
            }

            if (date.Length != 10 || symbol.IsEmpty || symbol.Length > SymbolTable.MaxLength)
            {
                return false;
            }

            if (!hasPrevious || !date.SequenceEqual(previousDate))
            {
                if (!IsoDate.TryParse(date, out var parsed))
                {
                    return false;
                }

                days.Add(parsed.DayNumber());
                date.CopyTo(previousDate);
                hasPrevious = true;
            }

            // Rows usually repeat the order of symbols of the date before: try the next one first.
            if (previousSymbol + 1 < symbols.Count && symbols.Matches(previousSymbol + 1, symbol))
            {
                previousSymbol++;
            }
            else
            {
                previousSymbol = symbols.Find(symbol);
                if (previousSymbol < 0)
                {
                    symbols.Add(symbol);
                    previousSymbol = symbols.Count - 1;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Pass 1 for the usual layout, a date then a symbol: per line, the date compared with the line before's as two
    /// words, the symbol with the one that followed it before, then on to the next line break.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScanDateSymbol(byte[] buffer, int read, int p, int end, HashSet<int> days, SymbolTable symbols)
    {
        buffer[read] = (byte)'\n'; // the buffer has room (see Layout): every line ends in a line break
        var bytes = buffer.AsSpan(0, read + 1);
        ref var b = ref MemoryMarshal.GetArrayDataReference(buffer);
        ulong dateHead = 0;
        ushort dateTail = 0;
        var hasPrevious = false;
        var previousSymbol = -1;
        while (p < end)
        {
            if (p + 11 > read || Unsafe.Add(ref b, p + 10) != ',')
            {
                return false;
            }

            var head = Word(ref Unsafe.Add(ref b, p));
            var tail = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, p + 8));
            if (!hasPrevious || head != dateHead || tail != dateTail)
            {
                if (!IsoDate.TryParse(bytes.Slice(p, 10), out var parsed))
                {
                    return false;
                }

                days.Add(parsed.DayNumber());
                (dateHead, dateTail, hasPrevious) = (head, tail, true);
            }

            // Rows usually repeat the order of symbols of the date before: try the next one first.
            p += 11;
            if (previousSymbol + 1 < symbols.Count && symbols.MatchesAt(previousSymbol + 1, ref Unsafe.Add(ref b, p)) is var length and > 0)
            {
                previousSymbol++;
                p += length;
            }
            else
            {
                var symbol = bytes[p..];
                symbol = symbol[..symbol.IndexOfAny((byte)',', (byte)'\n')];
                if (symbol.Length > 0 && symbol[^1] == '\r')
                {
                    symbol = symbol[..^1];
                }

                if (symbol.IsEmpty || symbol.Length > SymbolTable.MaxLength)
                {
                    return false;
                }

                previousSymbol = symbols.Find(symbol);
                if (previousSymbol < 0)
                {
                    symbols.Add(symbol);
                    previousSymbol = symbols.Count - 1;
                }

                p += symbol.Length;
            }

            var breaks = Mask(ref Unsafe.Add(ref b, p), (byte)'\n'); // the next 64 bytes (the buffer has room)
            p += (breaks != 0 ? BitOperations.TrailingZeroCount(breaks) : bytes[p..].IndexOf((byte)'\n')) + 1;
        }

        return true;
    }

    /// <summary>
    /// Pass 2: every row into the panel; false to leave the fast path. With <paramref name="lines"/>, only the chunks
    /// <paramref name="only"/> are read again, for the lines of the cells asked (the data checks ask for the lines of
    /// their findings).
    /// </summary>
    private static bool Fill(SafeFileHandle handle, long length, int chunks, Layout layout, Shape shape, Target target, out List<Mismatch> mismatches, LineRequest? lines = null, int[]? only = null)
    {
        var failed = 0;
        long rows = 0;
        var all = new System.Collections.Concurrent.ConcurrentBag<List<Mismatch>>();
        Parallel.For(
            0,
            only?.Length ?? chunks,
            Options(),
            () => (Buffer: layout.RentBuffer(), Mismatches: new List<Mismatch>(), Rows: 0L),
            (i, state, local) =>
            {
                if (Volatile.Read(ref failed) != 0 || !FillChunk(handle, length, only?[i] ?? i, layout, shape, target, local.Buffer, local.Mismatches, ref local.Rows, lines))
                {
                    Interlocked.Exchange(ref failed, 1);
                    state.Stop();
                }

                return local;
            },
            local =>
            {
                layout.ReturnBuffer(local.Buffer);
                all.Add(local.Mismatches);
                Interlocked.Add(ref rows, local.Rows);
            });
        mismatches = [.. all.SelectMany(m => m)];
        if (failed != 0 || rows == 0 || lines is not null)
        {
            return failed == 0;
        }

        // The cells without a row: no close, no market cap, no split. Two rows for one (date, symbol) leave fewer
        // filled cells than rows: the full reader reports the duplicate.
        long filled = 0;
        var closes = target.Close;
        var caps = target.Cap;
        const int Slice = 1 << 20;
        Parallel.For(0, (closes.Length + Slice - 1) / Slice, Options(), slice =>
        {
            var count = 0;
            for (int cell = slice * Slice, stop = Math.Min(closes.Length, cell + Slice); cell < stop; cell++)
            {
                if (closes[cell] != 0)
                {
                    count++;
                }
                else
                {
                    closes[cell] = double.NaN;
                    caps[cell] = double.NaN;
                }
            }

            Interlocked.Add(ref filled, count);
        });
        return filled == rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool FillChunk(SafeFileHandle handle, long length, int k, Layout layout, Shape shape, Target target, byte[] buffer, List<Mismatch> mismatches, ref long rows, LineRequest? lines)
    {
        if (!ReadChunk(handle, length, k, layout, buffer, out var read, out var start, out var end))
        {
            return false;
        }

        // A line break after the bytes read ends a last line without one; every loop stops at a line break, and the
        // buffer goes on for Layout.Padding bytes more, so that 64 bytes may be read at any byte up to that break:
        // bytes are read without bounds checks from here on.
        buffer[read.Length] = (byte)'\n';
        ref var b = ref MemoryMarshal.GetArrayDataReference(buffer);
        var p = start;
        int lineNumber;
        if (k == 0)
        {
            p = layout.DataStart;
            lineNumber = 2;
        }
        else
        {
            // Line breaks before this chunk, plus the one that ends the line running into it (if any).
            lineNumber = 1 + shape.FirstLine[k] + (start > 1 ? 1 : 0);
        }

        var n = shape.Symbols.Length;
        var closes = target.Close;
        var caps = target.Cap;
        var dividends = new SparseCells.Events();
        var splits = new SparseCells.Events();
        if (lines is null)
        {
            (target.Dividends[k], target.Splits[k]) = (dividends, splits);
        }

        int minRow = int.MaxValue, maxRow = -1, minColumn = int.MaxValue, maxColumn = -1;
        var cursor = new Cursor(layout.Roles, shape, buffer, read.Length);
        var count = 0L;
        for (; p < end; lineNumber++)
        {
            var lineStart = p;
            var row = new Row(-1, -1, double.NaN, double.NaN, double.NaN, 0, 1);
            p = cursor.ShortLine(ref b, p, ref row);
            if (p == Cursor.TakeLong)
            {
                p = cursor.AnyLine(ref b, lineStart, ref row);
            }

            if (p < 0 || p - lineStart > PriceCsv.MaxRecordBytes)
            {
                return false;
            }

            var (close, cap, shares) = (row.Close, row.Cap, row.Shares);
            var checkShares = false;
            if (double.IsNaN(cap))
            {
                // A share count alone gives the market cap (the full reader multiplies the same two doubles).
                cap = close * shares;
            }
            else
            {
                checkShares = !double.IsNaN(shares);
            }

            var cell = (row.Index * n) + row.Column;
            if (lines is not null)
            {
                var asked = Array.BinarySearch(lines.Cells, cell);
                if (asked >= 0)
                {
                    lines.Lines[asked] = lineNumber;
                }

                continue;
            }

            (minRow, maxRow) = (Math.Min(minRow, row.Index), Math.Max(maxRow, row.Index));
            (minColumn, maxColumn) = (Math.Min(minColumn, row.Column), Math.Max(maxColumn, row.Column));
            if (closes[cell] != 0)
            {
                return false;
            }

            closes[cell] = close;
            caps[cell] = cap;
            if (row.Split != 1)
            {
                splits.Add(cell, row.Split);
            }

            if (BitConverter.DoubleToInt64Bits(row.Dividend) != 0)
            {
                dividends.Add(cell, row.Dividend); // bit for bit as the full reader keeps it (−0 too)
            }

            var product = close * shares;
            if (checkShares && (double.IsInfinity(product) || Math.Abs(cap - product) > 0.99 * DataChecks.CapTolerance * product))
            {
                // Only a candidate (every row more than 1 % off is one, without a division): DataChecks.CapAgainstShares
                // decides with its own tolerance when replayed in order.
                mismatches.Add(new Mismatch(lineNumber, row.Index, row.Column, close, shares, cap));
            }

            count++;
        }

        rows += count;
        if (lines is null)
        {
            target.Boxes[k] = new Box(minRow, maxRow, minColumn, maxColumn);
        }

        return true;
    }

    /// <summary>The fields of one row: the panel row and column, and the numbers (NaN when not given; 0 and 1 for no dividend or split).</summary>
    private struct Row(int index, int column, double close, double cap, double shares, double dividend, double split)
    {
        public int Index = index;
        public int Column = column;
        public double Close = close;
        public double Cap = cap;
        public double Shares = shares;
        public double Dividend = dividend;
        public double Split = split;

        /// <summary>Sets the number of a column.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(Role role, double value)
        {
            switch (role)
            {
                case Role.Close:
                    Close = value;
                    break;
                case Role.MarketCap:
                    Cap = value;
                    break;
                case Role.Shares:
                    Shares = value;
                    break;
                case Role.Dividend:
                    Dividend = value;
                    break;
                default:
                    Split = value;
                    break;
            }
        }
    }

    /// <summary>Whether a number read is valid in its column: a dividend not negative, every other number above 0 (NaN never).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Valid(Role role, double value) => role == Role.Dividend ? value >= 0 : value > 0;

    /// <summary>
    /// Reads the rows of one chunk's buffer: the columns' roles, the panel's dates and symbols, and what the line
    /// before had (its date as two words and its panel row, its column), which the next line most likely repeats.
    /// </summary>
    private struct Cursor(Role[] roles, Shape shape, byte[] buffer, int read)
    {
        /// <summary>What <see cref="ShortLine"/> returns for a line it leaves to <see cref="AnyLine"/>.</summary>
        public const int TakeLong = -2;

        private readonly int _minDay = shape.Days[0];
        private readonly int[] _rowOfDay = shape.RowOfDay;
        private readonly SymbolTable _table = shape.Table;
        private readonly int _symbols = shape.Symbols.Length;
        private readonly bool _bundled = roles.SequenceEqual([Role.Date, Role.Symbol, Role.Close, Role.Dividend, Role.Split, Role.Shares, Role.MarketCap]);
        private ulong _dateHead;
        private ushort _dateTail;
        private int _previousRow = -1;
        private int _previousColumn = -1;

        /// <summary>
        /// A line of at most 63 bytes: the line's 64 bytes are classified at once (line breaks, commas, digits) and each
        /// field is then read from its own bounds, so that reading one field does not wait for the end of the one
        /// before. Every field is checked as <see cref="AnyLine"/> checks it: a date or a symbol must be one of the
        /// panel's (which are plain text), a number plain digits or what the invariant parser reads, and the text of
        /// another column must be plain text. Returns the start of the next line; -1 to leave the fast path;
        /// <see cref="TakeLong"/> for a longer line.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int ShortLine(ref byte b, int p, ref Row row)
        {
            ref var at = ref Unsafe.Add(ref b, p);
            var (breaks, commas, digits) = Classify(ref at);
            if (breaks == 0)
            {
                return TakeLong;
            }

            var lineLength = BitOperations.TrailingZeroCount(breaks);
            var content = lineLength > 0 && Unsafe.Add(ref at, lineLength - 1) == '\r' ? lineLength - 1 : lineLength;
            var ends = (commas & ((1UL << content) - 1)) | (1UL << content);
            var nonDigits = ~digits;
            if (_bundled)
            {
                return BundledLine(ref at, p, ends, nonDigits, content, lineLength, ref row);
            }

            var from = 0;
            foreach (var role in roles)
            {
                if (from > content)
                {
                    return -1; // fewer fields than columns
                }

                var to = BitOperations.TrailingZeroCount(ends);
                ends &= ends - 1;
                var fieldLength = to - from;
                ref var field = ref Unsafe.Add(ref at, from);
                var ok = role switch
                {
                    Role.Date => fieldLength == 10 && Date(ref field, ref row),
                    Role.Symbol => Symbol(ref field, fieldLength, ref row),
                    Role.Ignored => PlainText(ref field, fieldLength),
                    _ => NumberField(role, ref at, from, to, nonDigits, p, ref row),
                };
                if (!ok)
                {
                    return -1;
                }

                from = to + 1;
            }

            // Every field read, and the last one ended the line (no field more than columns).
            return from == content + 1 ? p + lineLength + 1 : -1;
        }

        /// <summary>The fields of the bundled layout (date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap), in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int BundledLine(ref byte at, int p, ulong ends, ulong nonDigits, int content, int lineLength, ref Row row)
        {
            if (BitOperations.PopCount(ends) != 7)
            {
                return -1;
            }

            var e0 = BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            var e1 = BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            var e2 = BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            var e3 = BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            var e4 = BitOperations.TrailingZeroCount(ends);
            ends &= ends - 1;
            var e5 = BitOperations.TrailingZeroCount(ends);
            var ok = e0 == 10 && Date(ref at, ref row)
                && Symbol(ref Unsafe.Add(ref at, 11), e1 - 11, ref row)
                && NumberField(Role.Close, ref at, e1 + 1, e2, nonDigits, p, ref row)
                && NumberField(Role.Dividend, ref at, e2 + 1, e3, nonDigits, p, ref row)
                && NumberField(Role.Split, ref at, e3 + 1, e4, nonDigits, p, ref row)
                && NumberField(Role.Shares, ref at, e4 + 1, e5, nonDigits, p, ref row)
                && NumberField(Role.MarketCap, ref at, e5 + 1, content, nonDigits, p, ref row);
            return ok ? p + lineLength + 1 : -1;
        }

        /// <summary>
        /// Any line, byte by byte (a long line, a line with a quote or another byte the fast path does not take, which
        /// then leaves it): returns the start of the next line, or -1 to leave the fast path.
        /// </summary>
        public int AnyLine(ref byte b, int p, ref Row row)
        {
            var fields = 0;
            while (true)
            {
                var role = fields < roles.Length ? roles[fields] : Role.Ignored;
                fields++;
                switch (role)
                {
                    case Role.Date:
                        if (p + 10 > read || !Date(ref Unsafe.Add(ref b, p), ref row))
                        {
                            return -1;
                        }

                        p += 10;
                        break;
                    case Role.Symbol:
                        var symbolStart = p;
                        while (IsText(Unsafe.Add(ref b, p)))
                        {
                            p++;
                        }

                        if (!Symbol(ref Unsafe.Add(ref b, symbolStart), p - symbolStart, ref row))
                        {
                            return -1;
                        }

                        break;
                    case Role.Close or Role.MarketCap or Role.Shares or Role.Dividend or Role.Split:
                        // An empty field is no market cap or share count, a dividend of 0, a split of 1; a close must be there.
                        if (role == Role.Close || !IsEnd(Unsafe.Add(ref b, p)))
                        {
                            if (!Number(buffer, ref b, ref p, out var value) || !Valid(role, value))
                            {
                                return -1;
                            }

                            row.Set(role, value);
                        }

                        break;
                    default:
                        while (IsText(Unsafe.Add(ref b, p)))
                        {
                            p++;
                        }

                        break;
                }

                var next = Unsafe.Add(ref b, p);
                if (next == ',')
                {
                    p++;
                    continue;
                }

                if (next == '\r' && Unsafe.Add(ref b, p + 1) == '\n')
                {
                    p++;
                    next = (byte)'\n';
                }

                // Any other byte is one the fast path does not take (a quote, a control character, non-ASCII).
                return next == '\n' && fields == roles.Length ? p + 1 : -1;
            }
        }

        /// <summary>The date (10 bytes) at <paramref name="at"/>: the panel row of the line before when the bytes are the same.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Date(ref byte at, ref Row row)
        {
            var head = Word(ref at);
            var tail = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref at, 8));
            if (_previousRow < 0 || head != _dateHead || tail != _dateTail)
            {
                if (!IsoDate.TryParse(MemoryMarshal.CreateReadOnlySpan(ref at, 10), out var date))
                {
                    return false;
                }

                var offset = date.DayNumber() - _minDay;
                _previousRow = offset >= 0 && offset < _rowOfDay.Length ? _rowOfDay[offset] : -1;
                if (_previousRow < 0)
                {
                    return false;
                }

                (_dateHead, _dateTail) = (head, tail);
            }

            row.Index = _previousRow;
            return true;
        }

        /// <summary>
        /// The symbol of <paramref name="length"/> bytes at <paramref name="at"/>: rows usually come symbol after
        /// symbol in order, so the column after the line before's is tried first, a word or two at a time (the
        /// table's symbols are checked text: equal bytes are valid bytes).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Symbol(ref byte at, int length, ref Row row)
        {
            var next = _previousColumn + 1;
            var column = length > 0 && next < _symbols && _table.MatchesAt(next, ref at) == length ? next : _table.Find(MemoryMarshal.CreateReadOnlySpan(ref at, length));
            row.Column = _previousColumn = column;
            return column >= 0;
        }

        /// <summary>
        /// The field of a number column from byte <paramref name="from"/> to <paramref name="to"/> (exclusive) of the
        /// line at <paramref name="at"/> (at <paramref name="p"/> in the buffer), into <paramref name="row"/>. As in
        /// <see cref="AnyLine"/>: an empty field is no market cap or share count, a dividend of 0, a split of 1 (a
        /// close must be there); a dividend "0" and a split "1" are taken as they are; any other field must be a
        /// number that <see cref="Valid"/> takes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly bool NumberField(Role role, ref byte at, int from, int to, ulong nonDigits, int p, ref Row row)
        {
            var length = to - from;
            ref var field = ref Unsafe.Add(ref at, from);
            if (length == 0 || (length == 1 && ((role == Role.Dividend && field == '0') || (role == Role.Split && field == '1'))))
            {
                return length > 0 || role != Role.Close;
            }

            if (!FieldNumber(ref field, length, nonDigits >> from, p + from, out var value) || !Valid(role, value))
            {
                return false;
            }

            row.Set(role, value);
            return true;
        }

        /// <summary>
        /// The number in the <paramref name="length"/> bytes at <paramref name="at"/> (at <paramref name="offset"/> in
        /// the buffer), given which of them are no digits (bit i for byte i): up to 16 bytes of digits with at most
        /// one decimal point and at most 15 digits are read here, eight digits at a time; any other text by the
        /// invariant parser.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly bool FieldNumber(ref byte at, int length, ulong nonDigits, int offset, out double value)
        {
            nonDigits &= (1UL << length) - 1;
            var whole = BitOperations.TrailingZeroCount(nonDigits); // 64 when all are digits
            var digits = nonDigits == 0 ? length : length - 1;
            if ((nonDigits & (nonDigits - 1)) != 0 || (nonDigits != 0 && Unsafe.Add(ref at, whole) != '.') || length > 16 || digits is 0 or > 15)
            {
                // As the byte loop of AnyLine: only text goes to the invariant parser (which would take a trailing NUL).
                value = double.NaN;
                return PlainText(ref at, length) && Slow(buffer.AsSpan(offset, length), out value);
            }

            whole = Math.Min(whole, length);
            var fraction = digits - whole;
            var mantissa = Run(ref at, whole);
            if (fraction > 0)
            {
                mantissa = (mantissa * IntegerPowersOfTen[fraction]) + Run(ref Unsafe.Add(ref at, whole + 1), fraction);
            }

            value = Quotient(mantissa, fraction);
            return true;
        }

        /// <summary>The value of <paramref name="count"/> (0 to 15) ASCII digits at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Run(ref byte at, int count) =>
            count == 0 ? 0
            : count <= 8 ? Eight(Word(ref at), count)
            : (Eight(Word(ref at), 8) * IntegerPowersOfTen[count - 8]) + Eight(Word(ref Unsafe.Add(ref at, 8)), count - 8);

        /// <summary>Whether the <paramref name="length"/> bytes at <paramref name="at"/> are text (<see cref="IsText"/>).</summary>
        private static bool PlainText(ref byte at, int length)
        {
            for (var i = 0; i < length; i++)
            {
                if (!IsText(Unsafe.Add(ref at, i)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Bit i set when byte i of the 64 at <paramref name="at"/> is <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(ref byte at, byte value)
    {
        var v = Vector128.Create(value);
        return Vector128.Equals(Vector128.LoadUnsafe(ref at), v).ExtractMostSignificantBits()
            | ((ulong)Vector128.Equals(Vector128.LoadUnsafe(ref at, 16), v).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector128.Equals(Vector128.LoadUnsafe(ref at, 32), v).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector128.Equals(Vector128.LoadUnsafe(ref at, 48), v).ExtractMostSignificantBits() << 48);
    }

    /// <summary>The line breaks, commas and ASCII digits among the 64 bytes at <paramref name="at"/> (bit i for byte i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Breaks, ulong Commas, ulong Digits) Classify(ref byte at)
    {
        var newline = Vector128.Create((byte)'\n');
        var comma = Vector128.Create((byte)',');
        var zero = Vector128.Create((byte)'0');
        var ten = Vector128.Create((byte)10);
        ulong breaks = 0, commas = 0, digits = 0;
        for (var i = 0; i < 4; i++)
        {
            var v = Vector128.LoadUnsafe(ref at, (nuint)(16 * i));
            breaks |= (ulong)Vector128.Equals(v, newline).ExtractMostSignificantBits() << (16 * i);
            commas |= (ulong)Vector128.Equals(v, comma).ExtractMostSignificantBits() << (16 * i);
            digits |= (ulong)Vector128.LessThan(v - zero, ten).ExtractMostSignificantBits() << (16 * i);
        }

        return (breaks, commas, digits);
    }

    /// <summary>A byte of a text field: printable ASCII other than the comma and the quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsText(byte b) => b >= 0x20 && b < 0x7F && b != ',' && b != '"';

    /// <summary>A byte that ends a field: a comma, CR or LF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsEnd(byte b) => b == ',' || b == '\n' || b == '\r';

    /// <summary>
    /// The number that starts at <paramref name="p"/> (which moves to the byte after it): the plain form (digits
    /// with at most one decimal point) read here, eight digits at a time, any other text up to the end of the field
    /// by the invariant parser. False when neither reads a finite number. <paramref name="b"/> is the first byte of
    /// <paramref name="buffer"/>, which goes on for at least a word after the line break that ends the bytes read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Number(byte[] buffer, ref byte b, ref int p, out double value)
    {
        var start = p;
        ulong mantissa = 0;
        var digits = Digits(ref b, ref p, ref mantissa);
        var whole = digits;
        if (Unsafe.Add(ref b, p) == '.')
        {
            p++;
            digits += Digits(ref b, ref p, ref mantissa);
        }

        if (!IsEnd(Unsafe.Add(ref b, p)))
        {
            while (IsText(Unsafe.Add(ref b, p)))
            {
                p++;
            }

            return Slow(buffer.AsSpan(start, p - start), out value);
        }

        if (digits is 0 or > 15)
        {
            return Slow(buffer.AsSpan(start, p - start), out value);
        }

        value = Quotient(mantissa, digits - whole);
        return true;
    }

    /// <summary>
    /// <paramref name="mantissa"/> / 10^<paramref name="fraction"/>, correctly rounded: with at most 15 digits the
    /// integer is exact (one signed conversion), and so is 10^fraction (fraction ≤ 15 &lt; 23), so one IEEE division
    /// rounds once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Quotient(ulong mantissa, int fraction)
    {
        var integer = (double)(long)mantissa;
        return fraction == 0 ? integer : integer / PowersOfTen[fraction];
    }

    /// <summary>
    /// Reads the run of ASCII digits at <paramref name="p"/> (which moves past it) into <paramref name="mantissa"/>
    /// (times ten per digit, plus the digit) and returns its length. Past 19 digits the mantissa overflows: the caller
    /// reads more than 15 digits with the invariant parser instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ref byte b, ref int p, ref ulong mantissa)
    {
        var count = 0;
        while (true)
        {
            var word = Word(ref Unsafe.Add(ref b, p));
            var run = DigitRun(word);
            if (run == 0)
            {
                return count;
            }

            mantissa = (mantissa * IntegerPowersOfTen[run]) + Eight(word, run);
            count += run;
            p += run;
            if (run < 8)
            {
                return count;
            }
        }
    }

    /// <summary>
    /// The number of ASCII digits a little-endian word starts with (8 when all are): a byte is a digit when it is
    /// 0 to 9 after an exclusive or with '0'; adding 0x76 sets the top bit of any larger value, and a carry out of a
    /// byte only reaches the bytes after the first that is no digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitRun(ulong word)
    {
        var x = word ^ 0x3030303030303030UL;
        return BitOperations.TrailingZeroCount(((x + 0x7676767676767676UL) | x) & 0x8080808080808080UL) >> 3;
    }

    /// <summary>
    /// The value of the first <paramref name="count"/> (1 to 8) ASCII digits of a little-endian word: the digits are
    /// moved to the top of the word (zeros below read as leading zeros), then pairs, quads and octets are combined by
    /// three multiplications.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Eight(ulong word, int count)
    {
        word <<= 8 * (8 - count);
        word = ((word & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        word = ((word & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        return ((word & 0x0000FFFF0000FFFFUL) * 42949672960001) >> 32;
    }

    /// <summary>The eight bytes at <paramref name="at"/> as a little-endian word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ref byte at)
    {
        var word = Unsafe.ReadUnaligned<ulong>(ref at);
        return BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);
    }

    private static bool Slow(ReadOnlySpan<byte> field, out double value) =>
        double.TryParse(field, Styles, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// Reads the bytes of chunk <paramref name="k"/> (from one byte before it, up to a record past its end) and finds
    /// its lines: those that start in [k·C, (k+1)·C), from <paramref name="start"/> to <paramref name="end"/> in the
    /// returned bytes.
    /// </summary>
    private static bool ReadChunk(SafeFileHandle handle, long length, int k, Layout layout, byte[] buffer, out ReadOnlySpan<byte> bytes, out int start, out int end)
    {
        var chunkStart = (long)k * layout.ChunkBytes;
        var from = k == 0 ? 0 : chunkStart - 1;
        var want = (int)Math.Min(layout.BufferBytes - 1, length - from); // room for a last line break
        var total = 0;
        while (total < want)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(total, want - total), from + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        bytes = buffer.AsSpan(0, total);
        start = 0;
        end = (int)Math.Min(total, chunkStart + layout.ChunkBytes - from);
        if (k > 0)
        {
            var first = bytes.IndexOf((byte)'\n');
            if (first < 0 || first >= end)
            {
                start = end; // no line starts in this chunk
                return first >= 0 || from + total >= length;
            }

            start = first + 1;
        }

        // The last line starting in the chunk must end in the bytes read (or at the end of the file).
        if (start < end && from + total < length)
        {
            var lastBreak = bytes[..end].LastIndexOf((byte)'\n');
            var tail = bytes[(Math.Max(lastBreak, start - 1) + 1)..];
            if (lastBreak < end - 1 && tail.IndexOf((byte)'\n') < 0)
            {
                return false; // a record longer than the limit
            }
        }

        return true;
    }

    private static ParallelOptions Options() => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>
    /// The columns of the header, where the data starts, the size of a chunk, and the size of a worker's buffer: a
    /// chunk, the longest record that may run past its end, and a byte for a last line break (or the whole file and
    /// that byte). Both passes share the buffers.
    /// </summary>
    private sealed record Layout(Role[] Roles, int Date, int Symbol, int DataStart, int ChunkBytes, int BufferBytes)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<byte[]> _buffers = [];

        /// <summary>The bytes a buffer has after <see cref="BufferBytes"/>: 64 bytes are read from any byte up to a line break.</summary>
        public const int Padding = 80;

        public byte[] RentBuffer() => _buffers.TryTake(out var buffer) ? buffer : GC.AllocateUninitializedArray<byte>(BufferBytes + Padding);

        public void ReturnBuffer(byte[] buffer) => _buffers.Add(buffer);
    }

    /// <summary>The panel's dates (day numbers and dates), its symbols in ordinal order, and the first line of each chunk minus one.</summary>
    private sealed class Shape(int[] days, LocalDate[] dates, string[] symbols, SymbolTable table, int[] firstLine)
    {
        public int[] Days { get; } = days;

        public LocalDate[] Dates { get; } = dates;

        public string[] Symbols { get; } = symbols;

        public SymbolTable Table { get; } = table;

        public int[] FirstLine { get; } = firstLine;

        /// <summary>The row of each day number from the first date on (-1 for a day without a row).</summary>
        public int[] RowOfDay { get; } = RowsOf(days);

        private static int[] RowsOf(int[] days)
        {
            var rows = new int[days[^1] - days[0] + 1];
            Array.Fill(rows, -1);
            for (var i = 0; i < days.Length; i++)
            {
                rows[days[i] - days[0]] = i;
            }

            return rows;
        }
    }

    /// <summary>
    /// The panel's arrays, filled by pass 2: every cell with a row is written there, the others after it (a close of 0
    /// marks them: a row's close is above 0). Dividends other than 0 and split ratios other than 1 are events, listed
    /// per chunk (in the chunk's line order) and made into the panel's sparse columns at the end.
    /// </summary>
    private sealed class Target(Shape shape, int chunks)
    {
        public double[] Close { get; } = HugePages.Doubles(checked(shape.Dates.Length * shape.Symbols.Length));

        public double[] Cap { get; } = HugePages.Doubles(checked(shape.Dates.Length * shape.Symbols.Length));

        public SparseCells.Events?[] Dividends { get; } = new SparseCells.Events?[chunks];

        public SparseCells.Events?[] Splits { get; } = new SparseCells.Events?[chunks];

        /// <summary>The rows and columns of the cells each chunk holds (its bounding box in the panel).</summary>
        public Box[] Boxes { get; } = new Box[chunks];

        /// <summary>
        /// The chunks whose box holds one of <paramref name="cells"/> (ascending), ascending. Each box is searched
        /// the cheaper way: through the cells of its rows (a run of the ascending cells: few when the file goes date
        /// by date), or column by column through the cells ordered by column then row (few columns when the file goes
        /// symbol by symbol).
        /// </summary>
        public int[] ChunksHolding(int[] cells, int symbols)
        {
            var rows = (long)(Close.Length / Math.Max(1, symbols));
            var byColumn = cells.Select(c => ((long)(c % symbols) * rows) + (c / symbols)).Order().ToArray();
            var holding = new List<int>();
            for (var k = 0; k < Boxes.Length; k++)
            {
                var box = Boxes[k];
                if (box.MaxRow >= 0 && Holds(box))
                {
                    holding.Add(k);
                }
            }

            return [.. holding];

            bool Holds(Box box)
            {
                var from = LowerBound(cells, (long)box.MinRow * symbols);
                var to = LowerBound(cells, ((long)box.MaxRow + 1) * symbols);
                if (to - from <= box.MaxColumn - box.MinColumn + 1)
                {
                    for (var i = from; i < to; i++)
                    {
                        var column = cells[i] % symbols;
                        if (column >= box.MinColumn && column <= box.MaxColumn)
                        {
                            return true;
                        }
                    }

                    return false;
                }

                for (var column = box.MinColumn; column <= box.MaxColumn; column++)
                {
                    var at = LowerBound(byColumn, (column * rows) + box.MinRow);
                    if (at < byColumn.Length && byColumn[at] <= (column * rows) + box.MaxRow)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The first index of <paramref name="sorted"/> whose value is at least <paramref name="value"/>.</summary>
        private static int LowerBound<T>(T[] sorted, long value)
            where T : IBinaryInteger<T>
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (long.CreateTruncating(sorted[mid]) < value)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }

    /// <summary>The rows and columns of the cells of one chunk (MaxRow -1 for none).</summary>
    private readonly record struct Box(int MinRow, int MaxRow, int MinColumn, int MaxColumn);

    /// <summary>The cells whose lines the data checks ask for (ascending), and their lines once found.</summary>
    private sealed class LineRequest(int[] cells)
    {
        public int[] Cells { get; } = cells;

        public int[] Lines { get; } = new int[cells.Length];
    }

    /// <summary>A row whose market cap may disagree with close × shares, to be checked in line order.</summary>
    private readonly record struct Mismatch(int Line, int Row, int Column, double Close, double Shares, double Cap);

    /// <summary>
    /// An open-addressing map from the bytes of a symbol (ASCII, at most <see cref="MaxLength"/> bytes, held as two
    /// 64-bit words and a length) to its index in the order added.
    /// </summary>
    private sealed class SymbolTable
    {
        public const int MaxLength = 16;

        private (ulong A, ulong B, int Length)[] _keys = new (ulong, ulong, int)[16];
        private int _count;

        public int Count => _count;
        private int[] _slots = new int[64];


        public List<string> Names()
        {
            Span<byte> bytes = stackalloc byte[MaxLength];
            var names = new List<string>(_count);
            foreach (var (a, b, length) in _keys.AsSpan(0, _count))
            {
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, a);
                BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], b);
                names.Add(Encoding.ASCII.GetString(bytes[..length]));
            }

            return names;
        }

        /// <summary>
        /// The length of symbol <paramref name="index"/> when the bytes at <paramref name="at"/> are that symbol and
        /// end there (a comma or line break follows), else 0. Reads 16 bytes from <paramref name="at"/> and one after
        /// the symbol.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int MatchesAt(int index, ref byte at)
        {
            var key = _keys[index];
            var length = key.Length;
            var first = FastPriceCsv.Word(ref at);
            var equal = length <= 8
                ? (first & Low(length)) == key.A
                : first == key.A && (FastPriceCsv.Word(ref Unsafe.Add(ref at, 8)) & Low(length - 8)) == key.B;
            return equal && IsEnd(Unsafe.Add(ref at, length)) ? length : 0;
        }

        /// <summary>A mask of the low <paramref name="bytes"/> (1 to 8) bytes of a word.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Low(int bytes) => ulong.MaxValue >> (8 * (8 - bytes));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Matches(int index, ReadOnlySpan<byte> symbol)
        {
            var (a, b) = Key(symbol);
            var key = _keys[index];
            return key.A == a && key.B == b && key.Length == symbol.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Find(ReadOnlySpan<byte> symbol)
        {
            if (symbol.Length > MaxLength)
            {
                return -1;
            }

            var (a, b) = Key(symbol);
            var mask = _slots.Length - 1;
            for (var slot = Hash(a, b, symbol.Length) & mask; ; slot = (slot + 1) & mask)
            {
                var entry = _slots[slot] - 1;
                if (entry < 0)
                {
                    return -1;
                }

                var key = _keys[entry];
                if (key.A == a && key.B == b && key.Length == symbol.Length)
                {
                    return entry;
                }
            }
        }

        public void Add(ReadOnlySpan<byte> symbol)
        {
            var (a, b) = Key(symbol);
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
            }

            _keys[_count++] = (a, b, symbol.Length);
            if (_count * 2 > _slots.Length)
            {
                _slots = new int[_slots.Length * 2];
                for (var i = 0; i < _count; i++)
                {
                    Place(i);
                }
            }
            else
            {
                Place(_count - 1);
            }
        }

        private void Place(int index)
        {
            var (a, b, length) = _keys[index];
            var mask = _slots.Length - 1;
            var slot = Hash(a, b, length) & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = index + 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (ulong A, ulong B) Key(ReadOnlySpan<byte> symbol) =>
            symbol.Length <= 8 ? (Word(symbol), 0) : (BinaryPrimitives.ReadUInt64LittleEndian(symbol), Word(symbol[8..Math.Min(symbol.Length, MaxLength)]));

        /// <summary>Up to 8 bytes as a little-endian word, zero-padded.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Word(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 8)
            {
                return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            }

            ulong word = 0;
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                word = (word << 8) | bytes[i];
            }

            return word;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Hash(ulong a, ulong b, int length) =>
            (int)((((a * 0x9E3779B97F4A7C15UL) ^ (b * 0xC2B2AE3D27D4EB4FUL)) + (ulong)length) >> 40);
    }
}
