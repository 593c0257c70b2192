namespace Agix.Sources;

/// <summary>A response that is not what the API sends (truncated, not JSON, a wrong shape): worth another try.</summary>
internal sealed class SourceFormatException(string message) : AgixException(message);

/// <summary>A transient HTTP failure (429, 5xx) that is worth another try, after <see cref="RetryAfter"/> when the server said so.</summary>
internal sealed class TransientHttpException(string message, TimeSpan? retryAfter) : AgixException(message)
{
    /// <summary>The delay the server asked for (<c>Retry-After</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Yahoo answered with <c>chart.error</c>, such as "Not Found" for an unknown symbol: an input error, not retried.</summary>
internal sealed class YahooErrorException(string symbol, string code, string description)
    : AgixException($"{symbol}: Yahoo Finance answers '{code}': {description}")
{
    /// <summary>The symbol asked for.</summary>
    public string Symbol { get; } = symbol;
}

/// <summary>
/// A data source could not be reached, or kept failing after every retry (exit code 4). The message names the
/// source, the symbol and the last failure.
/// </summary>
public sealed class SourceUnavailableException : AgixException
{
    /// <summary>Creates the exception.</summary>
    public SourceUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
