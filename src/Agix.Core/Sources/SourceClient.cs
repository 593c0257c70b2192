using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Agix.Sources;

/// <summary>What happened during a pull, for a progress display.</summary>
public sealed record PullEvent
{
    internal PullEvent(PullEventKind kind, string? source, string subject, string message)
    {
        Kind = kind;
        Source = source;
        Subject = subject;
        Message = message;
    }

    /// <summary>What kind of event.</summary>
    public PullEventKind Kind { get; init; }

    /// <summary>The source ("Yahoo Finance", "SEC EDGAR"), or null.</summary>
    public string? Source { get; init; }

    /// <summary>The symbol (or file) concerned.</summary>
    public string Subject { get; init; }

    /// <summary>A one-line description.</summary>
    public string Message { get; init; }
}

/// <summary>The kinds of <see cref="PullEvent"/>.</summary>
public enum PullEventKind
{
    /// <summary>A request was sent.</summary>
    Request,

    /// <summary>A request failed and will be tried again.</summary>
    Retry,

    /// <summary>A symbol's data is complete.</summary>
    SymbolDone,
}

/// <summary>How hard the sources are tried and how fast they may be asked.</summary>
/// <param name="MaxAttempts">Attempts per request, the first included (at least 1).</param>
/// <param name="BaseDelay">The first retry's delay; it doubles each time, with jitter.</param>
/// <param name="AttemptTimeout">How long one attempt may take.</param>
/// <param name="Concurrency">Requests in flight at once, per source.</param>
/// <param name="SecRequestsPerSecond">SEC's fair-access limit (10 a second).</param>
public sealed record PullLimits(int MaxAttempts = 6, TimeSpan? BaseDelay = null, TimeSpan? AttemptTimeout = null, int Concurrency = 4, double SecRequestsPerSecond = 10)
{
    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    internal TimeSpan Delay => BaseDelay ?? TimeSpan.FromSeconds(1);

    internal TimeSpan Timeout => AttemptTimeout ?? TimeSpan.FromSeconds(30);
}

/// <summary>
/// GET requests to the data sources with retries (exponential backoff with jitter on timeouts, 429 honouring
/// <c>Retry-After</c>, 5xx, dropped connections and truncated or unparsable bodies), a bound on concurrent requests
/// and, for SEC EDGAR, its fair-access rate limit. The body is parsed inside the attempt, so that a body that does
/// not parse is tried again too. Polly 8 does the retrying and the limiting.
/// </summary>
internal sealed class SourceClient : IDisposable
{
    public const string Yahoo = "Yahoo Finance";
    public const string Sec = "SEC EDGAR";

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _yahoo;
    private readonly ResiliencePipeline _sec;
    private readonly SemaphoreSlim _yahooSlots;
    private readonly SemaphoreSlim _secSlots;
    private readonly RateLimiter _secRate;
    private readonly PullLimits _limits;
    private readonly Action<PullEvent> _report;
    private int _requests;
    private int _retries;

    public SourceClient(string userAgent, PullLimits limits, Action<PullEvent>? report)
    {
        _limits = limits;
        _report = report ?? (_ => { });
        _http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Clear();
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _yahooSlots = new SemaphoreSlim(limits.Concurrency);
        _secSlots = new SemaphoreSlim(limits.Concurrency);

        // One request every 1.25/rate seconds at most (a bucket of one token): 8 a second for SEC's 10, so that no
        // second holds more than the limit at the server either, whatever the network adds or takes away in transit.
        _secRate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.25 / limits.SecRequestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _yahoo = Pipeline(Yahoo, rate: null);
        _sec = Pipeline(Sec, _secRate);
    }

    /// <summary>Requests sent so far (every attempt counts).</summary>
    public int Requests => _requests;

    /// <summary>Retries so far.</summary>
    public int Retries => _retries;

    /// <summary>
    /// Gets <paramref name="url"/> and parses the body with <paramref name="parse"/>, which receives the status code
    /// (200 or 404) and the body. Other statuses: 429 and 5xx are retried, the rest fail at once.
    /// </summary>
    /// <exception cref="SourceUnavailableException">The source could not be reached or kept failing.</exception>
    public async Task<T> GetAsync<T>(string source, string subject, Uri url, Func<HttpStatusCode, byte[], T> parse, CancellationToken cancel)
    {
        var slots = source == Sec ? _secSlots : _yahooSlots;
        var pipeline = source == Sec ? _sec : _yahoo;
        await slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var context = ResilienceContextPool.Shared.Get(cancel);
            context.Properties.Set(SubjectKey, subject);
            try
            {
                return await pipeline.ExecuteAsync(
                    async (ctx, state) =>
                    {
                        Interlocked.Increment(ref _requests);
                        _report(new PullEvent(PullEventKind.Request, source, state.subject, $"GET {state.url.AbsolutePath}"));
                        using var response = await _http.GetAsync(state.url, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                        var status = response.StatusCode;
                        if (status == HttpStatusCode.TooManyRequests || (int)status >= 500)
                        {
                            throw new TransientHttpException($"HTTP {(int)status} {response.ReasonPhrase}", RetryAfter(response));
                        }

                        if (status != HttpStatusCode.OK && status != HttpStatusCode.NotFound)
                        {
                            throw new SourceUnavailableException($"{source}: {state.subject}: HTTP {(int)status} {response.ReasonPhrase} from {state.url.GetLeftPart(UriPartial.Path)}");
                        }

                        var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
                        if (response.Content.Headers.ContentLength is { } length && length != body.Length)
                        {
                            throw new SourceFormatException($"the body has {body.Length} of {length} bytes");
                        }

                        return state.parse(status, body);
                    },
                    context,
                    (url, subject, parse)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        catch (Exception ex) when (IsTransient(ex) && !cancel.IsCancellationRequested)
        {
            throw new SourceUnavailableException($"{source}: {subject}: {Describe(ex)} (gave up after {_limits.MaxAttempts} attempt(s) to {url.GetLeftPart(UriPartial.Path)})", ex);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            // Stopped (another source gave up, or the user cancelled) while this request failed: a consequence, not a cause.
            throw new OperationCanceledException($"{source}: {subject}: stopped", ex, cancel);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _yahooSlots.Dispose();
        _secSlots.Dispose();
        _secRate.Dispose();
    }

    private static readonly ResiliencePropertyKey<string> SubjectKey = new("agix.subject");

    private ResiliencePipeline Pipeline(string source, RateLimiter? rate)
    {
        var builder = new ResiliencePipelineBuilder();
        if (_limits.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = _limits.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _limits.Delay,
                MaxDelay = TimeSpan.FromSeconds(30),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientHttpException { RetryAfter: { } after } ? (TimeSpan?)(after < PullLimits.MaxRetryAfter ? after : PullLimits.MaxRetryAfter) : null),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    var subject = args.Context.Properties.GetValue(SubjectKey, "?");
                    _report(new PullEvent(PullEventKind.Retry, source, subject, string.Create(CultureInfo.InvariantCulture, $"{Describe(args.Outcome.Exception)}; try {args.AttemptNumber + 2} of {_limits.MaxAttempts} in {args.RetryDelay.TotalSeconds:0.##} s")));
                    return default;
                },
            });
        }

        if (rate is not null)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => rate.AcquireAsync(1, args.Context.CancellationToken) });
        }

        return builder.AddTimeout(_limits.Timeout).Build();
    }

    private static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or TransientHttpException or SourceFormatException or IOException or TimeoutRejectedException
        || (ex is OperationCanceledException && ex.InnerException is TimeoutException);

    private static string Describe(Exception? ex) => ex switch
    {
        null => "failed",
        TimeoutRejectedException => "timed out",
        TransientHttpException t => t.Message,
        SourceFormatException f => $"an incomplete or unreadable response ({f.Message})",
        HttpRequestException h => $"the connection failed ({h.Message})",
        IOException io => $"the connection broke ({io.Message})",
        _ => ex.Message,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        // Retry-After in seconds; an HTTP date would need the clock, so it falls back to the backoff.
        return response.Headers.RetryAfter?.Delta;
    }
}
