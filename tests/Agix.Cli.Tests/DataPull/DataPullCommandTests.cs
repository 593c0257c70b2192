using System.Globalization;
using NodaTime;

namespace Agix.Tests.DataPull;

/// <summary>A clean pull of the bundled demo data through the fake Yahoo and SEC server, shared by the tests.</summary>
public sealed class CleanPull : IDisposable
{
    public CleanPull()
    {
        Server = FakeMarketServer.Start(RepoFiles.Path("data"));
        Shares = Server.WriteSharesFile(Path.Combine(Path.GetTempPath(), $"agix-shares-{Guid.NewGuid():N}.csv"), ["TSM"]);
        Folder = DataPullCommandTests.NewFolder();
        (Exit, Out, Err) = Cli.Run(DataPullCommandTests.Args(Server, Folder, Shares));
    }

    internal FakeMarketServer Server { get; }

    public string Shares { get; }

    public string Folder { get; }

    public int Exit { get; }

    public string Out { get; }

    public string Err { get; }

    public void Dispose()
    {
        Server.Dispose();
        File.Delete(Shares);
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class DataPullCommandTests(CleanPull clean) : IClassFixture<CleanPull>, IDisposable
{
    private readonly List<string> _folders = [];

    internal static string NewFolder() => Path.Combine(Path.GetTempPath(), "agix-pull-" + Guid.NewGuid().ToString("N"));

    internal static string[] Args(FakeMarketServer server, string folder, string? shares, params string[] more) =>
    [
        "data", "pull", "--out", folder, "--yahoo-url", server.YahooUrl, "--sec-url", server.SecUrl,
        "--user-agent", "agix tests tests@example.com", "--retry-delay", "0.01", "--timeout", "5",
        .. shares is null ? Array.Empty<string>() : ["--shares", shares], .. more,
    ];

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Folder()
    {
        var folder = NewFolder();
        _folders.Add(folder);
        return folder;
    }

    private static Dictionary<(string Date, string Symbol), string[]> Rows(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]));

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string Iso(LocalDate? d) => d!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    [Fact]
    public void A_pull_gives_back_every_raw_close_dividend_split_and_share_count_of_the_demo_data()
    {
        clean.Exit.Should().Be(0, clean.Err);
        clean.Out.Should().StartWith("Pulled 26 symbols and 4 benchmarks into ");
        File.ReadLines(Path.Combine(clean.Folder, "prices.csv")).First().Should().Be("date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap");
        File.ReadLines(Path.Combine(clean.Folder, "benchmarks.csv")).First().Should().Be("date,symbol,close,dividend,split_ratio");

        foreach (var file in new[] { "prices.csv", "benchmarks.csv" })
        {
            var demo = Rows(RepoFiles.Path("data", file));
            var pulled = Rows(Path.Combine(clean.Folder, file));
            pulled.Keys.Should().BeEquivalentTo(demo.Keys, file);
            foreach (var (key, d) in demo)
            {
                var p = pulled[key];
                for (var c = 2; c <= 4; c++)
                {
                    Num(p[c]).Should().Be(Num(d[c]), $"{file} {key} column {c}");
                }

                if (file == "prices.csv")
                {
                    Num(p[5]).Should().Be(Num(d[5]), $"shares of {key}");
                    Num(p[6]).Should().BeApproximately(Num(d[6]), Num(d[6]) * 1e-12, $"market cap of {key}");
                }
            }
        }
    }

    [Fact]
    public void A_pull_reproduces_the_demo_backtest_to_1e_9()
    {
        var demo = Backtest.Run(IndexData.Load(RepoFiles.Path("data")));
        var pulled = Backtest.Run(IndexData.Load(clean.Folder));

        pulled.Dates.Should().Equal(demo.Dates);
        pulled.Levels.Should().Equal(demo.Levels, (a, b) => Math.Abs(a - b) <= 1e-9 * b);
        pulled.Statistics.TotalReturn.Should().BeApproximately(demo.Statistics.TotalReturn, 1e-9);
        pulled.Benchmarks.Select(b => b.Statistics.TotalReturn).Should().Equal(demo.Benchmarks.Select(b => b.Statistics.TotalReturn), (a, b) => Math.Abs(a - b) <= 1e-9);
        pulled.Index.Rebalances.SelectMany(r => r.Constituents.Select(c => c.Weight)).Should().Equal(
            demo.Index.Rebalances.SelectMany(r => r.Constituents.Select(c => c.Weight)), (a, b) => Math.Abs(a - b) <= 1e-9);
    }

    [Fact]
    public void The_pulled_folder_passes_validate_and_runs_backtest_and_says_nothing_synthetic()
    {
        var (exit, output, error) = Cli.Run("validate", "--data", clean.Folder);
        var (btExit, btOutput, btError) = Cli.Run("backtest", "--data", clean.Folder);

        exit.Should().Be(0, error);
        output.Should().Contain("OK: no errors");
        btExit.Should().Be(0, btError);
        btOutput.Should().NotContain("SYNTHETIC");
        Directory.GetFiles(clean.Folder).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["prices.csv", "benchmarks.csv", "universe.csv", "methodology.json", "shares.csv", ".agix-pull.json"]);
    }

    [Fact]
    public void An_update_after_a_pull_to_an_earlier_date_equals_a_one_shot_pull_byte_for_byte_and_asks_for_no_day_twice()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));

        var (first, _, firstError) = Cli.Run(Args(server, folder, clean.Shares, "--to", "2024-06-30"));
        var firstRequests = server.Requests.Count;
        var (second, output, secondError) = Cli.Run(Args(server, folder, null));

        first.Should().Be(0, firstError);
        second.Should().Be(0, secondError);
        output.Should().StartWith("Updated 26 symbols");
        Snapshot(folder).Should().BeEquivalentTo(Snapshot(clean.Folder), "an update gives what a fresh pull gives");

        // Daily bars: the first pull asked up to 2024-06-30 (its last day is 2024-06-28), the update only after it; two
        // requests of a symbol may share only days without trading (the weekend of 2024-06-29).
        var tradingDays = Rows(RepoFiles.Path("data", "prices.csv")).Keys.Select(k => k.Date).ToHashSet();
        var daily = server.Requests.Where(r => r.Host == "yahoo" && r.Query.Contains("interval=1d", StringComparison.Ordinal)).ToList();
        var update = server.Requests.Skip(firstRequests).Where(r => r.Host == "yahoo").ToList();
        update.Should().NotBeEmpty().And.OnlyContain(r => r.Query.Contains("interval=1d", StringComparison.Ordinal) && r.From > new LocalDate(2024, 6, 28));
        foreach (var symbol in daily.Select(r => r.Symbol).Distinct())
        {
            var ranges = daily.Where(r => r.Symbol == symbol).OrderBy(r => r.From).ToList();
            for (var i = 1; i < ranges.Count; i++)
            {
                var shared = tradingDays.Where(d => string.CompareOrdinal(d, Iso(ranges[i].From)) >= 0 && string.CompareOrdinal(d, Iso(ranges[i - 1].To)) < 0);
                shared.Should().BeEmpty($"{symbol}: no trading day is asked for twice");
            }
        }
    }

    [Fact]
    public void A_second_pull_with_nothing_new_asks_yahoo_only_for_a_symbol_whose_data_stopped_and_changes_no_byte()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
        Cli.Run(Args(server, folder, clean.Shares, "--to", "2025-12-31")).Exit.Should().Be(0);
        var before = Snapshot(folder);
        var requests = server.Requests.Count;

        var (exit, _, error) = Cli.Run(Args(server, folder, null, "--to", "2025-12-31"));

        exit.Should().Be(0, error);
        Snapshot(folder).Should().BeEquivalentTo(before);
        server.Requests.Skip(requests).Where(r => r.Host == "yahoo").Select(r => r.Symbol).Distinct().Should().Equal(["DELL"], "each symbol is asked after its own last row; DELL's stops on 2025-06-30");
    }

    [Fact]
    public void Rate_limits_server_errors_dropped_connections_and_truncated_bodies_are_survived()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
        server.Inject("chart/NVDA", new Fault.Status(429, RetryAfterSeconds: 1));
        server.Inject("chart/AAPL", new Fault.Status(500), times: 2);
        server.Inject("chart/MSFT", new Fault.TruncatedBody());
        server.Inject("chart/QQQ", new Fault.Garbage());
        server.Inject("chart/AMD", new Fault.DropConnection(), times: 4);
        server.Inject("company_tickers", new Fault.Status(503));
        server.Inject($"CIK{server.CikOf("META"):D10}", new Fault.TruncatedBody());

        var (exit, _, error) = Cli.Run(Args(server, folder, clean.Shares));

        exit.Should().Be(0, error);
        error.Should().Contain("retry: Yahoo Finance: NVDA: HTTP 429").And.Contain("retry: SEC EDGAR: company_tickers.json: HTTP 503")
            .And.Contain("retry: Yahoo Finance: AMD: the connection failed").And.Contain("retry: Yahoo Finance: QQQ: an incomplete or unreadable response");
        Snapshot(folder).Should().BeEquivalentTo(Snapshot(clean.Folder));
        var nvda = server.Requests.Where(r => r.Symbol == "NVDA" && r.Host == "yahoo").ToList();
        (nvda[1].TimestampMs - nvda[0].TimestampMs).Should().BeGreaterThanOrEqualTo(950, "Retry-After: 1 is honoured");
    }

    [Fact]
    public void An_unknown_symbol_is_exit_2_naming_it_and_the_folder_is_left_exactly_as_it_was()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"), new FakeMarketOptions(UnknownToYahoo: new HashSet<string> { "CRWD", "^NDX" }));
        using (var before2024 = FakeMarketServer.Start(RepoFiles.Path("data")))
        {
            Cli.Run(Args(before2024, folder, clean.Shares, "--to", "2024-06-30")).Exit.Should().Be(0);
        }

        var before = Snapshot(folder);

        var (exit, output, error) = Cli.Run(Args(server, folder, null));

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("universe.csv: error: CRWD: Yahoo Finance answers 'Not Found'").And.Contain("methodology.json: error: ^NDX: Yahoo Finance answers 'Not Found'");
        Snapshot(folder).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void A_source_that_keeps_failing_is_exit_4_naming_the_symbol_and_nothing_is_written()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
        server.Inject("chart/AVGO", new Fault.Status(502), times: 10);

        var (exit, _, error) = Cli.Run(Args(server, folder, clean.Shares, "--max-attempts", "3"));

        exit.Should().Be(4);
        error.Should().Contain("error: Yahoo Finance: AVGO: HTTP 502").And.Contain("gave up after 3 attempt(s)");
        Directory.Exists(folder).Should().BeFalse("a folder the pull created is removed again");
        server.Requests.Count(r => r.Symbol == "AVGO" && r.Host == "yahoo").Should().Be(3);
    }

    [Fact]
    public void An_unreachable_source_is_exit_4()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));

        string[] args = [.. Args(server, folder, clean.Shares, "--max-attempts", "2").Select(a => a == server.YahooUrl ? "http://127.0.0.1:9/yahoo" : a)];

        var (exit, _, error) = Cli.Run(args);

        exit.Should().Be(4);
        error.Should().Contain("Yahoo Finance").And.Contain("the connection failed");
    }

    [Fact]
    public void Members_without_any_share_count_are_listed_with_how_to_supply_them()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"), new FakeMarketOptions(ForeignFilers: new HashSet<string> { "TSM", "NVDA", "ARM" }));

        var (exit, _, error) = Cli.Run(Args(server, folder, clean.Shares));

        exit.Should().Be(2);
        error.Should().Contain("SEC EDGAR: error: no share count for NVDA, ARM: ").And.Contain("--shares FILE");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public void A_split_between_a_filings_end_and_a_rebalance_gives_the_right_market_cap()
    {
        // With a 45-day filing lag the count known at NVDA's 2024-06-10 split was as of mid-February, before it:
        // from the split on it must be multiplied by 10 until the next filing, or NVDA's weight collapses at the
        // June rebalance (S = 2024-06-13).
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"), new FakeMarketOptions(FilingLagDays: 45));

        var (exit, _, error) = Cli.Run(Args(server, folder, clean.Shares));

        exit.Should().Be(0, error);
        var pulled = Rows(Path.Combine(folder, "prices.csv"));
        var demo = Rows(RepoFiles.Path("data", "prices.csv"));
        foreach (var date in new[] { "2024-06-07", "2024-06-10", "2024-06-13", "2024-06-28" })
        {
            Num(pulled[(date, "NVDA")][6]).Should().BeApproximately(Num(demo[(date, "NVDA")][6]), 1, date);
        }

        var weights = IndexCalculator.RebalanceOn(IndexData.Load(folder), new LocalDate(2024, 6, 21)).Constituents.Single(c => c.Symbol == "NVDA").Weight;
        weights.Should().BeApproximately(IndexCalculator.RebalanceOn(IndexData.Load(RepoFiles.Path("data")), new LocalDate(2024, 6, 21)).Constituents.Single(c => c.Symbol == "NVDA").Weight, 1e-12);
    }

    [Fact]
    public void Sec_is_asked_at_most_ten_times_a_second_with_the_user_agent()
    {
        // The clean pull's SEC requests: the ticker map and 25 company facts. The client spaces them 125 ms apart (8 a
        // second); arrival times at a busy server jitter, so the test checks the rate over the whole pull, with room for
        // that jitter at both ends: 26 requests take at least 25 × 100 ms.
        var sec = clean.Server.Requests.Where(r => r.Host == "sec").OrderBy(r => r.TimestampMs).Take(26).ToList();

        sec.Should().HaveCount(26).And.OnlyContain(r => r.UserAgent == "agix tests tests@example.com");
        (sec[^1].TimestampMs - sec[0].TimestampMs).Should().BeGreaterThanOrEqualTo(2500, "at most 10 SEC requests a second on average");
    }

    [Fact]
    public void Without_a_user_agent_the_pull_stops_with_exit_1_and_says_why()
    {
        var (exit, _, error) = Cli.Run("data", "pull", "--out", Folder(), "--yahoo-url", clean.Server.YahooUrl, "--sec-url", clean.Server.SecUrl);

        exit.Should().Be(1);
        error.Should().Contain("SEC EDGAR requires a User-Agent").And.Contain("--user-agent").And.Contain("AGIX_USER_AGENT");
    }

    [Fact]
    public void A_folder_with_data_a_pull_did_not_make_is_refused_without_force()
    {
        var folder = Folder();
        Directory.CreateDirectory(folder);
        File.Copy(RepoFiles.Path("data", "prices.csv"), Path.Combine(folder, "prices.csv"));

        var (exit, _, error) = Cli.Run(Args(clean.Server, folder, clean.Shares));

        exit.Should().Be(1);
        error.Should().Contain("the folder holds data that agix data pull did not make; refusing to replace it (use --force");
        File.ReadAllBytes(Path.Combine(folder, "prices.csv")).Should().Equal(File.ReadAllBytes(RepoFiles.Path("data", "prices.csv")));
    }

    [Fact]
    public void Progress_is_a_line_per_symbol_in_a_log_and_nothing_with_quiet()
    {
        var folder = Folder();

        var (exit, output, error) = Cli.Run(Args(clean.Server, folder, clean.Shares, "--quiet"));

        exit.Should().Be(0, error);
        output.Should().BeEmpty();
        error.Should().NotContain("trading days");
        clean.Err.Should().Contain("NVDA: 1003 trading days to 2025-12-31").And.Contain("^GSPC: ");
    }

    [Fact]
    public void An_update_asks_each_symbol_after_its_own_last_row_so_a_day_one_symbol_missed_is_filled()
    {
        // Yahoo sends no close for NVDA on 2025-06-30 during the first pull: the update asks NVDA from that day on and
        // ends with what a fresh pull gives.
        var folder = Folder();
        var gap = new HashSet<(string, LocalDate)> { ("NVDA", new LocalDate(2025, 6, 30)) };
        using (var gappy = FakeMarketServer.Start(RepoFiles.Path("data"), new FakeMarketOptions(NullCloses: gap)))
        {
            Cli.Run(Args(gappy, folder, clean.Shares, "--to", "2025-06-30")).Exit.Should().Be(0);
        }

        File.ReadAllText(Path.Combine(folder, "prices.csv")).Should().NotContain("2025-06-30,NVDA,");
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));

        var (exit, _, error) = Cli.Run(Args(server, folder, null));

        exit.Should().Be(0, error);
        Snapshot(folder).Should().BeEquivalentTo(Snapshot(clean.Folder));
        server.Requests.Single(r => r.Host == "yahoo" && r.Symbol == "NVDA").From.Should().Be(new LocalDate(2025, 6, 28));
    }

    [Fact]
    public void A_manifest_that_does_not_match_its_files_gives_a_fresh_pull()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
        Cli.Run(Args(server, folder, clean.Shares, "--to", "2024-06-30")).Exit.Should().Be(0);
        File.AppendAllText(Path.Combine(folder, "benchmarks.csv"), "2024-07-01,SPY,1,0,1\n"); // edited by hand
        File.WriteAllText(Path.Combine(folder, ".agix-pull.json.bak"), "x");
        var requests = server.Requests.Count;

        var (exit, _, error) = Cli.Run(Args(server, folder, null));

        exit.Should().Be(0, error);
        server.Requests.Skip(requests).Where(r => r.Host == "yahoo" && r.Query.Contains("interval=1d", StringComparison.Ordinal)).Should().OnlyContain(r => r.From < new LocalDate(2022, 1, 1), "every symbol is pulled in full again");
        File.ReadAllBytes(Path.Combine(folder, "prices.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(clean.Folder, "prices.csv")));
    }

    [Fact]
    public void A_corrupt_manifest_gives_a_fresh_pull_not_a_crash()
    {
        var folder = Folder();
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
        Cli.Run(Args(server, folder, clean.Shares, "--to", "2024-06-30")).Exit.Should().Be(0);
        File.WriteAllText(Path.Combine(folder, ".agix-pull.json"), "{\"from\": ");

        var (exit, _, error) = Cli.Run(Args(server, folder, null));

        exit.Should().Be(0, error);
        File.ReadAllBytes(Path.Combine(folder, "prices.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(clean.Folder, "prices.csv")));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_made_is_exit_3_before_any_request()
    {
        var file = Path.Combine(Folder() + "-file");
        File.WriteAllText(file, "x");
        using var server = FakeMarketServer.Start(RepoFiles.Path("data"));

        try
        {
            var (exit, _, error) = Cli.Run(Args(server, Path.Combine(file, "sub"), clean.Shares));

            exit.Should().Be(3);
            error.Should().Contain("is a file, not a folder");
            server.Requests.Should().BeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_start_after_the_base_date_is_refused_with_the_reason()
    {
        var (exit, _, error) = Cli.Run(Args(clean.Server, Folder(), clean.Shares, "--from", "2024-01-02"));

        exit.Should().Be(2);
        error.Should().Contain("--from: error: the pull would start on 2024-01-02, after the methodology's base date 2022-11-30");
    }

    [Fact]
    public void A_member_with_share_counts_for_part_of_the_window_is_named_at_the_rebalances_it_misses()
    {
        var folder = Folder();
        var shares = Path.Combine(Folder() + ".csv");
        File.WriteAllText(shares, "symbol,date,shares_outstanding\nTSM,2024-01-02,5186000000\n");
        try
        {
            var (exit, _, error) = Cli.Run(Args(clean.Server, folder, shares));

            exit.Should().Be(0, error);
            error.Should().Contain("base date 2022-11-30: TSM has a close but no market cap (or share count) on the selection date 2022-11-22, so it is not eligible");
        }
        finally
        {
            File.Delete(shares);
        }
    }
}
