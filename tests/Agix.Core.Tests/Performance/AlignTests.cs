using Agix.Performance;
using static Agix.Tests.Performance.PerformanceData;

namespace Agix.Tests.Performance;

public sealed class AlignTests
{
    [Fact]
    public void Only_the_dates_both_series_have_are_kept()
    {
        var (dates, a, b) = Statistics.Align(
            Dates("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"), [1.0, 2, 3, 4],
            Dates("2023-12-29", "2024-01-02", "2024-01-04", "2024-01-05", "2024-01-08"), [10.0, 20, 30, 40, 50]);

        dates.Should().Equal(Dates("2024-01-02", "2024-01-04", "2024-01-05"));
        a.Should().Equal(1, 3, 4);
        b.Should().Equal(20, 30, 40);
    }

    [Fact]
    public void A_date_without_data_in_either_series_is_not_common()
    {
        var (dates, a, b) = Statistics.Align(
            Dates("2024-01-02", "2024-01-03", "2024-01-04"), [1.0, double.NaN, 3],
            Dates("2024-01-02", "2024-01-03", "2024-01-04"), [10.0, 20, double.NaN]);

        dates.Should().Equal(D("2024-01-02"));
        a.Should().Equal(1);
        b.Should().Equal(10);
    }

    [Fact]
    public void Series_without_common_dates_align_to_nothing()
    {
        var (dates, a, b) = Statistics.Align(Dates("2024-01-02"), [1.0], Dates("2024-01-03"), [2.0]);

        dates.Should().BeEmpty();
        a.Should().BeEmpty();
        b.Should().BeEmpty();
    }

    [Fact]
    public void Unsorted_dates_or_mismatched_lengths_are_rejected()
    {
        var unsorted = () => Statistics.Align(Dates("2024-01-03", "2024-01-02"), [1.0, 2], Dates("2024-01-02"), [1.0]);
        var mismatched = () => Statistics.Align(Dates("2024-01-02"), [1.0], Dates("2024-01-02"), [1.0, 2]);

        unsorted.Should().Throw<ArgumentException>().WithParameterName("dates1");
        mismatched.Should().Throw<ArgumentException>().WithParameterName("dates2");
    }
}
