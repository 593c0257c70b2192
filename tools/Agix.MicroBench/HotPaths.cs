using System.Globalization;
using System.Text;
using Agix.Prices;
using Agix.Weighting;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace Agix.MicroBench;

/// <summary>
/// The hot paths of reading and computing an index of many names: a price row read (parsed, placed in the panel and
/// checked, per row of a 20,000-row file), the water-filling of 1,000 capped names, one index day of 1,000 members,
/// and the statistics of a series of 5,000 daily returns.
/// </summary>
[MemoryDiagnoser]
public class HotPaths
{
    private const int Rows = 20_000;
    private const int Members = 1_000;
    private const int IndexDays = 260;

    private string _prices = string.Empty;
    private double[] _caps = [];
    private IndexData _data = null!;
    private LocalDate[] _statDates = [];
    private double[] _statLevels = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12);

        // 100 symbols x 200 weekdays, in the bundled file's columns.
        _prices = Path.Combine(Path.GetTempPath(), $"agix-microbench-{Environment.ProcessId}.csv");
        var text = new StringBuilder("date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap\n");
        var day = new LocalDate(2024, 1, 1);
        for (var d = 0; d < Rows / 100; d++, day = day.PlusDays(day.DayOfWeek == IsoDayOfWeek.Friday ? 3 : 1))
        {
            for (var s = 0; s < 100; s++)
            {
                var close = Math.Round(50 + (random.NextDouble() * 100), 2);
                text.Append(CultureInfo.InvariantCulture, $"{day:uuuu-MM-dd},S{s:D3},{close:0.00},0,1,1000000000,{close * 1e9:0}\n");
            }
        }

        File.WriteAllText(_prices, text.ToString());

        _caps = [.. Enumerable.Range(0, Members).Select(_ => Math.Exp(random.NextDouble() * 8) * 1e9)];

        // 1,000 members over a year of trading days from the base date (and the selection days before it).
        var dates = new List<LocalDate>();
        var baseDate = new LocalDate(2022, 11, 30);
        for (var d = new LocalDate(2022, 11, 1); dates.Count(x => x >= baseDate) < IndexDays + 1; d = d.PlusDays(1))
        {
            if (NyseCalendar.IsTradingDay(d))
            {
                dates.Add(d);
            }
        }

        var close2 = new double[dates.Count, Members];
        var cap2 = new double[dates.Count, Members];
        var symbols = Enumerable.Range(0, Members).Select(i => $"M{i:D4}").ToArray();
        for (var s = 0; s < Members; s++)
        {
            var price = 100.0;
            for (var d = 0; d < dates.Count; d++)
            {
                price *= 1 + ((random.NextDouble() - 0.5) * 0.04);
                close2[d, s] = price;
                cap2[d, s] = price * 1e7 * (1 + s);
            }
        }

        Theme[] themes = [Theme.Compute, Theme.Cloud, Theme.Edge, Theme.Interconnect, Theme.Software];
        var universe = symbols.Select((s, i) => new UniverseMember(s, s, themes[i % themes.Length])).ToArray();
        _data = IndexData.Create(PricePanel.Create(dates, symbols, close2, cap2), universe);

        _statDates = new LocalDate[5_001];
        _statLevels = new double[5_001];
        var level = 1000.0;
        for (var i = 0; i < _statDates.Length; i++)
        {
            _statDates[i] = new LocalDate(2006, 1, 2).PlusDays(i * 7 / 5);
            level *= 1 + ((random.NextDouble() - 0.49) * 0.03);
            _statLevels[i] = level;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_prices);

    /// <summary>One row of a price file: parsed, placed in the panel, checked (per row of a 20,000-row file).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public PricePanel? ReadPriceRow() => PriceCsv.Read(_prices, "prices.csv", requireMarketCap: true, new DiagnosticBag());

    /// <summary>Capped weights of 1,000 names (a 0.2 % cap on a total of 1, binding on many names).</summary>
    [Benchmark]
    public double[] WaterFilling1000() => WaterFilling.Cap(_caps, total: 1.0, cap: 0.002, "bench");

    /// <summary>One index day of 1,000 members (per day of a year of daily levels, quarterly rebalances included).</summary>
    [Benchmark(OperationsPerInvoke = IndexDays)]
    public IndexResult IndexDay() => IndexCalculator.Compute(_data);

    /// <summary>The statistics of a series of 5,000 daily returns.</summary>
    [Benchmark]
    public SeriesStatistics Statistics5000() => Statistics.Compute(_statDates, _statLevels, 0.02);
}
