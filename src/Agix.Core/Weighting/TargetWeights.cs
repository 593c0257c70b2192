using System.Globalization;

namespace Agix.Weighting;

/// <summary>The target weights of one rebalance.</summary>
/// <param name="Weights">One weight per eligible name, in input order; each at least 0, summing to 1.</param>
/// <param name="Warnings">What the user should know, such as eligible names that got weight 0 because their theme has no budget.</param>
internal sealed record WeightingResult(double[] Weights, IReadOnlyList<string> Warnings);

/// <summary>
/// Sets the target weights of the eligible names at a rebalance under each <see cref="WeightingScheme"/>, using
/// <see cref="WaterFilling"/> for every cap (methodology section 4).
/// </summary>
internal static class TargetWeights
{
    /// <summary>The group name used in errors about the index as a whole.</summary>
    private const string AllNames = "all names";

    /// <summary>The group name used in errors about the theme weights of the capped-market-cap scheme.</summary>
    private const string AllThemes = "all themes";

    /// <summary>The relative slack of feasibility tests, as in <see cref="WaterFilling"/>.</summary>
    private const double FeasibilityTolerance = 1e-12;

    /// <summary>How far theme budgets may sum away from 1 before they are rejected.</summary>
    private const double BudgetSumTolerance = 1e-9;

    /// <summary>Computes the target weights of the eligible names.</summary>
    /// <param name="rules">The weighting rules.</param>
    /// <param name="themes">The theme of each eligible name.</param>
    /// <param name="marketCaps">The market cap of each eligible name on the selection date; positive and finite.</param>
    /// <param name="context">Where the weights are set (e.g. "rebalance 2024-06-21"), put into errors and warnings.</param>
    /// <param name="relaxed">
    /// When given, a cap that cannot be met is not fatal: the problem is added to this list and the cap is relaxed
    /// just enough (a theme without members gives its budget to the others pro rata), so that a caller such as
    /// <c>agix validate</c> can go on and find every infeasible group in one run. Such weights are for checking only.
    /// </param>
    /// <returns>The weights in input order, with any warnings.</returns>
    /// <exception cref="InfeasibleWeightingException">The rules cannot be met (and <paramref name="relaxed"/> is null), or there is no eligible name.</exception>
    /// <exception cref="ArgumentException">The inputs or the rules are out of range.</exception>
    /// <param name="scores">The score of each eligible name on the selection date (the <c>score-blend</c> scheme only): at least 0, and not all 0 within a theme.</param>
    public static WeightingResult Compute(WeightingRules rules, ReadOnlySpan<Theme> themes, ReadOnlySpan<double> marketCaps, string context, List<InfeasibleWeightingException>? relaxed = null, ReadOnlySpan<double> scores = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        if (themes.Length != marketCaps.Length)
        {
            throw new ArgumentException($"There are {themes.Length} themes for {marketCaps.Length} market caps.", nameof(themes));
        }

        for (var i = 0; i < marketCaps.Length; i++)
        {
            if (!double.IsFinite(marketCaps[i]) || marketCaps[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(marketCaps), marketCaps[i], $"{context}: market cap {i} must be positive and finite.");
            }

            if (themes[i].Name.Length == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(themes), themes[i], $"{context}: theme {i} has no name.");
            }
        }

        var stockCap = CheckCap(rules.StockCap, nameof(rules.StockCap));
        if (marketCaps.IsEmpty)
        {
            throw new InfeasibleWeightingException(AllNames, 0, stockCap, 1, context);
        }

        return rules.Scheme switch
        {
            WeightingScheme.ThemeBudget => ThemeBudget(rules.ThemeBudgets, stockCap, themes, marketCaps, context, relaxed),
            WeightingScheme.ScoreBlend => ThemeBudget(rules.ThemeBudgets, stockCap, themes, Blend(themes, marketCaps, Scores(scores, marketCaps.Length, context), rules.ScoreWeight, context), context, relaxed),
            WeightingScheme.CappedMarketCap => CappedMarketCap(CheckCap(rules.ThemeCap, nameof(rules.ThemeCap)), stockCap, themes, marketCaps, context, relaxed),
            WeightingScheme.MarketCap => new(Fill(marketCaps, 1, stockCap, AllNames, context, relaxed), []),
            WeightingScheme.Equal => Equal(marketCaps.Length, stockCap, context, relaxed),
            _ => throw new ArgumentOutOfRangeException(nameof(rules), rules.Scheme, "Unknown weighting scheme."),
        };
    }

    /// <summary>
    /// The score-blend of each name inside its theme: <c>b_i = (1 − a) · m_i / Σ_g m + a · s_i / Σ_g s</c>, so that the
    /// blends of a theme sum to 1 (methodology §4, scheme 5).
    /// </summary>
    private static double[] Blend(ReadOnlySpan<Theme> themes, ReadOnlySpan<double> marketCaps, ReadOnlySpan<double> scores, double scoreWeight, string context)
    {
        if (!(scoreWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scoreWeight), scoreWeight, "The score weight must be between 0 and 1.");
        }

        var blend = new double[marketCaps.Length];
        foreach (var theme in Distinct(themes))
        {
            var members = Members(themes, theme);
            double capSum = 0, scoreSum = 0;
            foreach (var i in members)
            {
                capSum += marketCaps[i];
                scoreSum += scores[i];
            }

            if (!(scoreSum > 0))
            {
                throw new ArgumentException($"{context}: the scores of {theme.ToName()} sum to 0.", nameof(scores));
            }

            foreach (var i in members)
            {
                blend[i] = ((1 - scoreWeight) * marketCaps[i] / capSum) + (scoreWeight * scores[i] / scoreSum);
            }
        }

        return blend;
    }

    private static ReadOnlySpan<double> Scores(ReadOnlySpan<double> scores, int count, string context)
    {
        if (scores.Length != count)
        {
            throw new ArgumentException($"{context}: the score-blend scheme needs a score for each of the {count} eligible names, got {scores.Length}.", nameof(scores));
        }

        foreach (var s in scores)
        {
            if (!(s >= 0) || !double.IsFinite(s))
            {
                throw new ArgumentOutOfRangeException(nameof(scores), s, $"{context}: a score must be finite and at least 0.");
            }
        }

        return scores;
    }

    /// <summary>The distinct themes, in theme order.</summary>
    private static List<Theme> Distinct(ReadOnlySpan<Theme> themes)
    {
        var set = new SortedSet<Theme>();
        foreach (var t in themes)
        {
            set.Add(t);
        }

        return [.. set];
    }

    /// <summary>Fixed theme budgets; market-cap (or score-blend) weights with the stock cap inside each theme.</summary>
    private static WeightingResult ThemeBudget(
        IReadOnlyDictionary<Theme, double> budgets, double stockCap, ReadOnlySpan<Theme> themes, ReadOnlySpan<double> marketCaps, string context, List<InfeasibleWeightingException>? relaxed)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var budgetSum = 0.0;
        foreach (var (theme, budget) in budgets)
        {
            if (!double.IsFinite(budget) || budget < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(budgets), budget, $"The budget of {theme.ToName()} must be finite and at least 0.");
            }

            budgetSum += budget;
        }

        if (Math.Abs(budgetSum - 1) > BudgetSumTolerance)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The theme budgets sum to {budgetSum:0.######}, not 1."), nameof(budgets));
        }

        var weights = new double[marketCaps.Length];
        var warnings = new List<string>();
        var withoutBudget = Distinct(themes).Where(t => !budgets.ContainsKey(t)).ToList();
        if (withoutBudget.Count > 0)
        {
            throw new ArgumentException($"{context}: the theme(s) {string.Join(", ", withoutBudget.Select(t => t.ToName()))} of eligible names have no budget (themes with a budget: {string.Join(", ", budgets.Keys.Order().Select(t => t.ToName()))}).", nameof(themes));
        }

        foreach (var theme in budgets.Keys.Order())
        {
            var members = Members(themes, theme);
            var budget = budgets[theme];

            if (members.Length == 0 && budget > 0)
            {
                var error = new InfeasibleWeightingException(theme.ToName(), 0, stockCap, budget, context);
                if (relaxed is null)
                {
                    throw error;
                }

                relaxed.Add(error);
                continue;
            }

            var inside = Fill(Gather(marketCaps, members), budget, stockCap, theme.ToName(), context, relaxed);
            Scatter(inside, members, weights);
        }

        // Only when relaxed: budgets of themes without members go to the others pro rata.
        var total = Sum(weights);
        if (total > 0 && Math.Abs(total - 1) > BudgetSumTolerance)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] /= total;
            }
        }
        else if (total == 0)
        {
            throw relaxed is { Count: > 0 } ? relaxed[0] : new InfeasibleWeightingException(AllNames, 0, stockCap, 1, context);
        }

        return new(weights, warnings);
    }

    /// <summary>Market-cap theme weights under a theme cap, then market-cap stock weights under the stock cap.</summary>
    private static WeightingResult CappedMarketCap(
        double themeCap, double stockCap, ReadOnlySpan<Theme> themes, ReadOnlySpan<double> marketCaps, string context, List<InfeasibleWeightingException>? relaxed)
    {
        if (marketCaps.Length * stockCap < 1 - FeasibilityTolerance)
        {
            var error = new InfeasibleWeightingException(AllNames, marketCaps.Length, stockCap, 1, context);
            if (relaxed is null)
            {
                throw error;
            }

            relaxed.Add(error);
            stockCap = 1.0 / marketCaps.Length;
        }

        // The themes with at least one eligible member, their members, raw weights M_g and capacities K_g.
        var present = new List<int[]>();
        var presentThemes = new List<Theme>();
        foreach (var theme in Distinct(themes))
        {
            var members = Members(themes, theme);
            if (members.Length > 0)
            {
                present.Add(members);
                presentThemes.Add(theme);
            }
        }

        var total = Sum(marketCaps);
        var raw = new double[present.Count];
        var capacity = new double[present.Count];
        for (var g = 0; g < present.Count; g++)
        {
            raw[g] = Sum(Gather(marketCaps, present[g])) / total;
            capacity[g] = Math.Min(themeCap, present[g].Length * stockCap);
        }

        double[] themeWeights;
        try
        {
            themeWeights = WaterFilling.Cap(raw, 1, capacity, AllThemes);
        }
        catch (InfeasibleWeightingException e)
        {
            var error = new InfeasibleWeightingException(e.Group, e.Count, e.Cap, e.Budget, context);
            if (relaxed is null)
            {
                throw error;
            }

            relaxed.Add(error);
            themeWeights = WaterFilling.Cap(raw, 1, double.PositiveInfinity, AllThemes);
        }

        var weights = new double[marketCaps.Length];
        for (var g = 0; g < present.Count; g++)
        {
            var inside = Fill(Gather(marketCaps, present[g]), themeWeights[g], stockCap, presentThemes[g].ToName(), context, relaxed);
            Scatter(inside, present[g], weights);
        }

        return new(weights, []);
    }

    /// <summary>One over n; infeasible when 1/n is above the stock cap (n × cap &lt; 1).</summary>
    private static WeightingResult Equal(int count, double stockCap, string context, List<InfeasibleWeightingException>? relaxed)
    {
        if (count * stockCap < 1 - FeasibilityTolerance)
        {
            var error = new InfeasibleWeightingException(AllNames, count, stockCap, 1, context);
            if (relaxed is null)
            {
                throw error;
            }

            relaxed.Add(error);
        }

        var weights = new double[count];
        Array.Fill(weights, 1.0 / count);
        return new(weights, []);
    }

    /// <summary>
    /// Water-fills with one cap, putting <paramref name="context"/> into any infeasibility error; when
    /// <paramref name="relaxed"/> is given, an infeasible cap is recorded there and raised to total / n.
    /// </summary>
    private static double[] Fill(ReadOnlySpan<double> marketCaps, double total, double cap, string group, string context, List<InfeasibleWeightingException>? relaxed)
    {
        try
        {
            return WaterFilling.Cap(marketCaps, total, cap, group);
        }
        catch (InfeasibleWeightingException e)
        {
            var error = new InfeasibleWeightingException(e.Group, e.Count, e.Cap, e.Budget, context);
            if (relaxed is null || marketCaps.IsEmpty)
            {
                throw error;
            }

            relaxed.Add(error);
            return WaterFilling.Cap(marketCaps, total, Math.Max(cap, total / marketCaps.Length), group);
        }
    }

    /// <summary>A cap from the rules: null means none (infinity); otherwise it must be positive.</summary>
    private static double CheckCap(double? cap, string name)
    {
        if (cap is not { } value)
        {
            return double.PositiveInfinity;
        }

        return double.IsNaN(value) || value <= 0
            ? throw new ArgumentOutOfRangeException(name, value, "A cap must be positive or null.")
            : value;
    }

    /// <summary>The positions of the names in <paramref name="theme"/>, in input order.</summary>
    private static int[] Members(ReadOnlySpan<Theme> themes, Theme theme)
    {
        var count = 0;
        foreach (var t in themes)
        {
            count += t == theme ? 1 : 0;
        }

        var members = new int[count];
        var next = 0;
        for (var i = 0; i < themes.Length; i++)
        {
            if (themes[i] == theme)
            {
                members[next++] = i;
            }
        }

        return members;
    }

    /// <summary>The values at <paramref name="positions"/>.</summary>
    private static double[] Gather(ReadOnlySpan<double> values, int[] positions)
    {
        var gathered = new double[positions.Length];
        for (var p = 0; p < positions.Length; p++)
        {
            gathered[p] = values[positions[p]];
        }

        return gathered;
    }

    /// <summary>Writes <paramref name="values"/> to <paramref name="positions"/> of <paramref name="target"/>.</summary>
    private static void Scatter(double[] values, int[] positions, double[] target)
    {
        for (var p = 0; p < positions.Length; p++)
        {
            target[positions[p]] = values[p];
        }
    }

    /// <summary>The sum of the values.</summary>
    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }
}
