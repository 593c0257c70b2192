using System.Globalization;
using NodaTime;

namespace Agix.Tests.Weighting;

/// <summary>
/// The AGIX fund's categories (hardware, infrastructure, applications at 40/40/20) with the score-blend scheme on the
/// real 2022–2025 data and a scores file made here: budgets and caps hold at every rebalance, and one rebalance
/// matches a computation by hand (an independent iterative water-filling).
/// </summary>
public sealed class ScoreBlendRealDataTests : IDisposable
{
    private static readonly string[] Hardware = ["NVDA", "AMD", "TSM", "INTC", "AAPL", "QCOM", "ARM", "TSLA", "DELL", "MU"];
    private static readonly string[] Infrastructure = ["MSFT", "AMZN", "GOOGL", "META", "ORCL", "AVGO", "ANET", "MRVL", "CSCO"];
    private static readonly string[] Applications = ["NOW", "CRM", "ADBE", "PLTR", "SNOW", "DDOG", "CRWD"];

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A made-up score: 0.1 … 0.9 from the symbol's letters, different from 2024 on.</summary>
    private static double Score(string symbol, int year) => ((symbol.Sum(c => c) + (year >= 2024 ? 3 : 0)) % 9 + 1) / 10.0;

    private (IndexData Data, string Prices) Load()
    {
        var market = SharedData.RequireMarketDirectory();
        var universe = _files.Write("universe.csv", "symbol,name,theme\n" + string.Concat(
            Hardware.Select(s => $"{s},{s},hardware\n").Concat(Infrastructure.Select(s => $"{s},{s},infrastructure\n")).Concat(Applications.Select(s => $"{s},{s},applications\n"))));
        var methodology = _files.Write("methodology.json", """
            { "name": "AGIX categories, score blend",
              "weighting": { "scheme": "score-blend", "scoreWeight": 0.7, "stockCap": 0.10,
                             "themeBudgets": { "hardware": 0.4, "infrastructure": 0.4, "applications": 0.2 } } }
            """);
        var scores = _files.Write("scores.csv", "date,symbol,score\n" + string.Concat(
            Hardware.Concat(Infrastructure).Concat(Applications).SelectMany(s => new[] { $"2022-01-03,{s},{Score(s, 2022).ToString(CultureInfo.InvariantCulture)}\n", $"2024-01-02,{s},{Score(s, 2024).ToString(CultureInfo.InvariantCulture)}\n" })));
        var prices = Path.Combine(market, "prices.csv");
        var data = IndexData.Load(new DataPaths(prices, null, universe, methodology) { Scores = scores });
        return (data, prices);
    }

    [Fact]
    public void Every_rebalance_holds_the_budgets_and_the_cap_exactly()
    {
        var (data, _) = Load();

        var index = IndexCalculator.Compute(data);

        index.Rebalances.Should().HaveCount(14);
        foreach (var r in index.Rebalances)
        {
            foreach (var (theme, budget) in new[] { ("hardware", 0.4), ("infrastructure", 0.4), ("applications", 0.2) })
            {
                r.Constituents.Where(c => c.Theme.Name == theme).Sum(c => c.Weight).Should().BeApproximately(budget, 1e-12, $"{theme} on {r.Date}");
            }

            r.Constituents.Should().OnlyContain(c => c.Weight <= 0.10 + 1e-12);
        }
    }

    [Fact]
    public void The_june_2024_rebalance_matches_a_hand_computation()
    {
        var (data, pricesPath) = Load();
        var t = new LocalDate(2024, 6, 21);
        var s = new LocalDate(2024, 6, 13);

        var rebalance = IndexCalculator.RebalanceOn(data, t);

        // By hand: market caps on S from the file, scores as of S (the 2024 ones), eligible when there is a close on S and T.
        var rows = File.ReadLines(pricesPath).Skip(1).Select(l => l.Split(',')).ToList();
        var capOnS = rows.Where(f => f[0] == "2024-06-13").ToDictionary(f => f[1], f => double.Parse(f[6], CultureInfo.InvariantCulture));
        var tradesOnT = rows.Where(f => f[0] == "2024-06-21").Select(f => f[1]).ToHashSet();
        rebalance.SelectionDate.Should().Be(s);
        var expected = new Dictionary<string, double>();
        foreach (var (names, budget) in new[] { (Hardware, 0.4), (Infrastructure, 0.4), (Applications, 0.2) })
        {
            var eligible = names.Where(n => capOnS.ContainsKey(n) && tradesOnT.Contains(n)).ToArray();
            var capSum = eligible.Sum(n => capOnS[n]);
            var scoreSum = eligible.Sum(n => Score(n, 2024));
            var blend = eligible.ToDictionary(n => n, n => (0.3 * capOnS[n] / capSum) + (0.7 * Score(n, 2024) / scoreSum));
            foreach (var (name, weight) in WaterFillByIteration(blend, budget, 0.10))
            {
                expected[name] = weight;
            }
        }

        rebalance.Constituents.ToDictionary(c => c.Symbol, c => c.Weight).Should().BeEquivalentTo(expected, o => o.Using<double>(x => x.Subject.Should().BeApproximately(x.Expectation, 1e-12)).WhenTypeIs<double>());
    }

    /// <summary>The textbook rule: cap the names above the cap, share what is left among the others pro rata, repeat.</summary>
    private static Dictionary<string, double> WaterFillByIteration(Dictionary<string, double> values, double total, double cap)
    {
        var capped = new HashSet<string>();
        while (true)
        {
            var free = values.Where(v => !capped.Contains(v.Key)).ToList();
            var left = total - (capped.Count * cap);
            var sum = free.Sum(v => v.Value);
            var over = free.Where(v => left * v.Value / sum > cap).Select(v => v.Key).ToList();
            if (over.Count == 0)
            {
                return values.ToDictionary(v => v.Key, v => capped.Contains(v.Key) ? cap : left * v.Value / sum);
            }

            capped.UnionWith(over);
        }
    }
}
