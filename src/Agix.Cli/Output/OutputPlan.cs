using System.CommandLine;

namespace Agix.Cli.Output;

/// <summary>
/// Every output file of one run, checked together before anything is computed or written, and then the only way a
/// command writes them. An output never destroys data:
/// <list type="bullet">
/// <item>it never replaces a file this run reads (exit 1, even with <c>--force</c>);</item>
/// <item>it replaces an existing file of a data folder (a folder holding <c>prices.csv</c> with <c>universe.csv</c> or
/// <c>methodology.json</c>, or the folder this run reads) only with <c>--force</c> (otherwise exit 1);</item>
/// <item>two outputs of the run never name the same file, links followed (exit 1);</item>
/// <item>an output whose folder is missing, or that is a folder, fails before any work (exit 3).</item>
/// </list>
/// Devices such as <c>/dev/stdout</c> and <c>/dev/null</c> are written in place and exempt from these checks.
/// </summary>
internal sealed class OutputPlan
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly Dictionary<Option, string> _paths;
    private readonly Option<string?> _main;

    private OutputPlan(Option<string?> main, Dictionary<Option, string> paths)
    {
        _main = main;
        _paths = paths;
    }

    /// <summary>Collects the outputs of the run (<paramref name="main"/> and <paramref name="others"/>) and checks them.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="main">The <c>--output</c> option: standard output when it is not given.</param>
    /// <param name="others">Every other output option of the command (charts, extra CSV files).</param>
    /// <param name="reads">The files this run reads.</param>
    /// <param name="dataFolder">The data folder this run reads (<c>--data</c> or the bundled one).</param>
    /// <param name="force">True with <c>--force</c>: an output may replace a file of a data folder.</param>
    /// <exception cref="UsageException">An output would destroy data or two outputs name the same file.</exception>
    /// <exception cref="OutputException">An output's folder is missing, or the output is a folder.</exception>
    public static OutputPlan Check(ParseResult result, Option<string?> main, IEnumerable<Option<string?>> others, IEnumerable<string> reads, string dataFolder, bool force)
    {
        var paths = new Dictionary<Option, string>();
        foreach (var option in others.Prepend(main))
        {
            if (result.GetValue(option) is { } path)
            {
                paths[option] = path;
            }
        }

        var inputs = reads.SelectMany(p => new[] { Path.GetFullPath(p), Resolve(p) }).ToList();
        var dataFolders = new[] { Path.GetFullPath(dataFolder), Resolve(dataFolder) };
        var seen = new List<(string Name, string Path, string Real)>();
        foreach (var (option, path) in paths)
        {
            var full = Path.GetFullPath(path);
            if (OutputTarget.IsDevice(full))
            {
                continue;
            }

            var name = $"{option.Name} {path}";
            var real = Resolve(path);
            if (inputs.Any(i => Same(i, full) || Same(i, real)))
            {
                throw new UsageException($"{name}: this run reads that file, so no output may replace it; choose another path");
            }

            if (Directory.Exists(real))
            {
                throw new OutputException($"{path}: cannot write: it is a folder");
            }

            var folder = Path.GetDirectoryName(full) ?? ".";
            if (!Directory.Exists(folder))
            {
                throw new OutputException($"{path}: cannot write: the folder {folder} does not exist");
            }

            if (!force && File.Exists(full))
            {
                foreach (var candidate in new[] { full, real }.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
                {
                    if (candidate is not null && (dataFolders.Any(d => Same(d, candidate)) || IsDataFolder(candidate)))
                    {
                        throw new UsageException($"{name}: refusing to replace a file of the data folder {candidate}; use --force to replace it, or choose another path");
                    }
                }
            }

            if (seen.FirstOrDefault(s => Same(s.Real, real)) is { Name: not null } earlier)
            {
                throw new UsageException($"{earlier.Name} and {name} name the same file; give each output its own path");
            }

            seen.Add((name, path, real));
        }

        return new OutputPlan(main, paths);
    }

    /// <summary>
    /// A folder of input data: it holds <c>prices.csv</c> together with <c>universe.csv</c> or
    /// <c>methodology.json</c> (as the repository's <c>data/</c> folder and the bundled copy do).
    /// </summary>
    public static bool IsDataFolder(string folder) =>
        File.Exists(Path.Combine(folder, DataPaths.PricesFile))
        && (File.Exists(Path.Combine(folder, DataPaths.UniverseFile)) || File.Exists(Path.Combine(folder, DataPaths.MethodologyFile)));

    /// <summary>Writes the main result to <c>--output</c>, or to <paramref name="stdout"/> when it is not given.</summary>
    public void WriteMain(TextWriter stdout, Action<TextWriter> write) =>
        OutputTarget.WriteText(_paths.GetValueOrDefault(_main), stdout, write);

    /// <summary>Writes text to the file named by <paramref name="option"/>, when it is given.</summary>
    public void WriteText(Option<string?> option, Action<TextWriter> write)
    {
        if (_paths.TryGetValue(option, out var path))
        {
            OutputTarget.WriteText(path, TextWriter.Null, write);
        }
    }

    /// <summary>Writes bytes (a chart, rendered for the path's format) to the file named by <paramref name="option"/>, when it is given.</summary>
    public void WriteBytes(Option<string?> option, Func<string, byte[]> render)
    {
        if (_paths.TryGetValue(option, out var path))
        {
            OutputTarget.WriteBytes(path, render(path));
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, PathComparison);

    /// <summary>The full path with every symbolic link on the way followed (as far as the path exists).</summary>
    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            try
            {
                var info = new FileInfo(next);
                if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    next = Path.GetFullPath(target.FullName);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A link loop or an unreadable link: compare the path as written.
            }

            current = next;
        }

        return current;
    }
}
