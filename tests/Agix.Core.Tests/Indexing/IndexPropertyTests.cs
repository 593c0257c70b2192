using System.Globalization;
using System.Text;
using Agix.Indexing;
using Agix.Prices;
using CsCheck;
using NodaTime;

namespace Agix.Tests.Indexing;

/// <summary>
/// Invariants of the level engine on random panels: random prices, dividends, splits (forward and reverse), names
/// whose data ends early, and random rebalance dates.
/// </summary>
public sealed class IndexPropertyTests
{
    private static readonly LocalDate Start = new(2024, 1, 1);

    /// <summary>A random market: raw closes with split rows, the split-adjusted equivalent, dividends, caps.</summary>
    private sealed record Market(LocalDate[] Dates, string[] Symbols, double[,] Raw, double[,] Adjusted, double[,] Cap, double[,] Dividend, double[,] AdjustedDividend, double[,] Split, int[] Rebalances, int Seed);

    private static readonly Gen<Market> Markets = Gen.Int.Select(seed =>
    {
        var rng = new Random(seed);
        int n = rng.Next(1, 7), days = rng.Next(10, 50);
        var dates = Enumerable.Range(0, days).Select(i => Start.PlusDays(i)).ToArray();
        var symbols = Enumerable.Range(0, n).Select(i => $"S{i}").ToArray();
        var raw = new double[days, n];
        var cap = new double[days, n];
        var dividend = new double[days, n];
        var split = new double[days, n];
        double[] ratios = [2, 3, 10, 10000, 0.5, 0.01];
        for (var s = 0; s < n; s++)
        {
            var price = Math.Pow(10, rng.NextDouble() * 6 - 2);
            var shares = Math.Pow(10, 6 + (rng.NextDouble() * 4));
            var end = s > 0 && rng.NextDouble() < 0.3 ? rng.Next(2, days) : days;
            for (var d = 0; d < days; d++)
            {
                split[d, s] = 1;
                if (d >= end)
                {
                    raw[d, s] = cap[d, s] = double.NaN;
                    continue;
                }

                if (d > 0 && rng.NextDouble() < 0.05)
                {
                    var r = ratios[rng.Next(ratios.Length)];
                    split[d, s] = r;
                    price /= r;
                    shares *= r;
                }

                price *= Math.Exp((rng.NextDouble() - 0.5) * 0.08);
                raw[d, s] = price;
                cap[d, s] = price * shares;
                dividend[d, s] = rng.NextDouble() < 0.05 ? price * 0.01 : 0;
            }
        }

        // Split-adjusted: divide every close (and dividend) before a split by the ratios of the later splits.
        var adjusted = new double[days, n];
        var adjustedDividend = new double[days, n];
        for (var s = 0; s < n; s++)
        {
            var factor = 1.0;
            for (var d = days - 1; d >= 0; d--)
            {
                adjusted[d, s] = raw[d, s] / factor;
                adjustedDividend[d, s] = dividend[d, s] / factor;
                factor *= split[d, s];
            }
        }

        var rebalances = Enumerable.Range(1, days - 1).Where(_ => rng.NextDouble() < 0.15).ToArray();
        return new Market(dates, symbols, raw, adjusted, cap, dividend, adjustedDividend, split, rebalances, seed);
    });

    private static readonly Methodology MarketCapWeighted = Methodology.Default with
    {
        BaseDate = Start,
        WeightingRules = new WeightingRules(WeightingScheme.MarketCap, null, null, WeightingRules.DefaultBudgets),
    };

    private static UniverseMember[] Universe(Market m) => [.. m.Symbols.Select(s => new UniverseMember(s, s, Theme.Compute))];

    private static IndexResult Compute(PricePanel panel, Market m)
    {
        var schedule = m.Rebalances.Where(d => !double.IsNaN(m.Raw[d, 0])).Select(d => new RebalanceDate(m.Dates[d], m.Dates[d - 1])).ToList();
        return IndexEngine.Compute(panel, Universe(m), MarketCapWeighted, new RebalanceDate(Start, Start), schedule, m.Dates[^1]);
    }

    private static IndexResult Raw(Market m) => Compute(PricePanel.Create(m.Dates, m.Symbols, m.Raw, m.Cap, m.Dividend, m.Split), m);

    [Fact]
    public void The_level_never_jumps_across_rebalances_splits_and_deletions()
    {
        Markets.Sample(m =>
        {
            var index = Raw(m);
            for (var t = 1; t < index.Dates.Count; t++)
            {
                // Independent expectation: the weighted split-adjusted return of the names held at the previous close.
                double expected = 0;
                for (var k = 0; k < index.Symbols.Count; k++)
                {
                    var s = Array.IndexOf(m.Symbols, index.Symbols[k]);
                    var w = index.Weight(t - 1, k);
                    if (w > 0)
                    {
                        expected += w * ((m.Adjusted[t, s] / m.Adjusted[t - 1, s]) - 1);
                    }
                }

                var actual = (index.PriceReturn[t] / index.PriceReturn[t - 1]) - 1;
                if (Math.Abs(actual - expected) > 1e-9)
                {
                    throw new InvalidOperationException($"seed {m.Seed}, day {t}: index moved {actual}, constituents {expected}");
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Gross_total_return_is_at_least_price_return_when_dividends_are_not_negative()
    {
        Markets.Sample(m =>
        {
            var index = Raw(m);
            for (var t = 0; t < index.Dates.Count; t++)
            {
                if (index.GrossTotalReturn[t] < index.PriceReturn[t] * (1 - 1e-12) || index.NetTotalReturn[t] < index.PriceReturn[t] * (1 - 1e-12) || index.GrossTotalReturn[t] < index.NetTotalReturn[t] * (1 - 1e-12))
                {
                    throw new InvalidOperationException($"seed {m.Seed}, day {t}");
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Raw_prices_with_split_rows_give_the_same_levels_as_split_adjusted_prices_without_them()
    {
        Markets.Sample(m =>
        {
            var raw = Raw(m);
            var adjusted = Compute(PricePanel.Create(m.Dates, m.Symbols, m.Adjusted, m.Cap, m.AdjustedDividend), m);
            for (var t = 0; t < raw.Dates.Count; t++)
            {
                foreach (var type in new[] { ReturnType.Price, ReturnType.Gross, ReturnType.Net })
                {
                    var a = raw.Levels(type)[t];
                    var b = adjusted.Levels(type)[t];
                    if (Math.Abs(a - b) > 1e-9 * b)
                    {
                        throw new InvalidOperationException($"seed {m.Seed}, day {t}, {type}: {a} vs {b}");
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void The_row_order_of_the_price_file_does_not_change_a_single_bit_of_the_result()
    {
        Markets.Sample(m =>
        {
            var rows = new List<string>();
            for (var d = 0; d < m.Dates.Length; d++)
            {
                for (var s = 0; s < m.Symbols.Length; s++)
                {
                    if (!double.IsNaN(m.Raw[d, s]))
                    {
                        rows.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Dates[d]:uuuu-MM-dd},{m.Symbols[s]},{m.Raw[d, s]:R},{m.Cap[d, s]:R},{m.Dividend[d, s]:R},{m.Split[d, s]:R}"));
                    }
                }
            }

            var shuffled = rows.OrderBy(_ => Random.Shared.Next()).ToList();
            var a = Compute(Read(rows), m);
            var b = Compute(Read(shuffled), m);
            if (!a.GrossTotalReturn.SequenceEqual(b.GrossTotalReturn) || !a.PriceReturn.SequenceEqual(b.PriceReturn))
            {
                throw new InvalidOperationException($"seed {m.Seed}: row order changed the levels");
            }
        }, iter: 100);
    }

    private static PricePanel Read(IEnumerable<string> rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"agix-prop-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "date,symbol,close,market_cap,dividend,split_ratio\n" + string.Join('\n', rows) + "\n", Encoding.UTF8);
            var bag = new DiagnosticBag();
            return PriceCsv.Read(path, "prices.csv", requireMarketCap: true, bag) ?? throw new InvalidOperationException(string.Join("; ", bag.Errors));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
