namespace Agix.Prices;

/// <summary>
/// Collects the errors and warnings found while reading inputs, so that one run reports every problem. Keeps
/// at most <see cref="MaxErrors"/> errors (and as many warnings) and counts the rest.
/// </summary>
internal sealed class DiagnosticBag
{
    /// <summary>The number of errors (and, separately, warnings) kept in full.</summary>
    public const int MaxErrors = 100;

    private readonly List<Diagnostic> _errors = [];
    private readonly List<Diagnostic> _warnings = [];

    /// <summary>The errors kept, in the order found.</summary>
    public IReadOnlyList<Diagnostic> Errors => _errors;

    /// <summary>The warnings kept, in the order found.</summary>
    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    /// <summary>All errors found, including those beyond <see cref="MaxErrors"/>.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>All warnings found, including those beyond <see cref="MaxErrors"/>.</summary>
    public int WarningCount { get; private set; }

    /// <summary>Whether any error was found.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>Records an error.</summary>
    public void Error(string file, int line, int column, string message)
    {
        ErrorCount++;
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(Diagnostic.Error(file, line, column, message));
        }
    }

    /// <summary>Records a warning.</summary>
    public void Warning(string file, int line, int column, string message)
    {
        WarningCount++;
        if (_warnings.Count < MaxErrors)
        {
            _warnings.Add(Diagnostic.Warning(file, line, column, message));
        }
    }

    /// <summary>Throws an <see cref="InvalidInputException"/> listing every error, if there is any.</summary>
    public void ThrowIfErrors()
    {
        if (!HasErrors)
        {
            return;
        }

        var list = new List<Diagnostic>(_errors);
        if (ErrorCount > _errors.Count)
        {
            list.Add(Diagnostic.Error(_errors[^1].File, 0, 0, $"{ErrorCount - _errors.Count} more error(s) not shown"));
        }

        throw new InvalidInputException(list);
    }
}
