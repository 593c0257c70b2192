namespace Agix.Cli;

/// <summary>The exit codes of the CLI contract.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>An input file or the methodology is invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>An output file could not be written.</summary>
    public const int OutputFailed = 3;

    /// <summary>A data source (<c>agix data pull</c>) could not be reached or kept failing after its retries.</summary>
    public const int SourceUnavailable = 4;

    /// <summary>An unexpected internal error (a bug).</summary>
    public const int InternalError = 70;
}
