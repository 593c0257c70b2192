using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Agix.Tests.DataPull;

public sealed partial class FakeMarketServerTests
{
    private string NvdaUrl => $"{_server.YahooUrl}/v8/finance/chart/NVDA?period1=1704067200&period2=1704844800&interval=1d&events=div%7Csplit";

    [Fact]
    public async Task A_status_fault_answers_429_with_retry_after_once_then_the_normal_answer()
    {
        _server.Inject("chart/NVDA", new Fault.Status(429, RetryAfterSeconds: 2));

        using var first = await _http.GetAsync(new Uri(NvdaUrl), TestContext.Current.CancellationToken);
        var (second, _) = await GetJson(NvdaUrl);

        first.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        first.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        second.Should().Be(HttpStatusCode.OK);
        _server.Requests.Select(r => r.Status).Should().Equal(429, 200);
    }

    [Fact]
    public async Task A_yahoo_server_error_has_an_html_body_and_faults_are_consumed_in_injection_order()
    {
        _server.Inject("/yahoo/", new Fault.Status(500), times: 2);
        _server.Inject("^GSPC", new Fault.Status(503));

        var (first, body) = await GetText(NvdaUrl);
        var (second, _) = await GetText(NvdaUrl.Replace("NVDA", "%5EGSPC", StringComparison.Ordinal));
        var (third, _) = await GetText(NvdaUrl.Replace("NVDA", "%5EGSPC", StringComparison.Ordinal));
        var (fourth, _) = await GetText(NvdaUrl.Replace("NVDA", "%5EGSPC", StringComparison.Ordinal));

        first.Should().Be(HttpStatusCode.InternalServerError);
        body.Should().StartWith("<!DOCTYPE html>");
        second.Should().Be(HttpStatusCode.InternalServerError);
        third.Should().Be(HttpStatusCode.ServiceUnavailable, "the decoded symbol matches too");
        fourth.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Four_dropped_connections_in_a_row_make_an_http_request_exception_and_are_recorded_with_status_0()
    {
        _server.Inject("chart/NVDA", new Fault.DropConnection(), times: 4);

        var act = () => _http.GetAsync(new Uri(NvdaUrl), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<HttpRequestException>();
        _server.Requests.Should().HaveCount(4).And.OnlyContain(r => r.Host == "yahoo" && r.Symbol == "NVDA" && r.Status == 0);
    }

    [Fact]
    public async Task Up_to_three_dropped_connections_are_retried_away_by_SocketsHttpHandler_itself()
    {
        // SocketsHttpHandler resends a request whose connection closed before any response byte, up to 3 times.
        _server.Inject("chart/NVDA", new Fault.DropConnection(), times: 3);

        using var response = await _http.GetAsync(new Uri(NvdaUrl), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _server.Requests.Select(r => r.Status).Should().Equal(0, 0, 0, 200);
    }

    [Fact]
    public async Task A_truncated_body_fails_the_read_with_an_io_error()
    {
        _server.Inject("companyfacts", new Fault.TruncatedBody());
        var url = $"{_server.SecUrl}/api/xbrl/companyfacts/CIK{_server.CikOf("NVDA"):D10}.json";

        var act = () => _http.GetAsync(new Uri(url), TestContext.Current.CancellationToken);

        var thrown = await act.Should().ThrowAsync<Exception>();
        thrown.Which.Should().Match<Exception>(e => e is HttpRequestException || e is IOException);
        _server.Requests.Single().Status.Should().Be(0);
        var (status, _) = await GetJson(url);
        status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_truncated_body_read_as_a_stream_ends_short()
    {
        _server.Inject("chart/NVDA", new Fault.TruncatedBody());

        using var response = await _http.GetAsync(new Uri(NvdaUrl), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var expected = response.Content.Headers.ContentLength!.Value;
        var read = 0L;
        var failed = false;
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var buffer = new byte[4096];
            int count;
            while ((count = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                read += count;
            }
        }
        catch (IOException)
        {
            failed = true;
        }

        (failed || read < expected).Should().BeTrue();
        read.Should().BeLessThan(expected);
    }

    [Fact]
    public async Task A_garbage_fault_answers_200_with_a_complete_body_that_is_not_json()
    {
        _server.Inject("chart/NVDA", new Fault.Garbage());

        var (status, body) = await GetText(NvdaUrl);

        status.Should().Be(HttpStatusCode.OK);
        body.Should().StartWith("{\"chart\"");
        var parse = () => JsonDocument.Parse(body);
        parse.Should().Throw<JsonException>();
        _server.Requests.Single().Status.Should().Be(200);
    }

    [Fact]
    public async Task A_delay_fault_answers_normally_after_the_delay()
    {
        _server.Inject("chart/NVDA", new Fault.Delay(300));
        var clock = Stopwatch.StartNew();

        var (status, _) = await GetJson(NvdaUrl);

        clock.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(290);
        status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Thirty_concurrent_requests_all_succeed_and_are_all_recorded()
    {
        var symbols = Demo.Series.Keys.ToList();
        var urls = Enumerable.Range(0, 30).Select(i => i % 3 == 0
            ? $"{_server.SecUrl}/api/xbrl/companyfacts/CIK{1000001 + (i % 26):D10}.json"
            : NvdaUrl.Replace("/NVDA?", "/" + Uri.EscapeDataString(symbols[i % symbols.Count]) + "?", StringComparison.Ordinal)).ToList();

        var answers = await Task.WhenAll(urls.Select(url => GetJson(url)));

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
        _server.Requests.Should().HaveCount(30);
        _server.Requests.Select(r => r.TimestampMs).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Requests_record_host_path_query_and_user_agent()
    {
        await GetJson($"{_server.SecUrl}/files/company_tickers.json");
        await GetJson(NvdaUrl);

        _server.Requests.Should().BeEquivalentTo(
            [
                new { Host = "sec", Path = "/files/company_tickers.json", Query = "", Symbol = (string?)null, Status = 200, UserAgent = "agix-tests/1.0 (tests@example.com)" },
                new { Host = "yahoo", Path = "/v8/finance/chart/NVDA", Query = "period1=1704067200&period2=1704844800&interval=1d&events=div%7Csplit", Symbol = (string?)"NVDA", Status = 200, UserAgent = "agix-tests/1.0 (tests@example.com)" },
            ],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Dispose_stops_the_server_promptly_even_with_a_request_in_flight()
    {
        _server.Inject("chart/NVDA", new Fault.Delay(30_000));
        var pending = _http.GetAsync(new Uri(NvdaUrl), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();

        _server.Dispose();

        // Promptly: well before the 30 s the request would wait (a generous bound, the suite runs in parallel on 2 cores).
        clock.ElapsedMilliseconds.Should().BeLessThan(10_000);
        var act = () => pending;
        await act.Should().ThrowAsync<HttpRequestException>();
        var after = () => _http.GetAsync(new Uri(NvdaUrl), TestContext.Current.CancellationToken);
        await after.Should().ThrowAsync<HttpRequestException>();
    }
}
