namespace Agix.Cli;

/// <summary>Loads the inputs a command needs.</summary>
internal static class Inputs
{
    public static IndexData Load(DataPaths paths) => IndexData.Load(paths, Display);

    /// <summary>How a path is named in messages: files of the bundled folder as <c>data/NAME</c> (bundled), others as given.</summary>
    public static string Display(string path)
    {
        var bundled = Path.GetFullPath(BundledData.Folder) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(bundled, StringComparison.Ordinal)
            ? $"data/{Path.GetRelativePath(bundled, path)} (bundled)"
            : path;
    }

    public static IEnumerable<string> Files(DataPaths paths) =>
        new[] { paths.Prices, paths.Benchmarks, paths.Universe, paths.Methodology, paths.Scores }.Where(p => p is not null)!;
}
