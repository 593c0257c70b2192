using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Agix.Prices;
using NodaTime;

namespace Agix.Sources;

/// <summary>What <c>agix data pull</c> fetches and where it writes it.</summary>
/// <param name="OutFolder">The data folder to write (created when missing).</param>
/// <param name="UniversePath">The universe to pull (copied into the folder).</param>
/// <param name="MethodologyPath">The methodology (copied into the folder): its base date sets the default start, its benchmarks are pulled too.</param>
/// <param name="SharesPath">A <c>symbol,date,shares_outstanding</c> file that supplies or replaces share counts, or null.</param>
/// <param name="From">The first date (default: one year before the base date).</param>
/// <param name="To">The last date (default, and at the latest: the last completed trading day).</param>
/// <param name="YahooUrl">The Yahoo Finance chart API host.</param>
/// <param name="SecTickersUrl">The host of SEC's <c>files/company_tickers.json</c>.</param>
/// <param name="SecFactsUrl">The host of SEC's company facts API.</param>
/// <param name="UserAgent">The User-Agent sent with every request (SEC asks for a name and an e-mail address).</param>
public sealed record DataPullOptions(
    string OutFolder,
    string UniversePath,
    string MethodologyPath,
    string? SharesPath,
    LocalDate? From,
    LocalDate? To,
    Uri YahooUrl,
    Uri SecTickersUrl,
    Uri SecFactsUrl,
    string UserAgent)
{
    /// <summary>Retries, timeouts, concurrency and rate limits.</summary>
    public PullLimits Limits { get; init; } = new();

    /// <summary>The clock that says which trading day is the last completed one (it never decides what data means).</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

}

/// <summary>What a pull did: the folder, whether it was an update, the window, the counts, and the data warnings.</summary>
/// <remarks>Immutable once made: every property is read-only and every list a read-only copy; safe to share between threads.</remarks>
public sealed record DataPullResult
{
    internal DataPullResult(string folder, bool isUpdate, LocalDate from, LocalDate to, LocalDate? lastDate, int symbols, int benchmarks, int rows, int newRows, int requests, int retries, IReadOnlyList<Diagnostic> warnings)
    {
        Folder = folder;
        IsUpdate = isUpdate;
        From = from;
        To = to;
        LastDate = lastDate;
        Symbols = symbols;
        Benchmarks = benchmarks;
        Rows = rows;
        NewRows = newRows;
        Requests = requests;
        Retries = retries;
        Warnings = warnings;
    }

    /// <summary>Folder</summary>
    public string Folder { get; init; }

    /// <summary>IsUpdate</summary>
    public bool IsUpdate { get; init; }

    /// <summary>From</summary>
    public LocalDate From { get; init; }

    /// <summary>To</summary>
    public LocalDate To { get; init; }

    /// <summary>LastDate</summary>
    public LocalDate? LastDate { get; init; }

    /// <summary>Symbols</summary>
    public int Symbols { get; init; }

    /// <summary>Benchmarks</summary>
    public int Benchmarks { get; init; }

    /// <summary>Rows</summary>
    public int Rows { get; init; }

    /// <summary>NewRows</summary>
    public int NewRows { get; init; }

    /// <summary>Requests</summary>
    public int Requests { get; init; }

    /// <summary>Retries</summary>
    public int Retries { get; init; }

    /// <summary>Warnings</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; }
}

/// <summary>
/// <c>agix data pull</c>: turns a universe into a complete, validated data folder from the Yahoo Finance chart API
/// (raw closes, dividends and splits) and SEC EDGAR company facts (point-in-time share counts), and brings it up to
/// date incrementally. The folder's files are replaced only when everything has been fetched and validated.
/// </summary>
public static class DataPull
{
    /// <summary>The share counts a pull used (a copy of <c>--shares</c>), read again by the next update.</summary>
    public const string SharesFileName = "shares.csv";

    /// <summary>The file that marks a folder as made by a pull (and holds what an update needs).</summary>
    public const string ManifestFile = ".agix-pull.json";

    /// <summary>How far before <c>from</c> the first request of a symbol reaches, to learn the splits that share counts filed before <c>from</c> need.</summary>
    private const int SplitHistoryDays = 400;

    /// <summary>The hour (New York) after which a trading day counts as completed.</summary>
    private static readonly LocalTime CloseSettled = new(17, 0);

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>Whether <paramref name="folder"/> holds data made by a pull.</summary>
    public static bool IsPulledFolder(string folder) => File.Exists(Path.Combine(folder, ManifestFile));

    /// <summary>The last NYSE trading day whose close is settled at <paramref name="now"/> (17:00 New York time).</summary>
    public static LocalDate LastCompletedTradingDay(Instant now)
    {
        var local = now.InZone(NewYork);
        return NyseCalendar.IsTradingDay(local.Date) && local.TimeOfDay >= CloseSettled ? local.Date : NyseCalendar.PreviousTradingDay(local.Date);
    }

    /// <summary>Pulls (or updates) the data folder.</summary>
    /// <exception cref="InvalidInputException">An input is invalid, a symbol is unknown, a member has no share count, or the pulled data fails validation.</exception>
    /// <exception cref="SourceUnavailableException">A source could not be reached or kept failing.</exception>
    public static async Task<DataPullResult> RunAsync(DataPullOptions o, Action<PullEvent>? report, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        var bag = new DiagnosticBag();
        var universe = UniverseCsv.Read(o.UniversePath, o.UniversePath, bag);
        var methodology = MethodologyJson.Read(o.MethodologyPath, o.MethodologyPath, bag);
        var sharesFile = o.SharesPath is null ? null : SharesFile.Read(o.SharesPath, o.SharesPath, bag);
        bag.ThrowIfErrors();

        var now = o.Clock.GetCurrentInstant();
        var lastCompleted = LastCompletedTradingDay(now);
        var from = o.From ?? methodology!.BaseDate.PlusYears(-1);
        var to = o.To is { } t && t < lastCompleted ? t : lastCompleted;
        if (from > methodology!.BaseDate)
        {
            throw new InvalidInputException(Diagnostic.Error(Subjects.WindowStart, 0, 0, $"the pull would start on {IsoDate.Format(from)}, after the methodology's base date {IsoDate.Format(methodology.BaseDate)}: the index needs prices from at least {methodology.RebalanceRules.SelectionLagDays} trading days before its base date (the default start is a year before it)"));
        }

        if (to < from)
        {
            throw new InvalidInputException(Diagnostic.Error(Subjects.WindowEnd, 0, 0, $"the pull would end on {IsoDate.Format(to)}, before it starts on {IsoDate.Format(from)} (the last completed trading day is {IsoDate.Format(lastCompleted)})"));
        }

        var prior = Prior.Read(o.OutFolder, from, to);
        var members = universe!.Select(u => u.Symbol).ToList();
        var benchmarks = methodology!.Benchmarks.Where(b => !members.Contains(b, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        using var client = new SourceClient(o.UserAgent, o.Limits, report);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);

        // Yahoo for every symbol, and SEC for the members without counts from --shares, all at once within the limits.
        var charts = members.Concat(benchmarks).ToDictionary(s => s, s => FetchChart(client, o, s, prior, from, to, to == lastCompleted, now, report, stop), StringComparer.Ordinal);
        var needSec = members.Where(m => sharesFile is null || !sharesFile.ContainsKey(m)).ToList();
        var filings = FetchFilings(client, o, needSec, stop);
        try
        {
            await Task.WhenAll([.. charts.Values, filings]).ConfigureAwait(false);
        }
        catch (Exception) when (!cancel.IsCancellationRequested)
        {
            // Reported below, with every unknown symbol at once.
        }

        var unknown = charts.Where(c => c.Value.IsFaulted && c.Value.Exception!.InnerException is YahooErrorException).Select(c => c.Key).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException([.. unknown.Select(s => Diagnostic.Error(
                members.Contains(s, StringComparer.Ordinal) ? o.UniversePath : o.MethodologyPath, 0, 0,
                $"{((YahooErrorException)charts[s].Exception!.InnerException!).Message}: check the symbol ({(members.Contains(s, StringComparer.Ordinal) ? "a universe member" : "a methodology benchmark")})"))]);
        }

        // One source down stops the rest, and a request stopped that way may fail with a raw transport error: report
        // the failure that caused the stop (a source that gave up, or bad input), not one of its consequences.
        var faults = charts.Values.Cast<Task>().Append(filings).Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
        if (faults.Count > 0)
        {
            throw faults.FirstOrDefault(e => e is SourceUnavailableException) ?? faults.FirstOrDefault(e => e is AgixException) ?? faults[0];
        }

        // Rows, and share counts for every member row.
        var newRows = 0;
        var priceRows = new List<PriceRow>();
        var splitsBefore = new SortedDictionary<string, List<(LocalDate Date, double Ratio)>>(StringComparer.Ordinal);
        var noCounts = new List<string>();
        foreach (var symbol in members)
        {
            var (rows, before, added) = Rows(charts[symbol].Result, prior, symbol, isBenchmark: false);
            newRows += added;
            if (before.Count > 0)
            {
                splitsBefore[symbol] = before;
            }

            var counts = sharesFile is not null && sharesFile.TryGetValue(symbol, out var fromFile) ? fromFile : filings.Result.GetValueOrDefault(symbol);
            if (counts is null || counts.Count == 0)
            {
                noCounts.Add(symbol);
                continue;
            }

            var history = new ShareHistory(counts, before.Concat(rows.Where(r => r.SplitRatio != 1).Select(r => (r.Date, r.SplitRatio))));
            foreach (var r in rows)
            {
                var shares = history.On(r.Date);
                priceRows.Add(new PriceRow(r.Date, symbol, r.Close, r.Dividend, r.SplitRatio, shares, double.IsNaN(shares) ? double.NaN : Math.Round(r.Close * shares)));
            }
        }

        if (noCounts.Count > 0)
        {
            throw new InvalidInputException(Diagnostic.Error(SourceClient.Sec, 0, 0,
                $"no share count for {string.Join(", ", noCounts)}: SEC EDGAR has no dei:EntityCommonStockSharesOutstanding for {(noCounts.Count == 1 ? "it" : "them")} (foreign filers such as TSM and ARM file none); give their counts with --shares FILE (columns symbol,date,shares_outstanding; a count holds from its date on, in the units of that date)"));
        }

        var benchmarkRows = new List<PriceRow>();
        foreach (var symbol in benchmarks)
        {
            var (rows, before, added) = Rows(charts[symbol].Result, prior, symbol, isBenchmark: true);
            newRows += added;
            if (before.Count > 0)
            {
                splitsBefore[symbol] = before;
            }

            benchmarkRows.AddRange(rows.Select(r => new PriceRow(r.Date, symbol, r.Close, r.Dividend, r.SplitRatio, double.NaN, double.NaN)));
        }

        var warnings = Commit(o, from, priceRows, benchmarkRows, splitsBefore, cancel);
        var last = priceRows.Count == 0 ? (LocalDate?)null : priceRows.Max(r => r.Date);
        return new DataPullResult(o.OutFolder, prior.IsUpdate, from, to, last, members.Count, benchmarks.Count, priceRows.Count + benchmarkRows.Count, newRows, client.Requests, client.Retries, warnings);
    }

    /// <summary>
    /// The chart of one symbol: daily bars from 400 days before <c>from</c> for a new symbol (for the splits that
    /// share counts filed before <c>from</c> need), or after the last date present for an update, up to <c>to</c>.
    /// Yahoo's closes are adjusted for every split up to today, so the splits after <c>to</c> are needed too: when
    /// <c>to</c> is before the last completed trading day they come from a second, event-only request (quarterly
    /// bars, which are ignored), so that no daily bar is ever asked for twice, even by a later update.
    /// </summary>
    private static async Task<Chart?> FetchChart(SourceClient client, DataPullOptions o, string symbol, Prior prior, LocalDate from, LocalDate to, bool toIsLatest, Instant now, Action<PullEvent>? report, CancellationTokenSource stop)
    {
        var start = prior.Has(symbol) ? prior.RequestAfter(symbol).PlusDays(1) : from.PlusDays(-SplitHistoryDays);
        if (start > to)
        {
            report?.Invoke(new PullEvent(PullEventKind.SymbolDone, SourceClient.Yahoo, symbol, "up to date"));
            return null; // nothing new to ask for
        }

        var afterTo = to.PlusDays(1).AtStartOfDayInZone(NewYork).ToInstant();
        try
        {
            var chart = await Request(client, o, symbol, start.AtStartOfDayInZone(NewYork).ToInstant(), toIsLatest ? now : afterTo, "1d", "div%7Csplit", stop.Token).ConfigureAwait(false);
            if (!toIsLatest && afterTo < now)
            {
                var later = await Request(client, o, symbol, afterTo, now, "3mo", "split", stop.Token).ConfigureAwait(false);
                var splits = new SortedDictionary<LocalDate, double>(chart.Splits.ToDictionary());
                foreach (var (date, ratio) in later.Splits)
                {
                    splits.TryAdd(date, ratio);
                }

                chart = chart with { Splits = splits };
            }

            var bars = chart.Bars.Count(b => b.Date >= from && b.Date <= to);
            report?.Invoke(new PullEvent(PullEventKind.SymbolDone, SourceClient.Yahoo, symbol, bars == 0 ? "no trading day in the window" : $"{bars} trading days to {IsoDate.Format(chart.Bars.Last(b => b.Date <= to).Date)}"));
            return chart;
        }
        catch (Exception ex) when (ex is not YahooErrorException)
        {
            await stop.CancelAsync().ConfigureAwait(false); // one source down: stop the rest
            throw;
        }
    }

    private static Task<Chart> Request(SourceClient client, DataPullOptions o, string symbol, Instant start, Instant end, string interval, string events, CancellationToken cancel)
    {
        var url = new Uri(o.YahooUrl, string.Create(CultureInfo.InvariantCulture,
            $"v8/finance/chart/{Uri.EscapeDataString(symbol)}?period1={start.ToUnixTimeSeconds()}&period2={end.ToUnixTimeSeconds()}&interval={interval}&events={events}"));
        return client.GetAsync(SourceClient.Yahoo, symbol, url, (status, body) =>
        {
            if (status == HttpStatusCode.NotFound)
            {
                try
                {
                    YahooChart.Parse(body, symbol);
                }
                catch (SourceFormatException)
                {
                }

                throw new YahooErrorException(symbol, "Not Found", "HTTP 404");
            }

            return YahooChart.Parse(body, symbol);
        }, cancel);
    }

    /// <summary>The share counts of the members that need SEC, by symbol (absent: no counts there).</summary>
    private static async Task<Dictionary<string, IReadOnlyList<ShareFiling>>> FetchFilings(SourceClient client, DataPullOptions o, List<string> symbols, CancellationTokenSource stop)
    {
        var result = new Dictionary<string, IReadOnlyList<ShareFiling>>(StringComparer.Ordinal);
        if (symbols.Count == 0)
        {
            return result;
        }

        try
        {
            var tickers = await client.GetAsync(SourceClient.Sec, "company_tickers.json", new Uri(o.SecTickersUrl, "files/company_tickers.json"), (status, body) =>
                status == HttpStatusCode.OK ? SecEdgar.ParseTickers(body) : throw new SourceUnavailableException("SEC EDGAR: files/company_tickers.json: HTTP 404"), stop.Token).ConfigureAwait(false);
            var tasks = symbols.Where(tickers.ContainsKey).Select(async symbol =>
            {
                var url = new Uri(o.SecFactsUrl, SecEdgar.FactsPath(tickers[symbol]).TrimStart('/'));
                var counts = await client.GetAsync(SourceClient.Sec, symbol, url, (status, body) =>
                    status == HttpStatusCode.NotFound ? null : SecEdgar.ParseShareCounts(body, symbol), stop.Token).ConfigureAwait(false);
                return (symbol, counts);
            }).ToList();
            foreach (var (symbol, counts) in await Task.WhenAll(tasks).ConfigureAwait(false))
            {
                if (counts is { Count: > 0 })
                {
                    result[symbol] = counts;
                }
            }

            return result;
        }
        catch (Exception)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A symbol's raw rows in the window (kept rows of an update, then new ones) and its splits before the window.</summary>
    private static (List<RawBar> Rows, List<(LocalDate Date, double Ratio)> SplitsBefore, int Added) Rows(Chart? chart, Prior prior, string symbol, bool isBenchmark)
    {
        var kept = prior.Rows(symbol, isBenchmark);
        var before = prior.SplitsBefore(symbol);
        if (chart is null)
        {
            return (kept, before, 0);
        }

        var after = prior.Has(symbol) ? prior.RequestAfter(symbol) : prior.From.PlusDays(-1);
        var added = YahooChart.ToRaw(chart, after, prior.To);
        if (!prior.Has(symbol))
        {
            before = [.. chart.Splits.Where(s => s.Key <= after).Select(s => (s.Key, s.Value))];
        }

        return ([.. kept, .. added], before, added.Count);
    }

    /// <summary>Writes the files to a staging folder inside the target, validates them as <c>agix validate</c> would, then moves them in.</summary>
    private static List<Diagnostic> Commit(DataPullOptions o, LocalDate from, List<PriceRow> prices, List<PriceRow> benchmarks, SortedDictionary<string, List<(LocalDate Date, double Ratio)>> splitsBefore, CancellationToken cancel)
    {
        var createdFolder = !Directory.Exists(o.OutFolder);
        Directory.CreateDirectory(o.OutFolder);
        var staging = Path.Combine(o.OutFolder, $".agix-pull-staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var committed = false;
        try
        {
            WriteCsv(Path.Combine(staging, DataPaths.PricesFile), "date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap", prices, withShares: true);
            WriteCsv(Path.Combine(staging, DataPaths.BenchmarksFile), "date,symbol,close,dividend,split_ratio", benchmarks, withShares: false);
            File.Copy(o.UniversePath, Path.Combine(staging, DataPaths.UniverseFile));
            File.Copy(o.MethodologyPath, Path.Combine(staging, DataPaths.MethodologyFile));
            if (o.SharesPath is not null)
            {
                File.Copy(o.SharesPath, Path.Combine(staging, SharesFileName));
            }

            WriteManifest(Path.Combine(staging, ManifestFile), from, splitsBefore, Prior.Hash(Path.Combine(staging, DataPaths.PricesFile)), Prior.Hash(Path.Combine(staging, DataPaths.BenchmarksFile)));
            cancel.ThrowIfCancellationRequested();

            var warnings = Validate(o, staging);
            MoveIn(o.OutFolder, staging);
            committed = true;
            return warnings;
        }
        finally
        {
            TryDelete(staging);
            if (!committed && createdFolder)
            {
                TryDelete(o.OutFolder);
            }
        }
    }

    /// <summary>
    /// Moves the staged files into the folder, the manifest last, and removes a synthetic-data marker (the folder now
    /// holds real data). The files it replaces are kept in the staging folder until every move succeeded; when one
    /// fails, the moves done are undone, so the folder is left as it was. (A process killed between two renames
    /// leaves a manifest that does not match the files; the next pull then starts afresh.)
    /// </summary>
    private static void MoveIn(string folder, string staging)
    {
        var done = new List<(string Target, string? Backup, bool Placed)>();
        try
        {
            foreach (var file in new[] { DataPaths.PricesFile, DataPaths.BenchmarksFile, DataPaths.UniverseFile, DataPaths.MethodologyFile, SharesFileName, DataPaths.SyntheticMarker, ManifestFile })
            {
                var source = Path.Combine(staging, file);
                var target = Path.Combine(folder, file);
                var replace = File.Exists(source);
                if (!replace && !(file == DataPaths.SyntheticMarker && File.Exists(target)))
                {
                    continue;
                }

                string? backup = null;
                if (File.Exists(target))
                {
                    backup = Path.Combine(staging, file + ".replaced");
                    File.Move(target, backup);
                }

                done.Add((target, backup, false));
                if (replace)
                {
                    File.Move(source, target);
                    done[^1] = (target, backup, true);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            for (var i = done.Count - 1; i >= 0; i--)
            {
                var (target, backup, placed) = done[i];
                if (placed)
                {
                    File.Delete(target);
                }

                if (backup is not null)
                {
                    File.Move(backup, target);
                }
            }

            throw;
        }
    }

    /// <summary>The checks of <c>agix validate</c> on the staged files, named as they will be in the target folder.</summary>
    private static List<Diagnostic> Validate(DataPullOptions o, string staging)
    {
        string Display(string path) => Path.Combine(o.OutFolder, Path.GetFileName(path));
        var validation = Backtest.Validate(IndexData.Load(DataPaths.FromFolder(staging), Display));
        return validation.IsValid ? [.. validation.Warnings] : throw new InvalidInputException(validation.Errors);
    }

    private static void WriteCsv(string path, string header, List<PriceRow> rows, bool withShares)
    {
        rows.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : string.CompareOrdinal(a.Symbol, b.Symbol));
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
        w.WriteLine(header);
        var line = new StringBuilder(128);
        foreach (var r in rows)
        {
            line.Clear();
            line.Append(IsoDate.Format(r.Date)).Append(',').Append(r.Symbol).Append(',')
                .Append(Number(r.Close)).Append(',').Append(Number(r.Dividend)).Append(',').Append(Number(r.SplitRatio));
            if (withShares)
            {
                line.Append(',').Append(Number(r.Shares)).Append(',').Append(Number(r.MarketCap));
            }

            w.WriteLine(line);
        }
    }

    private static string Number(double x) => double.IsNaN(x) ? string.Empty : x.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteManifest(string path, LocalDate from, SortedDictionary<string, List<(LocalDate Date, double Ratio)>> splitsBefore, string pricesHash, string benchmarksHash)
    {
        using var stream = File.Create(path);
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteString("madeBy", "agix data pull");
        j.WriteString("from", IsoDate.Format(from));
        j.WriteStartObject("files");
        j.WriteString(DataPaths.PricesFile, pricesHash);
        j.WriteString(DataPaths.BenchmarksFile, benchmarksHash);
        j.WriteEndObject();
        j.WriteStartObject("splitsBeforeFrom");
        foreach (var (symbol, splits) in splitsBefore)
        {
            j.WriteStartArray(symbol);
            foreach (var (date, ratio) in splits)
            {
                j.WriteStartObject();
                j.WriteString("date", IsoDate.Format(date));
                j.WriteNumber("ratio", ratio);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        }

        j.WriteEndObject();
        j.WriteEndObject();
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a hidden staging folder named after the process.
        }
    }

    private readonly record struct PriceRow(LocalDate Date, string Symbol, double Close, double Dividend, double SplitRatio, double Shares, double MarketCap);

    /// <summary>
    /// A folder pulled before with the same start: its raw rows up to the new end are kept, and each symbol is asked
    /// only for the dates after its own last row (so a day one symbol missed is asked for again). Its share counts and
    /// market caps are computed again from the current filings, as a fresh pull would. A folder that is not there,
    /// not pulled, pulled from another start, or whose manifest does not match its files (a commit that did not
    /// finish, a file edited by hand) gives a fresh pull.
    /// </summary>
    private sealed class Prior
    {
        private readonly Dictionary<string, List<RawBar>> _prices = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<RawBar>> _benchmarks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(LocalDate, double)>> _splitsBefore = new(StringComparer.Ordinal);

        private Prior(LocalDate from, LocalDate to)
        {
            From = from;
            To = to;
        }

        /// <summary>The start of the window.</summary>
        public LocalDate From { get; }

        /// <summary>The end of the window.</summary>
        public LocalDate To { get; }

        /// <summary>Whether the folder held data (an update).</summary>
        public bool IsUpdate { get; private set; }

        /// <summary>The folder's data for an update, or an empty window for a fresh pull.</summary>
        public static Prior Read(string folder, LocalDate from, LocalDate to)
        {
            var fresh = new Prior(from, to);
            var manifest = Path.Combine(folder, ManifestFile);
            var pricesPath = Path.Combine(folder, DataPaths.PricesFile);
            var benchmarksPath = Path.Combine(folder, DataPaths.BenchmarksFile);
            if (!File.Exists(manifest) || !File.Exists(pricesPath) || !File.Exists(benchmarksPath))
            {
                return fresh;
            }

            var prior = new Prior(from, to);
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
                var root = doc.RootElement;
                if (!root.TryGetProperty("from", out var f) || f.GetString() != IsoDate.Format(from)
                    || !root.TryGetProperty("files", out var files)
                    || files.GetProperty(DataPaths.PricesFile).GetString() != Hash(pricesPath)
                    || files.GetProperty(DataPaths.BenchmarksFile).GetString() != Hash(benchmarksPath))
                {
                    return fresh;
                }

                foreach (var symbol in root.GetProperty("splitsBeforeFrom").EnumerateObject())
                {
                    prior._splitsBefore[symbol.Name] = [.. symbol.Value.EnumerateArray().Select(s => (Parse(s.GetProperty("date").GetString()), s.GetProperty("ratio").GetDouble()))];
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return fresh; // a manifest that cannot be read: pull again in full
            }

            var bag = new DiagnosticBag();
            var prices = PriceCsv.Read(pricesPath, pricesPath, requireMarketCap: false, bag);
            var benchmarks = PriceCsv.Read(benchmarksPath, benchmarksPath, requireMarketCap: false, bag);
            if (bag.HasErrors)
            {
                return fresh;
            }

            prior.Load(prices!, prior._prices);
            prior.Load(benchmarks!, prior._benchmarks);
            prior.IsUpdate = true;
            return prior;
        }

        /// <summary>The SHA-256 of a file, as the manifest records it.</summary>
        public static string Hash(string path)
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }

        /// <summary>Whether the folder holds rows of <paramref name="symbol"/> (otherwise it is pulled in full).</summary>
        public bool Has(string symbol) => IsUpdate && ((_prices.TryGetValue(symbol, out var p) && p.Count > 0) || (_benchmarks.TryGetValue(symbol, out var b) && b.Count > 0));

        /// <summary>The last kept row of a symbol: it is asked only for the dates after it.</summary>
        public LocalDate RequestAfter(string symbol) =>
            !Has(symbol) ? From.PlusDays(-1)
            : _prices.TryGetValue(symbol, out var p) && p.Count > 0 ? p[^1].Date
            : _benchmarks[symbol][^1].Date;

        /// <summary>The kept rows of a symbol.</summary>
        public List<RawBar> Rows(string symbol, bool isBenchmark) =>
            (isBenchmark ? _benchmarks : _prices).TryGetValue(symbol, out var rows) ? [.. rows] : [];

        /// <summary>The symbol's splits before the window, as the first pull saw them.</summary>
        public List<(LocalDate Date, double Ratio)> SplitsBefore(string symbol) =>
            Has(symbol) && _splitsBefore.TryGetValue(symbol, out var s) ? [.. s] : [];

        private static LocalDate Parse(string? text) => IsoDate.TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not a date");

        private void Load(PricePanel panel, Dictionary<string, List<RawBar>> into)
        {
            for (var s = 0; s < panel.SymbolCount; s++)
            {
                var rows = new List<RawBar>();
                for (var d = 0; d < panel.DateCount && panel.DateArray[d] <= To; d++)
                {
                    if (panel.DateArray[d] >= From && panel.HasRow(d, s))
                    {
                        rows.Add(new RawBar(panel.DateArray[d], panel.GetClose(d, s), panel.GetDividend(d, s), panel.GetSplitRatio(d, s)));
                    }
                }

                into[panel.Symbols[s]] = rows;
            }
        }
    }
}
