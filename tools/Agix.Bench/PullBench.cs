using System.Diagnostics;
using System.Globalization;
using Agix.Sources;
using Agix.Tests.DataPull;
using NodaTime;

namespace Agix.Bench;

/// <summary>
/// Measures <c>agix data pull</c> against the local fake Yahoo/SEC server of the tests: a fresh pull of the bundled
/// universe (26 members and 4 benchmarks from 400 days before 2021-11-30 to 2025-12-31) and an update of it from
/// 2025-06-30. SEC's fair-access limit (8 requests a second here) is part of what is measured.
/// </summary>
internal static class PullBench
{
    public static async Task<int> RunAsync(string repo, int runs)
    {
        var data = Path.Combine(repo, "data");
        using var server = FakeMarketServer.Start(data);
        var shares = server.WriteSharesFile(Path.Combine(Path.GetTempPath(), $"agix-bench-shares-{Environment.ProcessId}.csv"), ["TSM"]);
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agix data pull against a local server ({Environment.ProcessorCount} cores, {runs} runs each)"));
            foreach (var (label, firstTo) in new[] { ("fresh pull", (LocalDate?)null), ("update from 2025-06-30", new LocalDate(2025, 6, 30)) })
            {
                var times = new List<double>();
                DataPullResult? last = null;
                for (var i = 0; i < runs; i++)
                {
                    var folder = Path.Combine(Path.GetTempPath(), $"agix-bench-pull-{Guid.NewGuid():N}");
                    try
                    {
                        if (firstTo is { } to)
                        {
                            await DataPull.RunAsync(Options(server, data, folder, shares, to), null).ConfigureAwait(false);
                        }

                        var watch = Stopwatch.StartNew();
                        last = await DataPull.RunAsync(Options(server, data, folder, shares, null), null).ConfigureAwait(false);
                        times.Add(watch.Elapsed.TotalSeconds);
                    }
                    finally
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }

                times.Sort();
                var median = times[times.Count / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label,-24} median {median:F2} s (min {times[0]:F2}, max {times[^1]:F2}); {last!.Requests} requests ({last.Requests / median:F1}/s), {last.NewRows:N0} new rows of {last.Rows:N0} ({last.NewRows / median:N0} rows/s)"));
            }

            return 0;
        }
        finally
        {
            File.Delete(shares);
        }
    }

    private static DataPullOptions Options(FakeMarketServer server, string data, string folder, string shares, LocalDate? to) =>
        new(folder, Path.Combine(data, "universe.csv"), Path.Combine(data, "methodology.json"), shares, null, to ?? new LocalDate(2025, 12, 31),
            new Uri(server.YahooUrl + "/"), new Uri(server.SecUrl + "/"), new Uri(server.SecUrl + "/"), "agix bench bench@example.com");
}
