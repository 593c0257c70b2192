using System.Collections.Frozen;
using Agix.Prices;
using NodaTime;

namespace Agix;

/// <summary>
/// The scores of the <see cref="WeightingScheme.ScoreBlend"/> scheme: a score is valid from its date on, and the
/// score of a name on a selection date is its latest score dated on or before it. Scores are finite and at least 0.
/// Read from <c>scores.csv</c> (<c>date,symbol,score</c>) or built with <see cref="Create"/>. Immutable; thread-safe.
/// </summary>
public sealed class ScoreTable
{
    private readonly FrozenDictionary<string, Entry[]> _bySymbol;

    private ScoreTable(string source, FrozenDictionary<string, Entry[]> bySymbol)
    {
        Source = source;
        _bySymbol = bySymbol;
    }

    /// <summary>How the scores are named in messages (the file as the user gave it).</summary>
    public string Source { get; }

    /// <summary>The number of symbols with at least one score.</summary>
    public int SymbolCount => _bySymbol.Count;

    /// <summary>Builds a table from rows made in code.</summary>
    /// <exception cref="ArgumentException">A score is negative or not finite, or a (date, symbol) pair appears twice.</exception>
    public static ScoreTable Create(IEnumerable<(LocalDate Date, string Symbol, double Score)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = new List<(LocalDate, string, double, int)>();
        foreach (var (date, symbol, score) in rows)
        {
            if (!(score >= 0) || !double.IsFinite(score))
            {
                throw new ArgumentException($"The score of {symbol} on {IsoDate.Format(date)} must be finite and at least 0.", nameof(rows));
            }

            list.Add((date, symbol, score, 0));
        }

        return Build("scores", list) ?? throw new ArgumentException("A (date, symbol) pair appears twice.", nameof(rows));
    }

    /// <summary>The score of <paramref name="symbol"/> on <paramref name="date"/>: its latest score dated on or before it.</summary>
    public bool TryGetScore(string symbol, LocalDate date, out double score)
    {
        var found = TryGet(symbol, date, out score, out _);
        return found;
    }

    /// <summary>The score on a date and the line of the row it comes from (0 for rows made in code).</summary>
    internal bool TryGet(string symbol, LocalDate date, out double score, out int line)
    {
        score = double.NaN;
        line = 0;
        if (!_bySymbol.TryGetValue(symbol, out var entries))
        {
            return false;
        }

        var found = DatedSearch.LastOnOrBefore(entries, date, e => e.Date);
        if (found < 0)
        {
            return false;
        }

        (score, line) = (entries[found].Score, entries[found].Line);
        return true;
    }

    /// <summary>The table of rows (date, symbol, score, line); null when a (date, symbol) pair appears twice.</summary>
    internal static ScoreTable? Build(string source, List<(LocalDate Date, string Symbol, double Score, int Line)> rows)
    {
        var bySymbol = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var (date, symbol, score, line) in rows)
        {
            if (!bySymbol.TryGetValue(symbol, out var list))
            {
                bySymbol[symbol] = list = [];
            }

            list.Add(new Entry(date, score, line));
        }

        var frozen = new Dictionary<string, Entry[]>(StringComparer.Ordinal);
        foreach (var (symbol, list) in bySymbol)
        {
            var sorted = list.OrderBy(e => e.Date).ToArray();
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i].Date == sorted[i - 1].Date)
                {
                    return null;
                }
            }

            frozen[symbol] = sorted;
        }

        return new ScoreTable(source, frozen.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private readonly record struct Entry(LocalDate Date, double Score, int Line);
}
