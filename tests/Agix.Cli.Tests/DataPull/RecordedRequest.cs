using NodaTime;

namespace Agix.Tests.DataPull;

/// <summary>One request as the <see cref="FakeMarketServer"/> saw and answered it.</summary>
/// <param name="Host">"yahoo", "sec", or "other" for a path under neither prefix.</param>
/// <param name="Path">The path after the host prefix, as received (still URL-encoded),
/// e.g. "/v8/finance/chart/%5EGSPC" or "/api/xbrl/companyfacts/CIK0001000001.json".</param>
/// <param name="Query">The query string without the leading '?', as received; "" when none.</param>
/// <param name="Symbol">Yahoo: the decoded chart symbol ("^GSPC"); SEC company facts: the symbol of the CIK
/// when known; otherwise null.</param>
/// <param name="From">Yahoo: the America/New_York date of period1.</param>
/// <param name="To">Yahoo: the America/New_York date of period2 (exclusive bound of the request).</param>
/// <param name="Status">The HTTP status sent; 0 for a dropped connection or a truncated body.</param>
/// <param name="UserAgent">The User-Agent header, or null when absent.</param>
/// <param name="TimestampMs">Milliseconds since the server started, at the request's arrival.</param>
internal sealed record RecordedRequest(
    string Host,
    string Path,
    string Query,
    string? Symbol,
    LocalDate? From,
    LocalDate? To,
    int Status,
    string? UserAgent,
    long TimestampMs);
