using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Agix.Tests.DataPull;

/// <summary>A local HTTP/1.1 server on 127.0.0.1 speaking Yahoo's chart API (under <see cref="YahooUrl"/>) and
/// SEC EDGAR's company_tickers.json and company facts (under <see cref="SecUrl"/>), built from a data folder
/// like <c>data/</c>; every request is recorded, and faults can be injected.</summary>
/// <remarks>
/// <code>
/// using var server = FakeMarketServer.Start(RepoFiles.Path("data"));
/// server.Inject("chart/NVDA", new Fault.Status(429, RetryAfterSeconds: 1));
/// // agix data pull --yahoo-url {server.YahooUrl} --sec-url {server.SecUrl} --user-agent "t t@example.com" …
/// server.Requests.Where(r => r.Host == "yahoo")…
/// </code>
/// Each connection carries one request and is closed after the answer (Connection: close). Note that
/// SocketsHttpHandler itself resends a request whose connection closed before any response byte up to 3 times,
/// so a client sees an HttpRequestException only after 4 <see cref="Fault.DropConnection"/> faults in a row.
/// Yahoo serves closes and dividends rounded to float32: the shortest float text of a served value times the
/// later split ratios (decimal arithmetic) gives back the demo value exactly.
/// </remarks>
internal sealed class FakeMarketServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly Lock _lock = new();
    private readonly List<(long Sequence, RecordedRequest Request)> _requests = [];
    private readonly List<Injection> _injections = [];
    private readonly DemoMarket _market;
    private readonly SecFilings _sec;
    private readonly Task _acceptLoop;
    private long _sequence;

    private FakeMarketServer(DemoMarket market, FakeMarketOptions options)
    {
        _market = market;
        Options = options;
        _sec = new SecFilings(market, options);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        YahooUrl = $"http://127.0.0.1:{port}/yahoo";
        SecUrl = $"http://127.0.0.1:{port}/sec";
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>e.g. "http://127.0.0.1:PORT/yahoo" (no trailing slash).</summary>
    public string YahooUrl { get; }

    /// <summary>e.g. "http://127.0.0.1:PORT/sec" (no trailing slash).</summary>
    public string SecUrl { get; }

    public FakeMarketOptions Options { get; }

    /// <summary>A snapshot of every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests.OrderBy(entry => entry.Sequence).Select(entry => entry.Request)];
            }
        }
    }

    /// <summary>Starts a server on a free port of 127.0.0.1 serving the data of the folder.</summary>
    public static FakeMarketServer Start(string dataFolder, FakeMarketOptions? options = null) =>
        new(DemoMarket.Load(dataFolder), options ?? new FakeMarketOptions());

    /// <summary>The next <paramref name="times"/> requests whose path and query (as received, or URL-decoded;
    /// host prefix included, e.g. "/yahoo/v8/finance/chart/%5EGSPC?period1=…") contain the text get the fault.
    /// Faults are taken in injection order, one per request.</summary>
    public void Inject(string pathContains, Fault fault, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_lock)
        {
            _injections.Add(new Injection(pathContains, fault, times));
        }
    }

    /// <summary>The CIK served for a universe symbol (1000001, 1000002, … in universe order).</summary>
    public int CikOf(string symbol) => _sec.CikOf(symbol);

    /// <summary>The share facts built for a universe symbol (served unless it is a foreign filer).</summary>
    public IReadOnlyList<ShareFact> ShareFactsOf(string symbol) => _sec.FactsOf(symbol);

    /// <summary>Writes a --shares file (<c>symbol,date,shares_outstanding</c>) for the symbols from the demo data:
    /// a row at each symbol's first date and wherever its count changes, in the units of that date. Returns the path.</summary>
    public string WriteSharesFile(string path, IEnumerable<string> symbols) => _sec.WriteSharesFile(path, symbols);

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener's stop; its exception says nothing.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections[client] = 0;
            _ = Task.Run(() => ServeAsync(client, token), CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken token)
    {
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var request = await HttpWire.ReadRequestAsync(stream, token).ConfigureAwait(false);
            if (request is null)
            {
                return;
            }

            var arrival = _clock.ElapsedMilliseconds;
            var sequence = Interlocked.Increment(ref _sequence);
            var fault = TakeFault(request.Target);
            var answer = Route(request, out var record);

            void Record(int status)
            {
                lock (_lock)
                {
                    _requests.Add((sequence, record with { Status = status, TimestampMs = arrival }));
                }
            }

            switch (fault)
            {
                case Fault.Delay delay:
                    await Task.Delay(delay.Milliseconds, token).ConfigureAwait(false);
                    break;
                case Fault.Status status:
                    answer = FaultAnswer(record.Host, status);
                    break;
                case Fault.Garbage:
                    answer = new Answer(200, "application/json", Encoding.UTF8.GetBytes(record.Host == "sec"
                        ? "{\"cik\":1000001,\"entityName\":\"NV"
                        : "{\"chart\":{\"result\":[{\"meta\""));
                    break;
                case Fault.DropConnection:
                    Record(0);
                    return;
                case Fault.TruncatedBody:
                    Record(0);
                    await HttpWire.WriteAsync(stream, answer, answer.Body.Length / 2, token).ConfigureAwait(false);
                    return;
                default:
                    break;
            }

            Record(answer.Status);
            await HttpWire.WriteAsync(stream, answer, answer.Body.Length, token).ConfigureAwait(false);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private Fault? TakeFault(string target)
    {
        var decoded = Uri.UnescapeDataString(target);
        lock (_lock)
        {
            var injection = _injections.FirstOrDefault(item => item.Remaining > 0
                && (target.Contains(item.PathContains, StringComparison.Ordinal) || decoded.Contains(item.PathContains, StringComparison.Ordinal)));
            if (injection is null)
            {
                return null;
            }

            injection.Remaining--;
            return injection.Fault;
        }
    }

    private Answer Route(HttpRequest request, out RecordedRequest record)
    {
        var queryStart = request.Target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? request.Target : request.Target[..queryStart];
        var query = queryStart < 0 ? "" : request.Target[(queryStart + 1)..];
        record = new RecordedRequest("other", path, query, null, null, null, 0, request.UserAgent, 0);
        if (request.Method != "GET")
        {
            return Answer.Json(405, """{"error":"method not allowed"}""");
        }

        if (path.StartsWith("/yahoo/", StringComparison.Ordinal))
        {
            record = record with { Host = "yahoo", Path = path["/yahoo".Length..] };
            return Yahoo(record.Path, query, ref record);
        }

        if (path.StartsWith("/sec/", StringComparison.Ordinal))
        {
            record = record with { Host = "sec", Path = path["/sec".Length..] };
            return Sec(record.Path, request.UserAgent, ref record);
        }

        return new Answer(404, "text/html", SecFilings.NotFoundPage());
    }

    private Answer Yahoo(string path, string query, ref RecordedRequest record)
    {
        const string Prefix = "/v8/finance/chart/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new Answer(404, "application/json", YahooChart.Error("Not Found", "HTTP 404 Not Found"));
        }

        var symbol = Uri.UnescapeDataString(path[Prefix.Length..]);
        record = record with { Symbol = symbol };
        var parameters = HttpWire.ParseQuery(query);
        if (!TryUnix(parameters, "period1", out var period1) || !TryUnix(parameters, "period2", out var period2))
        {
            return new Answer(400, "application/json", YahooChart.Error("Bad Request", "Invalid input - period1 and period2 must be Unix seconds"));
        }

        record = record with { From = YahooChart.NewYorkDate(period1), To = YahooChart.NewYorkDate(period2) };
        var interval = parameters.GetValueOrDefault("interval");
        if (interval is not ("1d" or "1mo" or "3mo"))
        {
            return new Answer(400, "application/json", YahooChart.Error("Bad Request", "Invalid input - interval must be one of 1d, 1mo, 3mo here"));
        }

        if (period1 > period2)
        {
            return new Answer(400, "application/json", YahooChart.Error(
                "Bad Request", $"Invalid input - start date cannot be after end date. startDate = {period1}, endDate = {period2}"));
        }

        if (!_market.Series.TryGetValue(symbol, out var series) || Options.IsUnknownToYahoo(series.Symbol))
        {
            return new Answer(404, "application/json", YahooChart.NotFound());
        }

        return new Answer(200, "application/json", YahooChart.Chart(series, period1, period2, parameters.GetValueOrDefault("events") ?? "", Options, daily: interval == "1d"));
    }

    private Answer Sec(string path, string? userAgent, ref RecordedRequest record)
    {
        const string Facts = "/api/xbrl/companyfacts/CIK";
        if (Options.RequireUserAgent && string.IsNullOrWhiteSpace(userAgent))
        {
            return new Answer(403, "text/html", SecFilings.UndeclaredToolPage());
        }

        if (path == "/files/company_tickers.json")
        {
            return new Answer(200, "application/json", _sec.CompanyTickers());
        }

        if (path.StartsWith(Facts, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal))
        {
            var digits = path[Facts.Length..^".json".Length];
            if (digits.Length == 10 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var cik))
            {
                record = record with { Symbol = _sec.SymbolOfCik(cik) };
                if (_sec.CompanyFacts(cik) is { } body)
                {
                    return new Answer(200, "application/json", body);
                }
            }
        }

        return new Answer(404, "text/html", SecFilings.NotFoundPage());
    }

    private static Answer FaultAnswer(string host, Fault.Status status)
    {
        var retryAfter = status.RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture);
        if (host == "yahoo" && status.Code >= 500)
        {
            return new Answer(status.Code, "text/html", Encoding.UTF8.GetBytes(
                "<!DOCTYPE html><html><head><title>Yahoo</title></head><body><h1>Will be right back...</h1><p>Thank you for your patience.</p></body></html>"), retryAfter);
        }

        var message = status.Code == 429 ? "Too Many Requests" : $"injected status {status.Code}";
        return new Answer(status.Code, "application/json", Encoding.UTF8.GetBytes($"{{\"error\":\"{message}\"}}"), retryAfter);
    }

    private static bool TryUnix(IReadOnlyDictionary<string, string> parameters, string name, out long seconds)
    {
        seconds = 0;
        return parameters.TryGetValue(name, out var text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds)
            && seconds is >= -2208988800 and <= 253402300799;
    }

    private sealed class Injection(string pathContains, Fault fault, int times)
    {
        public string PathContains { get; } = pathContains;

        public Fault Fault { get; } = fault;

        public int Remaining { get; set; } = times;
    }
}
