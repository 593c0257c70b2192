using Agix.Prices;

namespace Agix.Tests.Prices;

public sealed class HugePagesTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(3_000_001)]
    public void A_panel_column_is_an_ordinary_zeroed_array_of_the_length_asked_that_keeps_what_is_written(int length)
    {
        var column = HugePages.Doubles(length);

        column.Should().HaveCount(length);
        column.Should().OnlyContain(v => BitConverter.DoubleToInt64Bits(v) == 0, "a fresh column reads as +0.0 everywhere");
        for (var i = 0; i < length; i += 4093)
        {
            column[i] = i * 0.25;
        }

        column[^1] = -1.5;
        var wrong = Enumerable.Range(0, length - 1).Count(i => column[i] != (i % 4093 == 0 ? i * 0.25 : 0));
        wrong.Should().Be(0);

        column[^1].Should().Be(-1.5);
    }
}
