using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Agix.Tests.DataPull;

/// <summary>A request line and the headers the fake server looks at.</summary>
internal sealed record HttpRequest(string Method, string Target, string? UserAgent);

/// <summary>A complete answer: status, content type, body and an optional Retry-After (seconds).</summary>
internal sealed record Answer(int Status, string ContentType, byte[] Body, string? RetryAfter = null)
{
    public static Answer Json(int status, string body) => new(status, "application/json", Encoding.UTF8.GetBytes(body));
}

/// <summary>The little HTTP/1.1 the fake server speaks: one request per connection, Connection: close.</summary>
internal static class HttpWire
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Reads the request line and headers; null when the client closed the connection first.</summary>
    public static async Task<HttpRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        int end;
        while ((end = HeaderEnd(buffer, length)) < 0)
        {
            if (length == buffer.Length)
            {
                throw new IOException("request headers too long");
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), token).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
        }

        var lines = Encoding.Latin1.GetString(buffer, 0, end).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new IOException("bad request line: " + lines[0]);
        }

        string? userAgent = null;
        var contentLength = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            {
                userAgent = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        // Read (and ignore) a body, so that closing the socket never resets the connection.
        var pending = contentLength - (length - end - 4);
        while (pending > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(pending, buffer.Length)), token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            pending -= read;
        }

        return new HttpRequest(requestLine[0], requestLine[1], userAgent);
    }

    /// <summary>Writes the status line, the headers (Content-Length of the whole body) and the first
    /// <paramref name="bodyBytes"/> bytes of the body.</summary>
    public static async Task WriteAsync(NetworkStream stream, Answer answer, int bodyBytes, CancellationToken token)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {answer.ContentType}; charset=utf-8\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {answer.Body.Length}\r\n");
        if (answer.RetryAfter is { } retryAfter)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {retryAfter}\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token).ConfigureAwait(false);
        await stream.WriteAsync(answer.Body.AsMemory(0, bodyBytes), token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }

    /// <summary>The parameters of a query string, URL-decoded; the first value of a repeated name wins.</summary>
    public static IReadOnlyDictionary<string, string> ParseQuery(string query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            parameters.TryAdd(name, value);
        }

        return parameters;
    }

    private static int HeaderEnd(byte[] buffer, int length)
    {
        var index = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
        return index;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
}
