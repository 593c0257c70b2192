namespace Agix.Cli;

/// <summary>Loads the inputs a command needs.</summary>
internal static class Inputs
{
    public static IndexData Load(DataPaths paths) => IndexData.Load(paths);

    public static IndexData With(IndexData data, Methodology methodology) => data.WithMethodology(methodology);

    public static IEnumerable<string> Files(DataPaths paths) =>
        new[] { paths.Prices, paths.Benchmarks, paths.Universe, paths.Methodology }.Where(p => p is not null)!;
}
