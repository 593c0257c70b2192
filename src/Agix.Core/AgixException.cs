namespace Agix;

/// <summary>The root of every exception that Agix throws on purpose.</summary>
public abstract class AgixException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    protected AgixException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    protected AgixException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// One or more input files (or the methodology) are invalid. <see cref="Problems"/> lists every error found,
/// each naming the file, line and column.
/// </summary>
public sealed class InvalidInputException : AgixException
{
    /// <summary>Creates the exception for a list of errors (at least one).</summary>
    public InvalidInputException(IReadOnlyList<Diagnostic> problems)
        : base(Describe(problems))
    {
        Problems = Array.AsReadOnly([.. problems]);
        ErrorCount = problems.Count;
    }

    /// <summary>Creates the exception for a single error.</summary>
    public InvalidInputException(Diagnostic problem)
        : this([problem])
    {
    }

    /// <summary>Every error kept, in file order (beyond 100, a last entry counts the rest).</summary>
    public IReadOnlyList<Diagnostic> Problems { get; }

    /// <summary>The number of errors found, including those not listed in <see cref="Problems"/>.</summary>
    public int ErrorCount { get; init; }

    private static string Describe(IReadOnlyList<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? problems[0].ToString()
            : $"{problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}";
    }
}

/// <summary>
/// The weighting rules cannot be met: a group of <see cref="Count"/> names with a cap of <see cref="Cap"/> cannot
/// hold a budget of <see cref="Budget"/> (n × cap &lt; budget), or a theme with a budget has no eligible member.
/// Weights are never renormalised silently.
/// </summary>
public sealed class InfeasibleWeightingException : AgixException
{
    /// <summary>Creates the exception.</summary>
    public InfeasibleWeightingException(string group, int count, double cap, double budget, string? context = null, string? detail = null)
        : base(Describe(group, count, cap, budget, context) + (detail is null ? string.Empty : $" ({detail})"))
    {
        Group = group;
        Count = count;
        Cap = cap;
        Budget = budget;
    }

    /// <summary>The group that cannot be weighted (a theme name, or "all themes").</summary>
    public string Group { get; }

    /// <summary>The number of eligible names in the group.</summary>
    public int Count { get; }

    /// <summary>The cap per name (or per theme).</summary>
    public double Cap { get; }

    /// <summary>The total weight the group has to hold.</summary>
    public double Budget { get; }

    private static string Describe(string group, int count, double cap, double budget, string? context)
    {
        var where = context is null ? string.Empty : $"{context}: ";
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return count == 0
            ? string.Create(inv, $"{where}infeasible weighting: {group} has a budget of {budget:0.######} but no eligible member")
            : string.Create(inv, $"{where}infeasible weighting: {group} has {count} eligible name(s) with a cap of {cap:0.######}, which can hold at most {count * cap:0.######}, less than its budget of {budget:0.######}");
    }
}
