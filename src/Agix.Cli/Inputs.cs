using System.Runtime.CompilerServices;

namespace Agix.Cli;

/// <summary>
/// Loads the inputs a command needs, and keeps what only the command line cares about: how a file is named to the
/// user (<see cref="Display"/>, <see cref="ForUser"/>) and whether the prices are the synthetic demo data
/// (<see cref="SyntheticData"/>: a <c>SYNTHETIC</c> marker beside the prices file).
/// </summary>
internal static class Inputs
{
    public static IndexData Load(DataPaths paths)
    {
        var data = IndexData.Load(paths);
        var folder = Path.GetDirectoryName(Path.GetFullPath(paths.Prices));
        if (folder is not null && File.Exists(Path.Combine(folder, DataPaths.SyntheticMarker)))
        {
            SyntheticData.Mark(data);
        }

        return data;
    }

    /// <summary>How a path is named in messages: files of the bundled folder as <c>data/NAME</c> (bundled), others as given.</summary>
    public static string Display(string path)
    {
        var bundled = Path.GetFullPath(BundledData.Folder) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(bundled, StringComparison.Ordinal)
            ? $"data/{Path.GetRelativePath(bundled, path)} (bundled)"
            : path;
    }

    /// <summary>A problem as the user should read it: the bundled files by their short names, a subject by its option.</summary>
    public static Diagnostic ForUser(Diagnostic d)
    {
        var withOption = CommandRunner.WithOption(d);
        return withOption.File.Length == 0 || withOption.File.StartsWith("--", StringComparison.Ordinal) ? withOption : withOption with { File = Display(withOption.File) };
    }

    public static IEnumerable<string> Files(DataPaths paths) =>
        new[] { paths.Prices, paths.Benchmarks, paths.Universe, paths.Methodology, paths.Scores }.Where(p => p is not null)!;
}

/// <summary>Which loaded data is the synthetic demo data: every report says so (the library itself does not care).</summary>
internal static class SyntheticData
{
    private static readonly ConditionalWeakTable<PricePanel, object> Marked = [];

    public static void Mark(IndexData data) => Marked.AddOrUpdate(data.Prices, Marked);

    extension(IndexData data)
    {
        /// <summary>Whether the prices come from a folder marked as synthetic (the bundled demo data).</summary>
        public bool IsSynthetic => Marked.TryGetValue(data.Prices, out _);
    }
}
