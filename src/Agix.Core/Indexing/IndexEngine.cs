using Agix.Prices;
using Agix.Weighting;
using NodaTime;

namespace Agix.Indexing;

/// <summary>
/// Computes index levels with the units (divisor) method: between rebalances the index holds fixed units
/// u_i and <c>I_t = Σ u_i · P_i,t</c>; at the close of a rebalance date T the units are reset to
/// <c>w_i · I_T / P_i,T</c>. Splits multiply units on the ex-date, halted names carry their last close, names
/// whose data ends early are deleted with their value reinvested pro rata, dividends feed the gross and net
/// total-return series, and transaction costs are charged on the level at each rebalance.
/// One pass over dates × symbols; no allocation in the daily loop.
/// </summary>
internal static class IndexEngine
{
    /// <summary>Computes an index on its regular schedule from the base date to <paramref name="end"/> (default: the data's as-of date).</summary>
    /// <param name="data">The inputs.</param>
    /// <param name="end">The last date (it never passes the data's as-of date).</param>
    /// <param name="infeasible">
    /// When given, infeasible weights do not stop the computation: each problem is added here and the rebalance uses
    /// relaxed caps, so that every infeasible theme of every rebalance is found in one run (for validation only).
    /// </param>
    public static IndexResult Compute(IndexData data, LocalDate? end = null, List<Infeasibility>? infeasible = null)
    {
        var m = data.Methodology;
        var prices = data.Prices;
        var source = data.PricesName;
        if (prices.DateCount == 0)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0, "has no dates"));
        }

        var last = end ?? prices.DateArray[^1];
        if (last < m.BaseDate)
        {
            throw new InvalidInputException(Diagnostic.Error(Subjects.WindowEnd, 0, 0, $"the end date {IsoDate.Format(last)} is before the base date {IsoDate.Format(m.BaseDate)}"));
        }

        var calendar = new TradingCalendar(prices.DateArray);
        var baseRebalance = RebalanceSchedule.ForBase(m.BaseDate, m.RebalanceRules, calendar);
        var schedule = RebalanceSchedule.Between(m.BaseDate, last, m.RebalanceRules, calendar);
        return Compute(prices, data.Universe, m, baseRebalance, schedule, last, source, infeasible, data.Scores);
    }

    /// <summary>Computes an index on an explicit schedule (the base construction, then each rebalance in order).</summary>
    public static IndexResult Compute(
        PricePanel prices,
        IReadOnlyList<UniverseMember> universe,
        Methodology m,
        RebalanceDate baseRebalance,
        IReadOnlyList<RebalanceDate> schedule,
        LocalDate end,
        string source = "prices",
        List<Infeasibility>? infeasible = null,
        ScoreTable? scores = null)
    {
        var ns = prices.SymbolCount;
        var dates = prices.DateArray;
        var b = prices.IndexOfDate(baseRebalance.Date);
        var e = prices.IndexOnOrBefore(end);
        if (b < 0)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0,
                $"the base date {IsoDate.Format(baseRebalance.Date)} (methodology baseDate) is not a trading day in the data (prices run from {IsoDate.Format(dates[0])} to {IsoDate.Format(dates[^1])})"));
        }

        var members = Members.Of(prices, universe, source);
        var (memberOf, cols, lastMemberDate) = (members.MemberOf, members.Cols, members.AsOf);
        var nm = cols.Length;
        e = Math.Min(e, lastMemberDate);
        var warnings = new List<Diagnostic>();
        if (members.Ignored is { } ignored)
        {
            warnings.Add(Diagnostic.Warning(source, 0, 0, ignored));
        }

        if (e < b)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0, $"the universe members' data ends on {IsoDate.Format(dates[lastMemberDate])}, before the base date {IsoDate.Format(dates[b])}"));
        }

        var nDays = e - b + 1;
        var close = prices.Close;
        var dividend = prices.Dividend;
        var units = new double[nm];
        var lastClose = new double[nm];
        var weights = new double[nDays * nm];
        var pr = new double[nDays];
        var gross = new double[nDays];
        var net = new double[nDays];
        var haltDays = new int[nm];
        var firstHalt = new int[nm];
        Array.Fill(firstHalt, -1);
        var rebalances = new List<Rebalance>();
        var tax = m.WithholdingTax;
        var costRate = m.TransactionCostBps / 10000.0;

        for (var k = 0; k < nm; k++)
        {
            lastClose[k] = prices.LastCloseOnOrBefore(cols[k], b);
        }

        // Base-date construction: like a rebalance with T = B, without cost or turnover.
        var level = m.BaseValue;
        rebalances.Add(Reweight(prices, universe, m, members, baseRebalance, b, level, units, lastClose, isBase: true, costRate: 0, warnings, source, infeasible, scores, out _));
        pr[0] = gross[0] = net[0] = level;
        StoreWeights(weights, 0, units, lastClose, level);

        var next = 0;
        while (next < schedule.Count && schedule[next].Date <= baseRebalance.Date)
        {
            next++;
        }

        for (var d = b + 1; d <= e; d++)
        {
            var t = d - b;
            var row = d * ns;
            double value = 0, divPoints = 0;
            for (var k = 0; k < nm; k++)
            {
                var cell = row + cols[k];
                var c = close[cell];
                if (double.IsNaN(c))
                {
                    if (units[k] != 0)
                    {
                        haltDays[k]++;
                        if (firstHalt[k] < 0)
                        {
                            firstHalt[k] = d;
                        }
                    }
                }
                else
                {
                    units[k] *= prices.SplitAt(cell);
                    lastClose[k] = c;
                    divPoints += units[k] * dividend[cell];
                }

                if (units[k] != 0)
                {
                    value += units[k] * lastClose[k];
                }
            }

            var previous = pr[t - 1];
            pr[t] = value;
            gross[t] = gross[t - 1] * (value + divPoints) / previous;
            net[t] = net[t - 1] * (value + (divPoints * (1 - tax))) / previous;

            if (next < schedule.Count && schedule[next].Date == dates[d])
            {
                var r = Reweight(prices, universe, m, members, schedule[next], d, pr[t], units, lastClose, isBase: false, costRate, warnings, source, infeasible, scores, out var cost);
                rebalances.Add(r);
                pr[t] *= 1 - cost;
                gross[t] *= 1 - cost;
                net[t] *= 1 - cost;
                next++;
            }

            DeleteEnded(prices, universe, memberOf, cols, members.LastIndex, d, lastMemberDate, units, lastClose, pr[t], warnings, source);
            StoreWeights(weights, t, units, lastClose, pr[t]);
        }

        for (var k = 0; k < nm; k++)
        {
            if (haltDays[k] > 0)
            {
                warnings.Add(Diagnostic.Warning(source, 0, 0, $"{prices.Symbols[cols[k]]} has no close on {haltDays[k]} trading day(s) while in the index (first: {IsoDate.Format(dates[firstHalt[k]])}); its last close was carried forward"));
            }
        }

        return new IndexResult(
            m,
            dates[b..(e + 1)],
            pr,
            gross,
            net,
            rebalances,
            warnings,
            [.. cols.Select(s => prices.Symbols[s])],
            [.. cols.Select(s => universe[memberOf[s]].Theme)],
            weights);
    }

    private static void StoreWeights(double[] weights, int t, double[] units, double[] lastClose, double level)
    {
        var nm = units.Length;
        for (var k = 0; k < nm; k++)
        {
            weights[(t * nm) + k] = units[k] == 0 ? 0 : units[k] * lastClose[k] / level;
        }
    }

    /// <summary>
    /// Sets new units at the close of date index <paramref name="d"/> from the post-cost level
    /// <c>level · (1 − cost)</c> and returns the rebalance record; the caller charges the same cost on the three
    /// level series.
    /// </summary>
    private static Rebalance Reweight(
        PricePanel prices,
        IReadOnlyList<UniverseMember> universe,
        Methodology m,
        Members members,
        RebalanceDate when,
        int d,
        double level,
        double[] units,
        double[] lastClose,
        bool isBase,
        double costRate,
        List<Diagnostic> warnings,
        string source,
        List<Infeasibility>? infeasible,
        ScoreTable? scores,
        out double cost)
    {
        var ns = prices.SymbolCount;
        var (memberOf, cols) = (members.MemberOf, members.Cols);
        var nm = cols.Length;
        var s = prices.IndexOfDate(when.SelectionDate);
        var context = $"{(isBase ? "base date" : "rebalance")} {IsoDate.Format(when.Date)}";
        if (s < 0)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0,
                $"{context}: the selection date {IsoDate.Format(when.SelectionDate)} ({m.RebalanceRules.SelectionLagDays} trading days earlier) is not in the data: the prices must start at least that many trading days before the base date (they run from {IsoDate.Format(prices.DateArray[0])} to {IsoDate.Format(prices.DateArray[^1])})"));
        }

        var (eligible, themes, caps) = SelectEligible(prices, universe, members, when.Date, s, d);
        var noCap = members.Cols.Where(col => universe[members.MemberOf[col]].IsMemberOn(when.Date) && !double.IsNaN(prices.Close[(s * ns) + col]) && !(prices.MarketCap[(s * ns) + col] > 0)).Select(col => prices.Symbols[col]).ToList();
        if (noCap.Count > 0)
        {
            warnings.Add(Diagnostic.Warning(source, 0, 0, $"{context}: {string.Join(", ", noCap)} {(noCap.Count == 1 ? "has" : "have")} a close but no market cap (or share count) on the selection date {IsoDate.Format(when.SelectionDate)}, so {(noCap.Count == 1 ? "it is" : "they are")} not eligible"));
        }

        WeightingResult result;
        var relaxed = infeasible is null ? null : new List<InfeasibleWeightingException>();
        try
        {
            result = TargetWeights.Compute(m.WeightingRules, themes, caps, context, relaxed, ScoresOn(m, scores, [.. eligible.Select(k => prices.Symbols[members.Cols[k]])], themes, when, context));
        }
        catch (InfeasibleWeightingException ex)
        {
            throw new InfeasibleWeightingException(ex.Group, ex.Count, ex.Cap, ex.Budget, context, WhyNotEligible(prices, universe, members, ex.Group, when, s, d));
        }

        foreach (var ex in relaxed ?? [])
        {
            infeasible!.Add(new Infeasibility(when.Date, new InfeasibleWeightingException(ex.Group, ex.Count, ex.Cap, ex.Budget, context, WhyNotEligible(prices, universe, members, ex.Group, when, s, d))));
        }

        foreach (var w in result.Warnings)
        {
            warnings.Add(Diagnostic.Warning(source, 0, 0, w));
        }

        var target = new double[nm];
        for (var i = 0; i < eligible.Count; i++)
        {
            target[eligible[i]] = result.Weights[i];
        }

        var previous = new double[nm];
        for (var k = 0; k < nm; k++)
        {
            previous[k] = units[k] == 0 ? 0 : units[k] * lastClose[k] / level;
        }

        var (abs, removed) = Changes(target, previous, [.. cols.Select(c => prices.Symbols[c])]);
        cost = isBase ? 0 : costRate * abs;
        var after = level * (1 - cost);
        var constituents = new List<Constituent>();
        for (var k = 0; k < nm; k++)
        {
            var col = cols[k];
            var price = prices.Close[(d * ns) + col];
            units[k] = target[k] > 0 ? target[k] * after / price : 0;
            if (target[k] > 0)
            {
                lastClose[k] = price;
                var member = universe[memberOf[col]];
                constituents.Add(new Constituent(member.Symbol, member.Name, member.Theme, target[k], previous[k], prices.MarketCap[(s * ns) + col], price, units[k]));
            }
        }

        constituents.Sort(ByThemeThenWeight);
        return new Rebalance(when.Date, when.SelectionDate, isBase, isBase ? 0 : abs / 2, cost, constituents.AsReadOnly(), removed.AsReadOnly());
    }

    /// <summary>
    /// Eligibility as of S and T: a member on T, an actual close and a positive market cap on S (index
    /// <paramref name="s"/>), and an actual close on T (index <paramref name="t"/>). A name whose data ends on T,
    /// before the end of the members' data, is not eligible: it is deleted after that close, so it is sold at T
    /// rather than bought. For a pro-forma rebalance beyond the data (<paramref name="t"/> = -1) the close on T is not
    /// known yet; the name must still be trading on the last date of the members' data.
    /// </summary>
    private static (List<int> Eligible, Theme[] Themes, double[] Caps) SelectEligible(PricePanel prices, IReadOnlyList<UniverseMember> universe, Members members, LocalDate date, int s, int t)
    {
        var ns = prices.SymbolCount;
        var eligible = new List<int>();
        var themes = new List<Theme>();
        var caps = new List<double>();
        for (var k = 0; k < members.Cols.Length; k++)
        {
            var col = members.Cols[k];
            var member = universe[members.MemberOf[col]];
            var atS = (s * ns) + col;
            var trading = t < 0
                ? members.LastIndex[col] == members.AsOf
                : !double.IsNaN(prices.Close[(t * ns) + col]) && (members.LastIndex[col] > t || t >= members.AsOf);
            if (member.IsMemberOn(date) && !double.IsNaN(prices.Close[atS]) && prices.MarketCap[atS] > 0 && trading)
            {
                eligible.Add(k);
                themes.Add(member.Theme);
                caps.Add(prices.MarketCap[atS]);
            }
        }

        return (eligible, [.. themes], [.. caps]);
    }

    /// <summary>
    /// The rebalance on, or last before, <paramref name="date"/>. When that rebalance lies beyond the last date of the
    /// members' data it is computed pro forma: T and S come from the NYSE calendar, the weights from the data on S
    /// (eligibility: a member on T with a close and a market cap on S, still trading on the last date), and the
    /// turnover against the weights drifted to the last date. S itself must be in the data.
    /// </summary>
    public static (Rebalance Rebalance, IndexResult Index) RebalanceAsOf(IndexData data, LocalDate date)
    {
        var m = data.Methodology;
        var prices = data.Prices;
        if (date < m.BaseDate)
        {
            throw new InvalidInputException(Diagnostic.Error(Subjects.RebalanceDate, 0, 0, $"{IsoDate.Format(date)} is before the base date {IsoDate.Format(m.BaseDate)}: there is no rebalance on or before it"));
        }

        var members = Members.Of(prices, data.Universe, data.PricesName);
        var last = prices.DateArray[members.AsOf];
        var calendar = new TradingCalendar(prices.DateArray);
        var when = RebalanceSchedule.OnOrBefore(date, m.RebalanceRules, calendar);
        if (when.Date <= last || when.Date <= m.BaseDate)
        {
            var index = Compute(data, date < last ? date : last);
            return (index.Rebalances.Last(r => r.Date <= date), index);
        }

        if (when.SelectionDate > last)
        {
            throw new InvalidInputException(Diagnostic.Error(data.PricesName, 0, 0,
                $"the rebalance on {IsoDate.Format(when.Date)} selects on {IsoDate.Format(when.SelectionDate)}, after the last price date {IsoDate.Format(last)}: it needs prices up to {IsoDate.Format(when.SelectionDate)}"));
        }

        var drifted = Compute(data, last);
        var s = prices.IndexOfDate(when.SelectionDate);
        var context = $"pro-forma rebalance {IsoDate.Format(when.Date)}";
        var (eligible, themes, caps) = SelectEligible(prices, data.Universe, members, when.Date, s, -1);
        var weights = TargetWeights.Compute(m.WeightingRules, themes, caps, context, scores: ScoresOn(m, data.Scores, [.. eligible.Select(k => prices.Symbols[members.Cols[k]])], themes, when, context));
        var nm = members.Cols.Length;
        var target = new double[nm];
        for (var i = 0; i < eligible.Count; i++)
        {
            target[eligible[i]] = weights.Weights[i];
        }

        var before = drifted.WeightMatrix.AsSpan((drifted.DateArray.Length - 1) * nm, nm).ToArray();
        var (abs, removed) = Changes(target, before, drifted.SymbolArray);
        var ns = prices.SymbolCount;
        var constituents = new List<Constituent>();
        for (var k = 0; k < nm; k++)
        {
            if (target[k] > 0)
            {
                var member = data.Universe[members.MemberOf[members.Cols[k]]];
                var cell = (s * ns) + members.Cols[k];
                constituents.Add(new Constituent(member.Symbol, member.Name, member.Theme, target[k], before[k], prices.MarketCap[cell], prices.Close[cell], double.NaN));
            }
        }

        constituents.Sort(ByThemeThenWeight);
        var warnings = weights.Warnings.Select(w => Diagnostic.Warning(data.PricesName, 0, 0, w)).ToList();
        var rebalance = new Rebalance(when.Date, when.SelectionDate, false, abs / 2, m.TransactionCostBps / 10000.0 * abs, constituents.AsReadOnly(), removed.AsReadOnly()) { ProFormaAsOf = last };
        return (rebalance, warnings.Count == 0 ? drifted : drifted.WithWarnings([.. drifted.Warnings, .. warnings]));
    }

    /// <summary>
    /// The scores of the eligible names on the selection date, for the score-blend scheme (empty otherwise). A name
    /// without a score on S, or a theme whose scores sum to 0, is an error naming the scores file.
    /// </summary>
    private static double[] ScoresOn(Methodology m, ScoreTable? scores, string[] symbols, Theme[] themes, RebalanceDate when, string context)
    {
        if (m.WeightingRules.Scheme != WeightingScheme.ScoreBlend)
        {
            return [];
        }

        if (scores is null)
        {
            throw new InvalidInputException(Diagnostic.Error("methodology", 0, 0, "the score-blend scheme needs scores (scores.csv or --scores FILE)"));
        }

        var result = new double[symbols.Length];
        var lines = new int[symbols.Length];
        var errors = new List<Diagnostic>();
        for (var i = 0; i < symbols.Length; i++)
        {
            if (!scores.TryGet(symbols[i], when.SelectionDate, out result[i], out lines[i]))
            {
                errors.Add(Diagnostic.Error(scores.Source, 0, 0, $"{context}: {symbols[i]} has no score on or before the selection date {IsoDate.Format(when.SelectionDate)}"));
            }
        }

        foreach (var theme in themes.Distinct().Order())
        {
            var members = Enumerable.Range(0, symbols.Length).Where(i => themes[i] == theme).ToList();
            if (errors.Count == 0 && members.Sum(i => result[i]) <= 0)
            {
                var where = string.Join(", ", members.Select(i => lines[i] > 0 ? $"{symbols[i]} (line {lines[i]})" : symbols[i]));
                errors.Add(Diagnostic.Error(scores.Source, lines[members[0]], 0, $"{context}: the scores of theme {theme.ToName()} sum to 0 on the selection date {IsoDate.Format(when.SelectionDate)}: {where}"));
            }
        }

        return errors.Count > 0 ? throw new InvalidInputException(errors) : result;
    }

    /// <summary>Why the members of a group (a theme name, or every name) were not eligible: a few reasons, for errors.</summary>
    private static string? WhyNotEligible(PricePanel prices, IReadOnlyList<UniverseMember> universe, Members members, string group, RebalanceDate when, int s, int t)
    {
        var ns = prices.SymbolCount;
        var reasons = new List<string>();
        foreach (var col in members.Cols)
        {
            var member = universe[members.MemberOf[col]];
            if (ThemeNames.TryParse(group, out var theme) && member.Theme != theme)
            {
                continue;
            }

            var why = !member.IsMemberOn(when.Date) ? $"not a member on {IsoDate.Format(when.Date)}"
                : double.IsNaN(prices.Close[(s * ns) + col]) ? $"no close on the selection date {IsoDate.Format(when.SelectionDate)}"
                : !(prices.MarketCap[(s * ns) + col] > 0) ? $"no market cap on the selection date {IsoDate.Format(when.SelectionDate)}"
                : double.IsNaN(prices.Close[(t * ns) + col]) ? $"no close on {IsoDate.Format(when.Date)}"
                : members.LastIndex[col] == t && t < members.AsOf ? $"its data ends on {IsoDate.Format(when.Date)}"
                : null;
            if (why is not null)
            {
                reasons.Add($"{member.Symbol}: {why}");
            }
        }

        var missing = universe.Where(u => (!ThemeNames.TryParse(group, out var g) || u.Theme == g) && prices.IndexOfSymbol(u.Symbol) < 0).Select(u => $"{u.Symbol}: no prices").ToList();
        reasons.AddRange(missing);
        return reasons.Count == 0 ? null : "not eligible: " + string.Join("; ", reasons.Take(6)) + (reasons.Count > 6 ? $"; and {reasons.Count - 6} more" : string.Empty);
    }

    /// <summary>The sum of absolute weight changes, and the names held before that the new weights drop.</summary>
    private static (double Abs, List<string> Removed) Changes(double[] target, double[] before, string[] symbols)
    {
        double abs = 0;
        var removed = new List<string>();
        for (var k = 0; k < target.Length; k++)
        {
            abs += Math.Abs(target[k] - before[k]);
            if (before[k] > 0 && target[k] == 0)
            {
                removed.Add(symbols[k]);
            }
        }

        return (abs, removed);
    }

    /// <summary>Constituents by theme, then weight (descending), then symbol.</summary>
    private static int ByThemeThenWeight(Constituent x, Constituent y) =>
        x.Theme != y.Theme ? x.Theme.CompareTo(y.Theme) : y.Weight != x.Weight ? y.Weight.CompareTo(x.Weight) : string.CompareOrdinal(x.Symbol, y.Symbol);

    /// <summary>
    /// The universe members that have prices, in universe order (<see cref="Cols"/>: their panel columns;
    /// <see cref="MemberOf"/>: panel column → universe index or -1) and the data's as-of date <see cref="AsOf"/> (a
    /// date index), which ends the index: the latest date on which at least half of the members that have prices
    /// (and are members on that date) have a close. In a complete file it is simply the last date; rows after it (a
    /// partly updated file) are ignored, and <see cref="Ignored"/> says which. Rows of symbols outside the universe
    /// never extend it.
    /// </summary>
    private sealed record Members(int[] MemberOf, int[] Cols, int AsOf, int[] LastIndex, string? Ignored)
    {
        /// <summary>How many of the data's last dates make a member active for the as-of date.</summary>
        public const int ActiveDays = 5;

        public static Members Of(PricePanel prices, IReadOnlyList<UniverseMember> universe, string source)
        {
            var memberOf = new int[prices.SymbolCount];
            Array.Fill(memberOf, -1);
            var cols = new List<int>();
            for (var i = 0; i < universe.Count; i++)
            {
                var s = prices.IndexOfSymbol(universe[i].Symbol);
                if (s >= 0 && memberOf[s] < 0 && prices.LastIndex[s] >= 0)
                {
                    memberOf[s] = i;
                    cols.Add(s);
                }
            }

            if (cols.Count == 0)
            {
                var sample = string.Join(", ", universe.Take(5).Select(u => u.Symbol));
                throw new InvalidInputException(Diagnostic.Error(source, 0, 0,
                    $"no universe member has prices: the universe lists {sample}{(universe.Count > 5 ? ", …" : string.Empty)} but the file holds {string.Join(", ", prices.Symbols.Take(5))}{(prices.SymbolCount > 5 ? ", …" : string.Empty)}"));
            }

            var last = cols.Max(c => prices.LastIndex[c]);
            var asOf = AsOfDate(prices, universe, memberOf, cols, last);
            // Each member's last close on or before the as-of date: later rows are ignored, so a name whose rows stop
            // before the as-of date and resume after it is deleted at its last close like any other.
            var lastIndex = (int[])prices.LastIndex.Clone();
            foreach (var col in cols)
            {
                var d = Math.Min(lastIndex[col], asOf);
                while (d >= 0 && double.IsNaN(prices.Close[(d * prices.SymbolCount) + col]))
                {
                    d--;
                }

                lastIndex[col] = d;
            }

            return new Members(memberOf, [.. cols], asOf, lastIndex, asOf < last ? DescribeIgnored(prices, cols, asOf, last) : null);
        }

        /// <summary>
        /// The latest date index on or before <paramref name="last"/> on which at least half of the active members have a
        /// close. Active: members with a close in the last <see cref="ActiveDays"/> dates of the data, so that names whose
        /// data ended long ago (deletions) do not pull the as-of date back.
        /// </summary>
        private static int AsOfDate(PricePanel prices, IReadOnlyList<UniverseMember> universe, int[] memberOf, List<int> cols, int last)
        {
            var ns = prices.SymbolCount;
            var active = cols.Where(c => prices.LastIndex[c] > last - ActiveDays).ToList();
            for (var d = last; d >= 0; d--)
            {
                int members = 0, closes = 0;
                foreach (var col in active)
                {
                    if (universe[memberOf[col]].IsMemberOn(prices.DateArray[d]))
                    {
                        members++;
                        closes += double.IsNaN(prices.Close[(d * ns) + col]) ? 0 : 1;
                    }
                }

                if (2 * closes >= members && closes > 0)
                {
                    return d;
                }
            }

            return last;
        }

        private static string DescribeIgnored(PricePanel prices, List<int> cols, int asOf, int last)
        {
            var ns = prices.SymbolCount;
            var rows = 0;
            var symbols = new List<string>();
            foreach (var col in cols)
            {
                var count = 0;
                for (var d = asOf + 1; d <= last; d++)
                {
                    count += double.IsNaN(prices.Close[(d * ns) + col]) ? 0 : 1;
                }

                if (count > 0)
                {
                    rows += count;
                    symbols.Add(prices.Symbols[col]);
                }
            }

            var members = cols.Count(c => prices.LastIndex[c] > last - ActiveDays);
            var shown = string.Join(", ", symbols.Take(10)) + (symbols.Count > 10 ? $" and {symbols.Count - 10} more" : string.Empty);
            return $"the data's as-of date is {IsoDate.Format(prices.DateArray[asOf])}, the latest date on which at least half of the {members} members trading in the data's last {ActiveDays} days have a close; {rows} later row(s) of {symbols.Count} symbol(s) up to {IsoDate.Format(prices.DateArray[last])} are ignored (a partly updated file?): {shown}";
        }
    }

    private static void DeleteEnded(PricePanel prices, IReadOnlyList<UniverseMember> universe, int[] memberOf, int[] cols, int[] lastIndex, int d, int lastMemberDate, double[] units, double[] lastClose, double level, List<Diagnostic> warnings, string source)
    {
        if (d >= lastMemberDate)
        {
            return;
        }

        var nm = cols.Length;
        double freed = 0;
        for (var k = 0; k < nm; k++)
        {
            if (units[k] != 0 && lastIndex[cols[k]] == d)
            {
                freed += units[k] * lastClose[k];
                units[k] = 0;

                // A removal the universe announces (removed on or before the next trading day) is expected: no warning.
                var member = universe[memberOf[cols[k]]];
                if (member.Removed is not { } removed || removed > prices.DateArray[d + 1])
                {
                    warnings.Add(Diagnostic.Warning(source, 0, 0,
                        $"{member.Symbol}: data ends on {IsoDate.Format(prices.DateArray[d])}, before the end of the price data; deleted after that close, its value reinvested pro rata"));
                }
            }
        }

        if (freed == 0)
        {
            return;
        }

        // The value of the names that stay, summed directly: level - freed would cancel when a dominant name goes.
        double rest = 0;
        for (var k = 0; k < nm; k++)
        {
            rest += units[k] == 0 ? 0 : units[k] * lastClose[k];
        }

        if (rest <= 0)
        {
            throw new InvalidInputException(Diagnostic.Error(source, 0, 0, $"every constituent's data ends on {IsoDate.Format(prices.DateArray[d])}: the index cannot continue"));
        }

        var scale = level / rest;
        for (var k = 0; k < nm; k++)
        {
            units[k] *= scale;
        }
    }
}

/// <summary>A weighting problem found at a rebalance while validating (see <see cref="IndexEngine.Compute(IndexData, LocalDate?, List{Infeasibility}?)"/>).</summary>
/// <param name="Date">The rebalance date.</param>
/// <param name="Error">What cannot be met.</param>
internal sealed record Infeasibility(LocalDate Date, InfeasibleWeightingException Error);
