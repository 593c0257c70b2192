using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Agix.Prices;

/// <summary>
/// An input CSV file read record by record, with the checks that come before any value is read: the header (empty,
/// duplicated or not UTF-8 column names), and for each record its size (at most <see cref="PriceCsv.MaxRecordBytes"/>),
/// its quoting (a quote left open), its bytes (UTF-8 only: CsvHelper would silently replace invalid bytes with U+FFFD) and its field count
/// (no fewer than the required columns need, no more than the header has). A record that fails a check is reported
/// with its line (and column where one applies) and skipped, so the caller only sees records whose fields can be read.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private readonly CsvReader _csv;
    private readonly string _name;
    private readonly DiagnosticBag _bag;
    private readonly Queue<CsvMalformedRecord> _malformed = new();
    private bool _stopped;

    private CsvInput(string path, string name, DiagnosticBag bag)
    {
        _name = name;
        _bag = bag;
        _csv = CsvReader.FromFile(path, PriceCsv.Options() with { OnMalformedRecord = _malformed.Enqueue });
    }

    /// <summary>The reader, positioned on the current record.</summary>
    public CsvReader Reader => _csv;

    /// <summary>The 1-based line where the current record starts.</summary>
    public int Line => (int)_csv.LineNumber;

    /// <summary>The header names as they appear in the file (a byte order mark removed, trimmed).</summary>
    public IReadOnlyList<string> Headers { get; private set; } = [];

    /// <summary>Opens a file. Throws what <see cref="CsvReader.FromFile"/> throws (I/O errors).</summary>
    public static CsvInput Open(string path, string name, DiagnosticBag bag) => new(path, name, bag);

    /// <summary>
    /// Reads the header line and maps each column name (case-insensitively) to its 0-based index. Reports a name that
    /// appears twice and a name that is not UTF-8. Returns an empty map for an empty file (reported as
    /// <paramref name="emptyHint"/>) and null when the header could not be read at all.
    /// </summary>
    public Dictionary<string, int>? ReadHeader(string emptyHint)
    {
        IReadOnlyList<string> raw;
        try
        {
            raw = _csv.Headers;
        }
        catch (CsvFormatException ex) when (IsTooLong(ex))
        {
            _bag.Error(_name, 1, 0, TooLong);
            return null;
        }

        Headers = [.. raw.Select(h => h.Trim().TrimStart('\uFEFF').Trim())];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (Headers.Count == 0 || (Headers.Count == 1 && Headers[0].Length == 0))
        {
            _bag.Error(_name, 1, 0, $"the file is empty: expected a header line such as {emptyHint}");
            return index;
        }

        while (_malformed.TryPeek(out var m) && m.RecordNumber <= 1)
        {
            _malformed.Dequeue();
            if (IsUnclosed(m.Reason))
            {
                _bag.Error(_name, 1, Headers.Count, $"the header line: {Describe(m.Reason)}");
            }
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            var h = Headers[i];
            if (h.Contains('\uFFFD', StringComparison.Ordinal))
            {
                _bag.Error(_name, 1, i + 1, "the column name is not valid UTF-8; save the file as UTF-8");
            }
            else if (h.Length > 0 && !index.TryAdd(h, i))
            {
                _bag.Error(_name, 1, i + 1, $"column '{h}' appears twice (columns {index[h] + 1} and {i + 1})");
            }
        }

        return index;
    }

    /// <summary>
    /// Advances to the next record that passes the record checks, reporting and skipping the others. False at the end
    /// of the input, or when the reader cannot go on (a record too long to buffer, reported).
    /// </summary>
    /// <param name="requiredFields">The fewest fields a record needs (the index of the last required column + 1).</param>
    public bool Read(int requiredFields)
    {
        while (!_stopped)
        {
            try
            {
                if (!_csv.Read())
                {
                    return false;
                }
            }
            catch (CsvFormatException ex) when (IsTooLong(ex))
            {
                _bag.Error(_name, (int)Math.Max(ex.LineNumber, 1), 0, $"{TooLong}; the rest of the file was not read");
                _stopped = true;
                return false;
            }

            if (Check(requiredFields))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an exception means the file could not be read (malformed beyond recovery, I/O, permissions).</summary>
    public static bool IsReadFailure(Exception ex) => ex is CsvFormatException or IOException or UnauthorizedAccessException;

    /// <summary>Reports a read failure (see <see cref="IsReadFailure"/>) with the line where it applies.</summary>
    public static void ReportReadFailure(DiagnosticBag bag, string name, Exception ex)
    {
        switch (ex)
        {
            case CsvFormatException format:
                bag.Error(name, (int)Math.Max(format.LineNumber, 1), 0, PriceCsv.Plain(format.Message));
                break;
            case UnauthorizedAccessException:
                bag.Error(name, 0, 0, "cannot be read: permission denied");
                break;
            default:
                bag.Error(name, 0, 0, $"cannot be read: {ex.Message}");
                break;
        }
    }

    /// <summary>Reports required columns missing from the header, with what the header does hold.</summary>
    public void ReportMissing(IReadOnlyList<string> missing)
    {
        var single = Headers.Count == 1 && (Headers[0].Contains(';', StringComparison.Ordinal) || Headers[0].Contains('\t', StringComparison.Ordinal));
        var hint = single
            ? "; the header has a single column: the delimiter must be a comma"
            : $" (the header has: {string.Join(", ", Headers.Select(h => h.Trim()))})";
        _bag.Error(_name, 1, 0, $"missing required column(s): {string.Join(", ", missing)}{hint}");
    }

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();

    private static string TooLong => string.Create(CultureInfo.InvariantCulture, $"the record is longer than {PriceCsv.MaxRecordBytes} bytes (the limit for one line)");

    private static bool IsTooLong(CsvFormatException ex) => ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal);

    private bool Check(int requiredFields)
    {
        var line = Line;
        var raw = _csv.RawRecord;
        CsvMalformedRecord? malformed = null;
        while (_malformed.TryPeek(out var m) && m.LineNumber <= line)
        {
            _malformed.Dequeue();
            if (m.LineNumber == line)
            {
                malformed = m;
            }
        }

        if (raw.Length > PriceCsv.MaxRecordBytes)
        {
            _bag.Error(_name, line, 0, TooLong);
            return false;
        }

        if (malformed is { } bad && IsUnclosed(bad.Reason))
        {
            // The reader recovers by running the open field to the end of the line: it is the last one.
            _bag.Error(_name, line, _csv.FieldCount, Describe(bad.Reason));
            return false;
        }

        if (!Utf8.IsValid(raw))
        {
            var reported = false;
            for (var i = 0; i < _csv.FieldCount; i++)
            {
                var field = _csv.GetSpan(i);
                if (!Utf8.IsValid(field))
                {
                    var at = FirstInvalidByte(field);
                    _bag.Error(_name, line, i + 1, string.Create(CultureInfo.InvariantCulture, $"{ColumnName(i)} is not valid UTF-8 (byte 0x{field[at]:X2} at position {at + 1} of the field); save the file as UTF-8"));
                    reported = true;
                }
            }

            if (!reported)
            {
                _bag.Error(_name, line, 0, "the line is not valid UTF-8; save the file as UTF-8");
            }

            return false;
        }

        var count = _csv.FieldCount;
        if (count < requiredFields)
        {
            _bag.Error(_name, line, 0, $"the row has {count} field(s), expected at least {requiredFields} (is the line cut short?)");
            return false;
        }

        if (count > Headers.Count)
        {
            _bag.Error(_name, line, 0, $"the row has {count} fields but the header has {Headers.Count}; is there an unquoted comma, such as a decimal comma or a thousands separator?");
            return false;
        }

        return true;
    }

    private string ColumnName(int i) => i < Headers.Count && Headers[i].Length > 0 ? Headers[i] : $"field {i + 1}";

    /// <summary>
    /// Whether a quoting problem breaks the record apart: a quote left open. A stray quote inside a field, or text after
    /// a closing quote, is kept as text (a company name may hold one); in a number or a date it fails to parse there.
    /// </summary>
    private static bool IsUnclosed(CsvMalformedReason reason) =>
        reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes;

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed: the file ends inside quotes (is the last line cut short?)",
        CsvMalformedReason.LineBreakInQuotes => "a quoted field is not closed on its line (a missing closing quote)",
        _ => $"malformed record ({reason})",
    };

    private static int FirstInvalidByte(ReadOnlySpan<byte> s)
    {
        var at = 0;
        while (at < s.Length && Rune.DecodeFromUtf8(s[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return Math.Min(at, s.Length - 1);
    }
}
