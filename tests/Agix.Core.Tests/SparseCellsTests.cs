namespace Agix.Tests;

/// <summary>The panel's sparse columns (dividends, split ratios): a bit per cell and the values in cell order.</summary>
public sealed class SparseCellsTests
{
    [Fact]
    public void A_cell_reads_its_value_and_every_other_cell_the_default_across_word_boundaries()
    {
        int[] cells = [1000, 0, 64, 63, 127, 128];
        double[] values = [6, 1, 3, 2, 4, 5];

        var column = SparseCells.FromEvents(1001, 1, cells, values)!;

        column.Length.Should().Be(1001);
        column.Cells.ToArray().Should().Equal(0, 63, 64, 127, 128, 1000);
        column.Values.ToArray().Should().Equal(1, 2, 3, 4, 5, 6);
        var expected = Enumerable.Repeat(1.0, 1001).ToArray();
        (expected[0], expected[63], expected[64], expected[127], expected[128], expected[1000]) = (1, 2, 3, 4, 5, 6);
        Enumerable.Range(0, 1001).Select(c => column[c]).Should().Equal(expected);
        column.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void A_cell_given_twice_or_outside_the_column_is_refused()
    {
        SparseCells.FromEvents(10, 0, [3, 5, 3], [1, 2, 3]).Should().BeNull();
        SparseCells.FromEvents(10, 0, [10], [1]).Should().BeNull();
        SparseCells.FromEvents(10, 0, [-1], [1]).Should().BeNull();
        SparseCells.FromEvents(10, 0, [], [])!.ToArray().Should().Equal(new double[10]);
    }

    [Fact]
    public void From_a_dense_column_minus_zero_is_kept_bit_for_bit_and_the_other_default_reads_as_the_default()
    {
        var dividends = SparseCells.FromDense([0, -0.0, 0.25, 0], 0);
        var splits = SparseCells.FromDense([0, 1, 4, 0.5], 1, alsoDefault: 0);

        dividends.Cells.ToArray().Should().Equal(1, 2);
        BitConverter.DoubleToInt64Bits(dividends[1]).Should().Be(BitConverter.DoubleToInt64Bits(-0.0));
        dividends[2].Should().Be(0.25);
        BitConverter.DoubleToInt64Bits(dividends[3]).Should().Be(0, "a default cell reads as +0");
        splits.ToArray().Should().Equal(1, 1, 4, 0.5);
        splits.Cells.ToArray().Should().Equal(2, 3);
    }

    [Fact]
    public void The_last_bit_of_the_last_word_and_an_empty_column_read_right()
    {
        var column = SparseCells.FromEvents(128, 0, [127, 63], [2.5, 1.5])!;

        column[127].Should().Be(2.5);
        column[63].Should().Be(1.5);
        column[126].Should().Be(0);
        column[64].Should().Be(0);
        SparseCells.FromEvents(0, 1, [], [])!.ToArray().Should().BeEmpty();
        SparseCells.FromDense([], 1).Length.Should().Be(0);
    }
}
