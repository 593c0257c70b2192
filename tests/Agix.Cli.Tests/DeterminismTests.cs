using System.Diagnostics;
using Agix.Cli;

namespace Agix.Tests;

/// <summary>
/// Every output format is byte-identical across runs, machine cultures (de-DE, fr-FR, tr-TR, ar-SA) and time
/// zones: the CLI runs as a separate process under each setting.
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private static readonly string[][] Commands =
    [
        ["backtest", "--output", "{0}/table.txt", "--chart", "{0}/chart.png", "--chart-years", "{0}/years.svg", "--rolling", "{0}/rolling.csv", "--theme-weights", "{0}/weights.csv", "--log-scale"],
        ["backtest", "-f", "json", "-o", "{0}/backtest.json"],
        ["backtest", "-f", "markdown", "-o", "{0}/backtest.md"],
        ["backtest", "-f", "html", "-o", "{0}/backtest.html"],
        ["backtest", "-f", "csv", "-o", "{0}/backtest.csv", "--return-type", "net"],
        ["levels", "-f", "csv", "-o", "{0}/levels.csv"],
        ["levels", "-f", "json", "-o", "{0}/levels.json"],
        ["rebalance", "--date", "2025-06-20", "-f", "json", "-o", "{0}/rebalance.json"],
        ["rebalance", "--date", "2025-06-20", "-f", "csv", "-o", "{0}/rebalance.csv"],
        ["validate", "-f", "json", "-o", "{0}/validate.json"],
        ["schedule", "--from", "2025-01-01", "--to", "2027-12-31", "-f", "json", "-o", "{0}/schedule.json"],
        ["trades", "--date", "2025-06-20", "--holdings", "{0}/holdings.in", "--cash", "12345.67", "--lot", "5", "-f", "csv", "-o", "{0}/trades.csv"],
        ["trades", "--date", "2025-06-20", "--holdings", "{0}/holdings.in", "--cash", "12345.67", "-f", "markdown", "-o", "{0}/trades.md"],
        ["compare", "--methodology", "{0}/cap10.in", "--methodology", "{0}/cap15.in", "-f", "html", "-o", "{0}/compare.html"],
        ["sweep", "--vary", "weighting.stockCap=0.05,0.10,0.15", "--vary", "transactionCostBps=0,25", "-f", "html", "-o", "{0}/sweep.html"],
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "agix-determinism-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Outputs_are_byte_identical_across_runs_cultures_and_time_zones()
    {
        (string Name, string Locale, string Zone)[] settings =
        [
            ("baseline", "C.UTF-8", "UTC"),
            ("again", "C.UTF-8", "UTC"),
            ("de-DE", "de_DE.UTF-8", "Europe/Berlin"),
            ("fr-FR", "fr_FR.UTF-8", "America/New_York"),
            ("tr-TR", "tr_TR.UTF-8", "Asia/Kolkata"),
            ("ar-SA", "ar_SA.UTF-8", "Pacific/Chatham"),
        ];

        await Task.WhenAll(settings.Select(s => Task.Run(() => RunAll(s.Name, s.Locale, s.Zone), TestContext.Current.CancellationToken)));

        var baseline = Path.Combine(_root, "baseline");
        var files = Directory.GetFiles(baseline).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCount(22, "14 outputs of backtest (html included), levels, rebalance and validate, 3 of schedule and trades, the html of compare and sweep, and the three inputs");
        foreach (var (name, _, _) in settings.Skip(1))
        {
            foreach (var file in files)
            {
                File.ReadAllBytes(Path.Combine(_root, name, file!)).Should().Equal(File.ReadAllBytes(Path.Combine(baseline, file!)), $"{file} under {name}");
            }
        }
    }

    [Fact]
    public void Numbers_use_a_decimal_point_under_a_decimal_comma_culture()
    {
        RunAll("comma", "de_DE.UTF-8", "Europe/Berlin");

        File.ReadAllLines(Path.Combine(_root, "comma", "levels.csv"))[1].Should().Be("2022-11-30,1000,1000,1000,1000");
        File.ReadAllText(Path.Combine(_root, "comma", "table.txt")).Should().Contain("Total return").And.MatchRegex(@"\d+\.\d %");
    }

    private void RunAll(string name, string locale, string zone)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "holdings.in"), "symbol,shares\nNVDA,1000\nMSFT,250.5\nAAPL,400\n");
        var methodology = File.ReadAllText(RepoFiles.Path("data", "methodology.json"));
        File.WriteAllText(Path.Combine(folder, "cap10.in"), methodology);
        File.WriteAllText(Path.Combine(folder, "cap15.in"), methodology.Replace("\"stockCap\": 0.10", "\"stockCap\": 0.15", StringComparison.Ordinal));
        var agix = typeof(AgixCommand).Assembly.Location;
        foreach (var command in Commands)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(agix);
            foreach (var arg in command)
            {
                start.ArgumentList.Add(arg.Replace("{0}", folder, StringComparison.Ordinal));
            }

            start.Environment["LANG"] = locale;
            start.Environment["LC_ALL"] = locale;
            start.Environment["TZ"] = zone;
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false";
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0, $"{string.Join(' ', command)} under {name}: {error.Result}");
        }
    }
}
