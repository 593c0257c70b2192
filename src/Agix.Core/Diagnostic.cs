using System.Globalization;

namespace Agix;

/// <summary>
/// What a <see cref="Diagnostic"/> is about when it is not a file: a value the caller chose (a front end such as the
/// command line names its own option for it).
/// </summary>
public static class Subjects
{
    /// <summary>The start of a window (a backtest's or a pull's first date).</summary>
    public const string WindowStart = "window start";

    /// <summary>The end of a window (a backtest's, an index computation's or a pull's last date).</summary>
    public const string WindowEnd = "window end";

    /// <summary>The date a rebalance is asked for.</summary>
    public const string RebalanceDate = "rebalance date";
}

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>Reported, not fatal.</summary>
    Warning,

    /// <summary>The input cannot be used.</summary>
    Error,
}

/// <summary>
/// A problem found in an input: the file, the 1-based line and column (0 when they do not apply) and a plain
/// reason. Formats as <c>file:line:column: error: reason</c>, the convention compilers use.
/// </summary>
/// <param name="Severity">Whether the problem is fatal.</param>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">The 1-based line, or 0 when the problem is not tied to a line.</param>
/// <param name="Column">The 1-based column (field number for CSV files), or 0 when it does not apply.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record Diagnostic(Severity Severity, string File, int Line, int Column, string Message)
{
    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string file, int line, int column, string message) => new(Severity.Error, file, line, column, message);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string file, int line, int column, string message) => new(Severity.Warning, file, line, column, message);

    /// <inheritdoc />
    public override string ToString()
    {
        var location = Line > 0
            ? Column > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}") : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}")
            : File;
        var kind = Severity == Severity.Error ? "error" : "warning";
        return $"{location}: {kind}: {Message}";
    }
}
