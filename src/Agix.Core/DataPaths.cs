namespace Agix;

/// <summary>The four input files of an index: prices, benchmarks, universe and methodology.</summary>
/// <param name="Prices">The constituent prices CSV.</param>
/// <param name="Benchmarks">The benchmark prices CSV, or null when no benchmark is needed.</param>
/// <param name="Universe">The universe CSV.</param>
/// <param name="Methodology">The methodology JSON, or null for the defaults.</param>
public sealed record DataPaths(string Prices, string? Benchmarks, string Universe, string? Methodology)
{
    /// <summary>The scores file name in a data folder (optional; the score-blend scheme needs it).</summary>
    public const string ScoresFile = "scores.csv";

    /// <summary>The scores CSV (<c>date,symbol,score</c>), or null for none.</summary>
    public string? Scores { get; init; }

    /// <summary>The file names expected in a data folder.</summary>
    public const string PricesFile = "prices.csv";

    /// <summary>The benchmark file name in a data folder.</summary>
    public const string BenchmarksFile = "benchmarks.csv";

    /// <summary>The universe file name in a data folder.</summary>
    public const string UniverseFile = "universe.csv";

    /// <summary>The methodology file name in a data folder.</summary>
    public const string MethodologyFile = "methodology.json";

    /// <summary>The marker file that says a folder's prices are synthetic.</summary>
    public const string SyntheticMarker = "SYNTHETIC";

    /// <summary>The four files of a data folder, and its <c>scores.csv</c> when there is one.</summary>
    public static DataPaths FromFolder(string folder) => new(
        Path.Combine(folder, PricesFile),
        Path.Combine(folder, BenchmarksFile),
        Path.Combine(folder, UniverseFile),
        Path.Combine(folder, MethodologyFile))
    {
        Scores = File.Exists(Path.Combine(folder, ScoresFile)) ? Path.Combine(folder, ScoresFile) : null,
    };
}
