using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Agix.Tests.DataPull;

/// <summary>A served dei:EntityCommonStockSharesOutstanding value, as a client reads it.</summary>
internal sealed record ServedFact(LocalDate End, long Val, string Accn, LocalDate Filed);

/// <summary>The client's point-in-time rule, written independently of the server as a reference: the count known
/// on d is the latest filing's with filed &lt;= d (values with the same accn and end are share classes: summed),
/// times the ratio of every split with an ex-date after its end and on or before d.</summary>
internal static class PointInTimeShares
{
    public static IReadOnlyList<ServedFact> Parse(JsonElement companyFacts) =>
    [
        .. companyFacts.GetProperty("facts").GetProperty("dei").GetProperty("EntityCommonStockSharesOutstanding")
            .GetProperty("units").GetProperty("shares").EnumerateArray()
            .Select(fact => new ServedFact(
                Date(fact.GetProperty("end").GetString()),
                fact.GetProperty("val").GetInt64(),
                fact.GetProperty("accn").GetString()!,
                Date(fact.GetProperty("filed").GetString()))),
    ];

    /// <summary>The split events of a Yahoo chart answer: (ex-date in New York, numerator / denominator).</summary>
    public static IReadOnlyList<(LocalDate ExDate, decimal Ratio)> Splits(JsonElement chart)
    {
        var result = chart.GetProperty("chart").GetProperty("result")[0];
        if (!result.TryGetProperty("events", out var events) || !events.TryGetProperty("splits", out var splits))
        {
            return [];
        }

        return
        [
            .. splits.EnumerateObject().Select(split => (
                YahooChart.NewYorkDate(split.Value.GetProperty("date").GetInt64()),
                (decimal)split.Value.GetProperty("numerator").GetDouble() / (decimal)split.Value.GetProperty("denominator").GetDouble())),
        ];
    }

    public static long? On(IReadOnlyList<ServedFact> facts, IReadOnlyList<(LocalDate ExDate, decimal Ratio)> splits, LocalDate date)
    {
        var known = facts.Where(fact => fact.Filed <= date).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var latestFiled = known.Max(fact => fact.Filed);
        var filing = known.Where(fact => fact.Filed == latestFiled).GroupBy(fact => (fact.Accn, fact.End)).MaxBy(group => group.Key.End)!;
        var count = (decimal)filing.Sum(fact => fact.Val);
        foreach (var (exDate, ratio) in splits)
        {
            if (exDate > filing.Key.End && exDate <= date)
            {
                count *= ratio;
            }
        }

        return (long)count;
    }

    /// <summary>The --shares file rule: the count of the latest row dated on or before d, times the splits after its date.</summary>
    public static long? FromSharesFile(IReadOnlyList<string> lines, string symbol, IReadOnlyList<(LocalDate ExDate, decimal Ratio)> splits, LocalDate date)
    {
        var row = lines.Skip(1).Select(line => line.Split(','))
            .Where(cells => cells[0] == symbol && Date(cells[1]) <= date)
            .MaxBy(cells => Date(cells[1]));
        if (row is null)
        {
            return null;
        }

        var count = decimal.Parse(row[2], CultureInfo.InvariantCulture);
        foreach (var (exDate, ratio) in splits)
        {
            if (exDate > Date(row[1]) && exDate <= date)
            {
                count *= ratio;
            }
        }

        return (long)count;
    }

    private static LocalDate Date(string? text) => LocalDatePattern.Iso.Parse(text!).Value;
}
