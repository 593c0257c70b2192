using System.Numerics;
using System.Runtime.CompilerServices;

namespace Agix;

/// <summary>
/// A column of the panel that nearly always holds one value (a dividend of 0, a split ratio of 1), laid out like the
/// panel: one bit per cell says whether the cell holds another value, and those values are kept in cell order. A
/// dense array would cost 8 bytes a cell, and the pages of memory behind it even where nothing happens (every
/// date row of a large universe has a dividend somewhere); this costs 1.06 bits a cell and 12 bytes an event.
/// </summary>
internal sealed class SparseCells
{
    private readonly ulong[] _bits;
    private readonly int[] _before;
    private readonly int[] _cells;
    private readonly double[] _values;
    private readonly double _default;

    private SparseCells(int length, double @default, int[] cells, double[] values)
    {
        Length = length;
        _default = @default;
        _cells = cells;
        _values = values;
        _bits = new ulong[(length + 63) >> 6];
        _before = new int[_bits.Length];
        foreach (var cell in cells)
        {
            _bits[cell >> 6] |= 1UL << cell;
        }

        var count = 0;
        for (var w = 0; w < _bits.Length; w++)
        {
            _before[w] = count;
            count += BitOperations.PopCount(_bits[w]);
        }
    }

    /// <summary>The number of cells.</summary>
    public int Length { get; }

    /// <summary>The cells that hold another value than the default, ascending.</summary>
    public ReadOnlySpan<int> Cells => _cells;

    /// <summary>The values of <see cref="Cells"/>, in the same order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The value of a cell.</summary>
    public double this[int cell]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            System.Diagnostics.Debug.Assert((uint)cell < (uint)Length, "a cell of the column");
            var word = _bits[cell >> 6];
            var mask = 1UL << cell; // the shift counts modulo 64
            return (word & mask) == 0 ? _default : _values[_before[cell >> 6] + BitOperations.PopCount(word & (mask - 1))];
        }
    }

    /// <summary>
    /// The cells of <paramref name="dense"/> that are not <paramref name="default"/>: bit for bit, so that a dividend
    /// of −0 is kept as written; <paramref name="alsoDefault"/> is another value read as the default (a split ratio
    /// of 0 stands for 1).
    /// </summary>
    public static SparseCells FromDense(double[] dense, double @default, double? alsoDefault = null)
    {
        var cells = new List<int>();
        var values = new List<double>();
        var bits = BitConverter.DoubleToInt64Bits(@default);
        var other = alsoDefault is { } a ? BitConverter.DoubleToInt64Bits(a) : bits;
        for (var i = 0; i < dense.Length; i++)
        {
            var b = BitConverter.DoubleToInt64Bits(dense[i]);
            if (b != bits && b != other)
            {
                cells.Add(i);
                values.Add(dense[i]);
            }
        }

        return new SparseCells(dense.Length, @default, [.. cells], [.. values]);
    }

    /// <summary>
    /// The column of <paramref name="length"/> cells that holds <paramref name="values"/> at <paramref name="cells"/>
    /// (in any order; they are sorted here) and <paramref name="default"/> elsewhere. Null when a cell is given twice or
    /// is out of range.
    /// </summary>
    public static SparseCells? FromEvents(int length, double @default, int[] cells, double[] values)
    {
        var sorted = true;
        for (var i = 1; i < cells.Length && sorted; i++)
        {
            sorted = cells[i] > cells[i - 1];
        }

        if (!sorted)
        {
            Array.Sort(cells, values);
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if ((uint)cells[i] >= (uint)length || (i > 0 && cells[i] == cells[i - 1]))
            {
                return null;
            }
        }

        return new SparseCells(length, @default, cells, values);
    }

    /// <summary>
    /// The column of <paramref name="length"/> cells made of the events of <paramref name="parts"/> (a reader's
    /// chunks, in any order), <paramref name="default"/> elsewhere; null when a cell is given twice or is out of range.
    /// </summary>
    public static SparseCells? FromEvents(int length, double @default, IReadOnlyCollection<Events?> parts)
    {
        var count = parts.Sum(e => e?.Count ?? 0);
        var cells = new int[count];
        var values = new double[count];
        var at = 0;
        foreach (var e in parts)
        {
            if (e is not null)
            {
                e.CopyTo(cells, values, at);
                at += e.Count;
            }
        }

        return FromEvents(length, @default, cells, values);
    }

    /// <summary>Every cell, as a dense array (tests and small panels).</summary>
    public double[] ToArray()
    {
        var dense = new double[Length];
        Array.Fill(dense, _default);
        for (var i = 0; i < _cells.Length; i++)
        {
            dense[_cells[i]] = _values[i];
        }

        return dense;
    }

    /// <summary>The events of a column in the making (a reader's rows with a dividend, or with a split), in the order found.</summary>
    internal sealed class Events
    {
        private readonly List<int> _cells = [];
        private readonly List<double> _values = [];

        public int Count => _cells.Count;

        public void Add(int cell, double value)
        {
            _cells.Add(cell);
            _values.Add(value);
        }

        public void CopyTo(int[] cells, double[] values, int at)
        {
            _cells.CopyTo(cells, at);
            _values.CopyTo(values, at);
        }
    }
}
