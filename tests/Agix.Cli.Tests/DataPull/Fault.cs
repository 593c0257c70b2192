namespace Agix.Tests.DataPull;

/// <summary>A failure the <see cref="FakeMarketServer"/> serves instead of (or before) a normal answer;
/// see <see cref="FakeMarketServer.Inject"/>.</summary>
internal abstract record Fault
{
    private Fault()
    {
    }

    /// <summary>Answers this HTTP status (a JSON error body; an HTML page for Yahoo 5xx), with a
    /// <c>Retry-After</c> header in seconds when given.</summary>
    internal sealed record Status(int Code, int? RetryAfterSeconds = null) : Fault;

    /// <summary>Reads the request, then closes the connection without writing a byte.</summary>
    internal sealed record DropConnection : Fault;

    /// <summary>Sends the headers of the normal answer (its full Content-Length) and half of its body, then closes.</summary>
    internal sealed record TruncatedBody : Fault;

    /// <summary>Answers 200 with a complete response whose body is invalid JSON.</summary>
    internal sealed record Garbage : Fault;

    /// <summary>Waits this long, then answers normally.</summary>
    internal sealed record Delay(int Milliseconds) : Fault;
}
