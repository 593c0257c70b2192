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
    private readonly List<string> _hiddenFiles = [];

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
        else if (!_hiddenFiles.Contains(file))
        {
            _hiddenFiles.Add(file);
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

    /// <summary>Records the warnings of another bag after those found so far, as if they had been recorded here.</summary>
    public void AddWarnings(DiagnosticBag other)
    {
        foreach (var w in other._warnings)
        {
            Warning(w.File, w.Line, w.Column, w.Message);
        }

        WarningCount += other.WarningCount - other._warnings.Count;
    }

    /// <summary>
    /// Throws an <see cref="InvalidInputException"/> listing every error kept, if there is any; beyond
    /// <see cref="MaxErrors"/>, a last entry counts the rest: <c>prices.csv: error: 50 more error(s) not shown (150 in all)</c>.
    /// </summary>
    public void ThrowIfErrors()
    {
        if (!HasErrors)
        {
            return;
        }

        var list = new List<Diagnostic>(_errors);
        if (ErrorCount > _errors.Count)
        {
            var hidden = ErrorCount - _errors.Count;
            var where = _hiddenFiles.Count > 1 ? $", in {string.Join(", ", _hiddenFiles)}" : string.Empty;
            list.Add(Diagnostic.Error(_hiddenFiles[0], 0, 0, $"{hidden} more error(s) not shown{where} ({ErrorCount} in all)"));
        }

        throw new InvalidInputException(list) { ErrorCount = ErrorCount };
    }

    /// <summary>The warnings kept, with a last entry that counts the rest when there were more than <see cref="MaxErrors"/>.</summary>
    public IReadOnlyList<Diagnostic> WarningsWithOverflow()
    {
        if (WarningCount <= _warnings.Count)
        {
            return _warnings;
        }

        return [.. _warnings, Diagnostic.Warning(_warnings[^1].File, 0, 0, $"{WarningCount - _warnings.Count} more warning(s) not shown ({WarningCount} in all)")];
    }
}
