using Agix.Prices;

namespace Agix.Tests.Prices;

/// <summary>
/// The data checks on the real 2022–2025 data in ../shared/data/market. Skipped (with the reason) when the shared data
/// is absent, failed under CI=true.
/// </summary>
public sealed class DataChecksRealDataTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("prices.csv", true)]
    [InlineData("benchmarks.csv", false)]
    public void The_real_data_raises_no_data_check_warning(string file, bool requireMarketCap)
    {
        var market = SharedData.RequireMarketDirectory();
        var bag = new DiagnosticBag();

        var panel = PriceCsv.Read(Path.Combine(market, file), file, requireMarketCap, bag);

        panel.Should().NotBeNull();
        bag.ErrorCount.Should().Be(0);
        bag.Warnings.Should().BeEmpty("its seven splits are all recorded on their ex-dates, its market caps are close × shares, and no close repeats for 10 days");
    }

    [Fact]
    public void Nvda_divided_by_10_without_a_split_row_is_reported_on_its_first_day()
    {
        var market = SharedData.RequireMarketDirectory();
        var prices = Path.Combine(_files.Folder, "prices.csv");
        var line = RealDataEdits.WriteNvdaWithoutSplitRow(market, prices);

        var data = IndexData.Load(new DataPaths(prices, Path.Combine(market, "benchmarks.csv"), RepoFiles.Path("data", "universe.csv"), RepoFiles.Path("data", "methodology.json")), Path.GetFileName);

        // A real day's move (+5.1 %) comes on top of the division, so the ratio is 0.1051: beyond 3 % of 1/10, a fall of more than 60 %.
        data.Warnings.Should().ContainSingle().Which.ToString().Should().Be(
            $"prices.csv:{line}: warning: NVDA 2023-06-01: close 39.77 is 0.1051 × the previous close 378.34 (2023-05-31) with split_ratio 1: a fall of more than 60 % in a day (previous / close = 9.51): an unrecorded split or a data error");
    }
}
