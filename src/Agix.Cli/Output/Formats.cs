using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using NodaTime;

namespace Agix.Cli.Output;

/// <summary>Culture-independent number and date formatting shared by every output.</summary>
internal static class Fmt
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Date(LocalDate d) => NodaTime.Text.LocalDatePattern.Iso.Format(d);

    public static string Date(LocalDate? d) => d is { } x ? Date(x) : "-";

    /// <summary>A fraction as a percentage with <paramref name="decimals"/> decimals ("12.34 %"); "n/a" for NaN.</summary>
    public static string Pct(double x, int decimals = 2) => double.IsNaN(x) ? "n/a" : (x * 100).ToString("F" + decimals.ToString(Inv), Inv) + " %";

    /// <summary>A plain number with fixed decimals; "n/a" for NaN.</summary>
    public static string Num(double x, int decimals = 2) => double.IsNaN(x) ? "n/a" : x.ToString("F" + decimals.ToString(Inv), Inv);

    /// <summary>A large amount in billions ("1234.5 bn").</summary>
    public static string Billions(double x) => double.IsNaN(x) ? "n/a" : (x / 1e9).ToString("F1", Inv) + " bn";

    /// <summary>The shortest text that round-trips the double.</summary>
    public static string Exact(double x) => x.ToString("R", Inv);
}

/// <summary>An aligned text table: left-aligned text columns, right-aligned numeric columns.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _right = new bool[headers.Length];

    public TextTable RightAlign(params int[] columns)
    {
        foreach (var c in columns)
        {
            _right[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter w, string indent = "")
    {
        var widths = new int[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            widths[c] = Math.Max(headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        }

        void Line(string[] cells)
        {
            var sb = new StringBuilder(indent);
            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0)
                {
                    sb.Append("  ");
                }

                sb.Append(_right[c] ? cells[c].PadLeft(widths[c]) : c == cells.Length - 1 ? cells[c] : cells[c].PadRight(widths[c]));
            }

            w.WriteLine(sb.ToString().TrimEnd());
        }

        Line(headers);
        Line([.. widths.Select(x => new string('-', x))]);
        foreach (var r in _rows)
        {
            Line(r);
        }
    }
}

/// <summary>JSON output through <see cref="Utf8JsonWriter"/>: camelCase keys, invariant numbers, NaN as null.</summary>
internal static class Json
{
    public static void Write(TextWriter w, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(json);
        }

        w.Write(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
        w.Write('\n');
    }

    /// <summary>Writes a number, or null when it is NaN or infinite (undefined statistics are null, never 0).</summary>
    public static void Number(this Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void Date(this Utf8JsonWriter w, string name, LocalDate? value)
    {
        if (value is { } d)
        {
            w.WriteString(name, Fmt.Date(d));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

/// <summary>
/// CSV output through CsvHelper: LF line ends, invariant numbers, and text cells (symbols, names, themes)
/// protected against spreadsheet formula injection while numbers stay numbers.
/// </summary>
internal sealed class CsvOut : IDisposable
{
    private readonly CsvWriter _csv;

    public CsvOut(TextWriter w)
    {
        _csv = CsvWriter.Create(w, new CsvWriterOptions
        {
            NewLine = "\n",
            Injection = CsvInjection.Escape,
            FormatProvider = CultureInfo.InvariantCulture,
        }, leaveOpen: true);
    }

    public void Header(params string[] names)
    {
        foreach (var n in names)
        {
            _csv.WriteField(n);
        }

        _csv.EndRecord();
    }

    public CsvOut Text(string value)
    {
        _csv.WriteField(value);
        return this;
    }

    public CsvOut Number(double value)
    {
        if (double.IsFinite(value))
        {
            _csv.WriteField(value, "R", CultureInfo.InvariantCulture);
        }
        else
        {
            _csv.WriteField(string.Empty);
        }

        return this;
    }

    public CsvOut Date(LocalDate value)
    {
        _csv.WriteField(Fmt.Date(value));
        return this;
    }

    public void End() => _csv.EndRecord();

    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
