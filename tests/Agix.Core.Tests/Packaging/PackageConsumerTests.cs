using System.Diagnostics;
using System.Globalization;

namespace Agix.Tests.Packaging;

/// <summary>
/// Runs the install commands of docs/library.md (the <c>sh</c> block after <c>&lt;!-- consumer-commands</c>) in a
/// temporary folder, as a user on a fresh machine would, then builds and runs the documented program (the
/// <c>csharp</c> block after <c>&lt;!-- consumer-program</c>) against the package and compares its output with the
/// same computation in process.
/// </summary>
/// <remarks>
/// <para>
/// Every command of the block runs as written, in order, with two adaptations, both for the <c>dotnet pack</c> line
/// alone: it runs in the real repository (the folder standing in for it is empty) with its <c>-o</c> folder resolved
/// against the stand-in, i.e. inside the temporary folder, and with <c>--artifacts-path</c> in the temporary folder,
/// so the test writes nothing into the repository. <c>cd</c> changes the folder of the later commands.
/// </para>
/// <para>
/// The commands run with a private, empty NuGet packages folder (<c>NUGET_PACKAGES</c>): a machine-wide cache holding
/// NodaTime, CsvHelper and MathNet.Numerics would hide a missing nuget.org source (the old
/// <c>dotnet add package Agix.Core --source ./feed</c> succeeds on a warm cache and fails with NU1101 on a fresh one),
/// and it keeps the packed Agix.Core out of the shared cache. The dependencies come from nuget.org, as for a user.
/// The pack itself restores with the usual cache: restored into the private folder, its dependencies would hide the
/// missing source again.
/// </para>
/// </remarks>
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly TempFiles _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void The_documented_install_commands_and_program_work_on_a_fresh_machine_and_compute_the_same_backtest()
    {
        var library = File.ReadAllText(RepoFiles.Path("docs", "library.md"));
        var commands = Commands(Block(library, "<!-- consumer-commands", "sh"));
        var program = Block(library, "<!-- consumer-program", "csharp");
        commands.Should().Contain(c => c[0] == "dotnet" && c[1] == "pack", "the block builds the package it installs");

        var standIn = Directory.CreateDirectory(Path.Combine(_work.Folder, "agix")).FullName;   // "the repository root"
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(_work.Folder, "nuget-packages")).FullName,
            ["NUGET_FALLBACK_PACKAGES"] = null,
        };

        var folder = standIn;
        foreach (var command in commands)
        {
            if (command[0] == "cd")
            {
                command.Should().HaveCount(2, "cd takes one folder");
                folder = Path.GetFullPath(Path.Combine(folder, command[1]));
                Directory.Exists(folder).Should().BeTrue($"`cd {command[1]}` goes to an existing folder");
            }
            else if (command[0] == "dotnet" && command[1] == "pack")
            {
                var arguments = command.Skip(1).ToList();
                var output = arguments.IndexOf("-o") is var o and >= 0 ? o + 1 : arguments.IndexOf("--output") + 1;
                output.Should().BePositive("the pack command names its output folder");
                arguments[output] = Path.GetFullPath(Path.Combine(folder, arguments[output]));
                arguments.AddRange(["--artifacts-path", Path.Combine(_work.Folder, "artifacts")]);
                Run("dotnet", arguments, RepoFiles.RootFolder, new Dictionary<string, string?>());   // the developer's cache, not the user's
                Directory.GetFiles(arguments[output], "Agix.Core.*.nupkg").Should().ContainSingle();
                Directory.GetFiles(arguments[output], "Agix.Core.*.snupkg").Should().ContainSingle("a symbols package ships next to it");
            }
            else
            {
                Run(command[0], command.Skip(1), folder, environment);
            }
        }

        var project = Directory.GetFiles(folder, "*.csproj").Should().ContainSingle("the commands end in the consumer project").Subject;
        File.ReadAllText(project).Should().Contain("<PackageReference Include=\"Agix.Core\"");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        CopyFolder(RepoFiles.Path("data"), Path.Combine(folder, "data"));

        // The program formats with the current culture; run it invariant to compare with the in-process numbers.
        environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        var printed = Run("dotnet", ["run"], folder, environment);

        var data = IndexData.Load(RepoFiles.Path("data"));
        var index = IndexCalculator.Compute(data);
        var result = Backtest.Run(data, new BacktestOptions(Benchmarks: ["SPY", "QQQ"]));
        var invariant = CultureInfo.InvariantCulture;
        string[] expected =
        [
            string.Create(invariant, $"{index.Dates[^1]:uuuu-MM-dd}: {index.GrossTotalReturn[^1]:F2}"),
            string.Create(invariant, $"CAGR {result.Statistics.Cagr:P1}, Sharpe {result.Statistics.Sharpe:F2}"),
            .. result.Benchmarks.Select(b => string.Create(invariant,
                $"{b.Symbol} ({b.ReturnType}): beta {b.Relative.Beta:F2}, up/down capture {b.Relative.UpCapture:F2}/{b.Relative.DownCapture:F2}")),
        ];
        result.Benchmarks.Should().HaveCount(2);
        var lines = printed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainInOrder(expected, "the packaged library computes what the project does:\n{0}", printed);
    }

    [Fact]
    public void The_block_parser_reads_commands_comments_and_chains()
    {
        var markdown = """
            text
            <!-- consumer-commands -->
            ```sh
            dotnet new console -o App   # a comment
            # a whole-line comment

            cd App && dotnet add package Agix.Core
            ```
            ```sh
            not this
            ```
            """;

        Commands(Block(markdown, "<!-- consumer-commands", "sh")).Should().BeEquivalentTo(
            new[] { new[] { "dotnet", "new", "console", "-o", "App" }, ["cd", "App"], ["dotnet", "add", "package", "Agix.Core"] },
            o => o.WithStrictOrdering());
        var unsupported = () => Commands("dotnet add package \"Agix Core\" | tee log");
        unsupported.Should().Throw<InvalidOperationException>().WithMessage("*quotes, pipes*");
    }

    /// <summary>The fenced block (```<paramref name="language"/>) that follows the line starting with <paramref name="marker"/>.</summary>
    private static string Block(string markdown, string marker, string language)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(marker, StringComparison.Ordinal));
        at.Should().BeGreaterThanOrEqualTo(0, $"docs/library.md marks the block with {marker}");
        lines[at + 1].Trim().Should().Be("```" + language, $"the fence follows {marker} directly");
        var end = Array.FindIndex(lines, at + 2, l => l.Trim() == "```");
        end.Should().BePositive("the block is closed");
        return string.Join('\n', lines[(at + 2)..end]) + "\n";
    }

    /// <summary>
    /// The commands of a shell block, one per line or joined by <c>&amp;&amp;</c>, without comments, split at spaces.
    /// Anything a plain split would misread (quotes, pipes, variables, redirections) is refused.
    /// </summary>
    private static List<string[]> Commands(string block)
    {
        var commands = new List<string[]>();
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.TrimStart().StartsWith('#') ? "" : raw;
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            line = (comment >= 0 ? line[..comment] : line).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.IndexOfAny(['"', '\'', '|', ';', '$', '<', '>', '`', '\\']) >= 0)
            {
                throw new InvalidOperationException($"The test runs plain commands only (no quotes, pipes, variables or redirections): {line}");
            }

            foreach (var part in line.Split("&&"))
            {
                commands.Add(part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return commands;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string Run(string file, IEnumerable<string> arguments, string folder, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";   // no build nodes left behind by the test
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var line = $"{file} {string.Join(' ', start.ArgumentList)} (in {folder})";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{line} did not finish in {CommandTimeout}");
        }

        var text = stdout.Result + stderr.Result;
        process.ExitCode.Should().Be(0, $"{line} failed:\n{text}");
        return text;
    }
}
