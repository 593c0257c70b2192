using Agix.Prices;
using NodaTime;

namespace Agix;

/// <summary>
/// The validated inputs of an index: the constituent price panel, the benchmark panel, the universe and the
/// methodology, with the warnings found while reading them. Load with <see cref="Load(DataPaths, Func{string, string})"/>.
/// </summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed class IndexData
{
    internal IndexData(PricePanel prices, PricePanel? benchmarks, IReadOnlyList<UniverseMember> universe, Methodology methodology, IReadOnlyList<Diagnostic> warnings, string pricesName = "prices")
    {
        PricesName = pricesName;
        Prices = prices;
        Benchmarks = benchmarks;
        Universe = Array.AsReadOnly([.. universe]);
        Methodology = methodology;
        Warnings = Array.AsReadOnly([.. warnings]);
    }

    /// <summary>The constituent prices.</summary>
    public PricePanel Prices { get; }

    /// <summary>The benchmark prices, or null when none were loaded.</summary>
    public PricePanel? Benchmarks { get; }

    /// <summary>The universe.</summary>
    public IReadOnlyList<UniverseMember> Universe { get; }

    /// <summary>The methodology.</summary>
    public Methodology Methodology { get; }

    /// <summary>Problems that are reported but not fatal.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>The scores of the score-blend scheme, or null when none were given.</summary>
    public ScoreTable? Scores { get; private init; }

    /// <summary>How the prices file is named in messages.</summary>
    internal string PricesName { get; }

    /// <summary>How the methodology file is named in messages.</summary>
    internal string MethodologyName { get; private init; } = "methodology";

    /// <summary>How the benchmarks file is named in messages.</summary>
    internal string BenchmarksName { get; private init; } = "benchmarks";

    /// <summary>The same data with another methodology (for overrides such as <c>--return-type</c>).</summary>
    public IndexData WithMethodology(Methodology methodology)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        return new IndexData(Prices, Benchmarks, Universe, methodology, Warnings, PricesName) { BenchmarksName = BenchmarksName, Scores = Scores, MethodologyName = MethodologyName };
    }

    /// <summary>Reads and validates the four files of a data folder (see <see cref="DataPaths.FromFolder"/>).</summary>
    /// <exception cref="InvalidInputException">One or more files are invalid; the exception lists every problem.</exception>
    public static IndexData Load(string folder) => Load(DataPaths.FromFolder(folder));

    /// <summary>Builds index data from objects made in code (no files).</summary>
    /// <exception cref="InvalidInputException">A member's theme has no budget, or the score-blend scheme has no scores.</exception>
    public static IndexData Create(PricePanel prices, IReadOnlyList<UniverseMember> universe, Methodology? methodology = null, PricePanel? benchmarks = null, ScoreTable? scores = null)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(universe);
        var m = methodology ?? Methodology.Default;
        var bag = new DiagnosticBag();
        CheckThemes(universe, m, "universe", "methodology", scores is not null, bag);
        bag.ThrowIfErrors();
        return new IndexData(prices, benchmarks, universe, m, []) { Scores = scores };
    }

    /// <summary>
    /// For the theme-budget and score-blend schemes, every member's theme needs a budget; score-blend needs scores.
    /// </summary>
    private static void CheckThemes(IReadOnlyList<UniverseMember> universe, Methodology m, string universeName, string methodologyName, bool hasScores, DiagnosticBag bag)
    {
        if (m.WeightingRules.Scheme is not (WeightingScheme.ThemeBudget or WeightingScheme.ScoreBlend))
        {
            return;
        }

        var budgets = m.WeightingRules.ThemeBudgets;
        foreach (var group in universe.Where(u => !budgets.ContainsKey(u.Theme)).GroupBy(u => u.Theme).OrderBy(g => g.Key))
        {
            var symbols = string.Join(", ", group.Take(5).Select(u => u.Symbol)) + (group.Count() > 5 ? ", …" : string.Empty);
            bag.Error(universeName, 0, 0, $"theme '{group.Key.ToName()}' ({symbols}) has no budget in {methodologyName}; the themes with a budget are {string.Join(", ", budgets.Keys.Order().Select(t => t.ToName()))}");
        }

        if (m.WeightingRules.Scheme == WeightingScheme.ScoreBlend && !hasScores)
        {
            bag.Error(methodologyName, 0, 0, $"the score-blend scheme needs scores: a {DataPaths.ScoresFile} in the data folder (date,symbol,score) or --scores FILE");
        }
    }

    /// <summary>
    /// Reads and validates every input file. Every error of every file is collected before failing.
    /// </summary>
    /// <param name="paths">The files to read.</param>
    /// <exception cref="InvalidInputException">One or more files are invalid; the exception lists every problem.</exception>
    public static IndexData Load(DataPaths paths) => Load(paths, p => p);

    /// <summary>Reads the files, naming them in messages with <paramref name="name"/> (a pull's staged files by their final paths).</summary>
    internal static IndexData Load(DataPaths paths, Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var bag = new DiagnosticBag();
        var methodology = paths.Methodology is null ? Methodology.Default : MethodologyJson.Read(paths.Methodology, name(paths.Methodology), bag);
        var universe = UniverseCsv.Read(paths.Universe, name(paths.Universe), bag);
        var prices = PriceCsv.Read(paths.Prices, name(paths.Prices), requireMarketCap: true, bag);
        var benchmarks = paths.Benchmarks is null ? null : PriceCsv.Read(paths.Benchmarks, name(paths.Benchmarks), requireMarketCap: false, bag);
        var scores = paths.Scores is null ? null : ScoresCsv.Read(paths.Scores, name(paths.Scores), bag);
        if (methodology is not null && universe is not null)
        {
            CheckThemes(universe, methodology, name(paths.Universe), paths.Methodology is null ? "the default methodology" : name(paths.Methodology), paths.Scores is not null, bag);
        }

        bag.ThrowIfErrors();

        Validate(prices!, universe!, name(paths.Prices), name(paths.Universe), bag);
        if (benchmarks is not null)
        {
            CheckCalendar(benchmarks, name(paths.Benchmarks!), bag);
        }

        return new IndexData(prices!, benchmarks, universe!, methodology!, bag.WarningsWithOverflow(), name(paths.Prices))
        {
            BenchmarksName = paths.Benchmarks is null ? "benchmarks" : name(paths.Benchmarks),
            MethodologyName = paths.Methodology is null ? "methodology" : name(paths.Methodology),
            Scores = scores,
        };
    }

    private static void Validate(PricePanel prices, IReadOnlyList<UniverseMember> universe, string pricesName, string universeName, DiagnosticBag bag)
    {
        var members = new HashSet<string>(universe.Select(m => m.Symbol), StringComparer.Ordinal);
        var extra = prices.Symbols.Where(s => !members.Contains(s)).ToList();
        if (extra.Count > 0)
        {
            bag.Warning(pricesName, 0, 0, $"{extra.Count} symbol(s) are not in the universe and are ignored: {string.Join(", ", extra)}");
        }

        foreach (var m in universe)
        {
            if (prices.IndexOfSymbol(m.Symbol) < 0)
            {
                bag.Warning(universeName, 0, 0, $"member {m.Symbol} has no prices in {pricesName}");
            }
        }

        CheckCalendar(prices, pricesName, bag);
    }

    private static void CheckCalendar(PricePanel panel, string name, DiagnosticBag bag)
    {
        var dates = panel.DateArray;
        foreach (var d in dates)
        {
            if (!NyseCalendar.IsTradingDay(d))
            {
                var why = d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? "a weekend" : "an NYSE holiday";
                bag.Warning(name, 0, 0, $"{IsoDate.Format(d)} is not an NYSE trading day ({why})");
            }
        }

        if (dates.Length == 0)
        {
            return;
        }

        // NYSE trading days absent from the whole file.
        var missingInFile = new List<LocalDate>();
        for (var d = dates[0]; d <= dates[^1]; d = d.PlusDays(1))
        {
            if (NyseCalendar.IsTradingDay(d) && Array.BinarySearch(dates, d) < 0)
            {
                missingInFile.Add(d);
            }
        }

        if (missingInFile.Count > 0)
        {
            bag.Warning(name, 0, 0, $"{missingInFile.Count} NYSE trading day(s) have no rows at all (first: {IsoDate.Format(missingInFile[0])})");
        }

        // Trading days of the file that a symbol misses inside its own date range: halts, carried forward. Date by
        // date, in the panel's memory order; reported symbol by symbol.
        var n = panel.SymbolCount;
        var counts = new int[n];
        var firstGaps = new int[n];
        Array.Fill(firstGaps, -1);
        for (var d = 0; d < dates.Length; d++)
        {
            if (!NyseCalendar.IsTradingDay(dates[d]))
            {
                continue;
            }

            var row = d * n;
            for (var s = 0; s < n; s++)
            {
                if (double.IsNaN(panel.Close[row + s]) && d > panel.FirstIndex[s] && d < panel.LastIndex[s])
                {
                    counts[s]++;
                    firstGaps[s] = firstGaps[s] < 0 ? d : firstGaps[s];
                }
            }
        }

        for (var s = 0; s < n; s++)
        {
            int count = counts[s], firstGap = firstGaps[s];
            if (count > 0)
            {
                bag.Warning(name, 0, 0, $"{panel.Symbols[s]} has no row on {count} NYSE trading day(s) inside its date range (first: {IsoDate.Format(dates[firstGap])}); its last close is carried forward");
            }
        }
    }
}
