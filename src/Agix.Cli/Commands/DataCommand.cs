using System.CommandLine;
using Agix.Sources;

namespace Agix.Cli.Commands;

/// <summary><c>agix data</c>: data management; <c>agix data pull</c> fetches real prices and share counts.</summary>
internal static class DataCommand
{
    /// <summary>The environment variable that gives the User-Agent when <c>--user-agent</c> is not given.</summary>
    public const string UserAgentVariable = "AGIX_USER_AGENT";

    public static Command Create() => new("data", "Fetch and manage data folders.") { Pull() };

    private static Command Pull()
    {
        var inputs = new InputOptions();
        var output = new Option<string>("--out") { Description = "The data folder to write or update (created when missing)", HelpName = "DIR", Required = true };
        var universe = new Option<string?>("--universe") { Description = "The universe to pull (default: the folder's universe.csv, else the bundled one)", HelpName = "FILE" };
        var methodology = new Option<string?>("--methodology") { Description = "The methodology: its base date sets the default start, its benchmarks are pulled (default: the folder's, else the bundled one)", HelpName = "FILE" };
        var from = InputOptions.DateOption("--from", "First date, yyyy-MM-dd (default: one year before the methodology's base date)");
        var to = InputOptions.DateOption("--to", "Last date, yyyy-MM-dd (default, and at the latest: the last completed NYSE trading day)");
        var shares = new Option<string?>("--shares") { Description = "Share counts that supply or replace SEC's (columns symbol,date,shares_outstanding; a count holds from its date on, in the units of that date; default: the folder's shares.csv, else the bundled counts of the foreign filers TSM and ARM)", HelpName = "FILE" };
        var yahoo = new Option<string>("--yahoo-url") { Description = "The Yahoo Finance chart API host", HelpName = "URL", DefaultValueFactory = _ => "https://query1.finance.yahoo.com" };
        var sec = new Option<string?>("--sec-url") { Description = "Replaces both SEC hosts (default: https://www.sec.gov for the ticker file, https://data.sec.gov for company facts)", HelpName = "URL" };
        var userAgent = new Option<string?>("--user-agent") { Description = $"Your name and e-mail address, sent as the User-Agent (SEC requires one; default: ${UserAgentVariable})", HelpName = "TEXT" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but warnings and errors" };
        var force = new Option<bool>("--force") { Description = "Replace data in a folder that agix data pull did not make" };
        var attempts = InputOptions.NumberOption("--max-attempts", "Attempts per request before giving up (default 6)", 1, 20, "6");
        var timeout = InputOptions.NumberOption("--timeout", "Seconds one request may take (default 30)", 0, 600, "30", minExclusive: true);
        var retryDelay = InputOptions.NumberOption("--retry-delay", "Seconds before the first retry; doubles each time, with jitter (default 1)", 0, 60, "1");
        var command = new Command("pull", "Pull real daily prices, dividends and splits (Yahoo Finance) and point-in-time share counts (SEC EDGAR) for the universe and the benchmarks into a data folder; a folder pulled before is updated with the new dates only. The folder's files are replaced only when everything was fetched and validated.\n\nExample:\n  agix data pull --out real --user-agent \"Jane Doe jane@example.com\"\n  agix backtest --data real")
        {
            output, universe, methodology, from, to, shares, yahoo, sec, userAgent, quiet, force, attempts, timeout, retryDelay,
        };
        command.SetAction(result => CommandRunner.Run(result, inputs, (stdout, stderr) =>
        {
            var folder = result.GetValue(output)!;
            var agent = result.GetValue(userAgent) ?? Environment.GetEnvironmentVariable(UserAgentVariable);
            if (string.IsNullOrWhiteSpace(agent))
            {
                throw new UsageException($"SEC EDGAR requires a User-Agent that names you and gives an e-mail address: pass --user-agent \"Your Name you@example.com\" or set {UserAgentVariable}");
            }

            if (result.GetValue(from) is { } f && result.GetValue(to) is { } t && f > t)
            {
                throw new UsageException($"--from {Output.Fmt.Date(f)} is after --to {Output.Fmt.Date(t)}");
            }

            var yahooUrl = Url(result.GetValue(yahoo)!, "--yahoo-url");
            var secUrl = result.GetValue(sec) is { } s ? Url(s, "--sec-url") : null;
            if (File.Exists(folder))
            {
                throw new UsageException($"--out {folder}: is a file; give a folder");
            }

            CheckWritable(folder);

            var hasData = File.Exists(Path.Combine(folder, DataPaths.PricesFile)) || File.Exists(Path.Combine(folder, DataPaths.BenchmarksFile));
            if (hasData && !DataPull.IsPulledFolder(folder) && !result.GetValue(force))
            {
                throw new UsageException($"--out {folder}: the folder holds data that agix data pull did not make; refusing to replace it (use --force to replace it, or pull into another folder)");
            }

            var options = new DataPullOptions(
                folder,
                Pick(result.GetValue(universe), folder, DataPaths.UniverseFile),
                Pick(result.GetValue(methodology), folder, DataPaths.MethodologyFile),
                result.GetValue(shares) ?? DefaultShares(folder),
                result.GetValue(from),
                result.GetValue(to),
                yahooUrl,
                secUrl ?? new Uri("https://www.sec.gov/"),
                secUrl ?? new Uri("https://data.sec.gov/"),
                agent)
            {
                Limits = new PullLimits(
                    MaxAttempts: (int)(result.GetValue(attempts) ?? 6),
                    BaseDelay: TimeSpan.FromSeconds(result.GetValue(retryDelay) ?? 1),
                    AttemptTimeout: TimeSpan.FromSeconds(result.GetValue(timeout) ?? 30)),
            };
            using var progress = new PullProgress(stderr, result.GetValue(quiet), Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error));
            DataPullResult pulled;
            try
            {
                pulled = DataPull.RunAsync(options, progress.Report).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new Output.OutputException($"--out {folder}: cannot write: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}; the folder was left as it was");
            }

            progress.Finish();
            InputHeader.Warnings(stderr, [.. pulled.Warnings.Select(Inputs.ForUser)]);
            if (!result.GetValue(quiet))
            {
                stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{(pulled.IsUpdate ? "Updated" : "Pulled")} {pulled.Symbols} symbols and {pulled.Benchmarks} benchmarks into {folder}: {Output.Fmt.Date(pulled.From)} to {(pulled.LastDate is { } last ? Output.Fmt.Date(last) : "-")}, {pulled.Rows:N0} rows ({pulled.NewRows:N0} new); {pulled.Requests} requests, {pulled.Retries} retries."));
                stdout.WriteLine($"Next: agix validate --data {folder}   or   agix backtest --data {folder}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Before any request: the folder must be a folder that exists or can be created under an existing folder (not a
    /// device or kernel file system) — otherwise exit 3, with nothing fetched.
    /// </summary>
    private static void CheckWritable(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal) || full.StartsWith("/dev/", StringComparison.Ordinal))
        {
            throw new Output.OutputException($"--out {folder}: cannot write a data folder under {full.Split('/')[1]}");
        }

        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw new Output.OutputException($"--out {folder}: cannot write: {parent} is a file, not a folder");
            }

            if (Directory.Exists(parent))
            {
                return;
            }
        }
    }

    /// <summary>The folder's shares.csv (kept by the last pull), else the bundled counts of the foreign filers TSM and ARM.</summary>
    private static string? DefaultShares(string folder)
    {
        var inFolder = Path.Combine(folder, DataPull.SharesFileName);
        var bundled = Path.Combine(BundledData.Folder, "foreign-shares.csv");
        return File.Exists(inFolder) ? inFolder : File.Exists(bundled) ? bundled : null;
    }

    /// <summary>The given file, else the folder's, else the bundled one.</summary>
    private static string Pick(string? given, string folder, string file)
    {
        if (given is not null)
        {
            return given;
        }

        var inFolder = Path.Combine(folder, file);
        return File.Exists(inFolder) ? inFolder : Path.Combine(BundledData.Folder, file);
    }

    private static Uri Url(string text, string option)
    {
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new UsageException($"{option} '{text}': expected an http or https URL such as https://query1.finance.yahoo.com");
    }
}

/// <summary>
/// Progress of a pull on standard error: one line updated in place on a terminal (symbols done, requests, retries),
/// a plain line per symbol and per retry otherwise (CI logs), nothing when quiet.
/// </summary>
internal sealed class PullProgress(TextWriter error, bool quiet, bool plain) : IDisposable
{
    private readonly Lock _lock = new();
    private int _done;
    private int _requests;
    private int _retries;
    private bool _drawn;

    public void Report(PullEvent e)
    {
        if (quiet)
        {
            return;
        }

        lock (_lock)
        {
            switch (e.Kind)
            {
                case PullEventKind.Request:
                    _requests++;
                    break;
                case PullEventKind.Retry:
                    _retries++;
                    if (plain)
                    {
                        error.WriteLine($"retry: {e.Source}: {e.Subject}: {e.Message}");
                    }

                    break;
                case PullEventKind.SymbolDone:
                    _done++;
                    if (plain)
                    {
                        error.WriteLine($"{e.Subject}: {e.Message}");
                    }

                    break;
            }

            if (!plain)
            {
                error.Write(System.FormattableString.Invariant($"\r  {_done} symbols done, {_requests} requests, {_retries} retries   "));
                _drawn = true;
            }
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            if (_drawn)
            {
                error.WriteLine();
                _drawn = false;
            }
        }
    }

    public void Dispose() => Finish();
}
