using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Agix.DemoData;

/// <summary>Writes the demo data folder: UTF-8 without BOM, LF line endings, invariant number formats.</summary>
internal static class DemoFiles
{
    /// <summary>The CSV header of prices.csv and benchmarks.csv.</summary>
    public const string PriceHeader = "date,symbol,close,dividend,split_ratio,shares_outstanding,market_cap";

    /// <summary>The CSV header of universe.csv.</summary>
    public const string UniverseHeader = "symbol,name,theme";

    /// <summary>The command that regenerates the folder (run from the repository root).</summary>
    public const string Command = "dotnet run --project tools/Agix.DemoData -- --out data";

    /// <summary>The default methodology of the CLI contract, byte for byte.</summary>
    public const string MethodologyJson = """
        {
          "name": "AGIX-style AI Thematic Index",
          "baseDate": "2022-11-30",
          "baseValue": 1000,
          "returnType": "gross",
          "withholdingTax": 0.30,
          "rebalance": { "months": [3, 6, 9, 12], "holidayRoll": "preceding", "selectionLagDays": 5 },
          "weighting": {
            "scheme": "theme-budget",
            "stockCap": 0.10,
            "themeCap": null,
            "themeBudgets": { "compute": 0.30, "cloud": 0.30, "edge": 0.15, "interconnect": 0.15, "software": 0.10 }
          },
          "transactionCostBps": 0,
          "riskFreeRate": 0,
          "benchmarks": ["SPY", "QQQ", "^GSPC", "^NDX"]
        }

        """;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes every file of the folder.</summary>
    public static void WriteAll(string folder, DemoMarket market, ulong seed)
    {
        Directory.CreateDirectory(folder);
        Write(folder, "prices.csv", PriceCsv(market.Prices));
        Write(folder, "benchmarks.csv", PriceCsv(market.Benchmarks));
        Write(folder, "universe.csv", UniverseCsv());
        Write(folder, "methodology.json", MethodologyJson);
        Write(folder, "SYNTHETIC", Inv($"prices.csv and benchmarks.csv in this folder are SYNTHETIC demo data (Agix.DemoData, seed {seed}), not real market data.\n"));
        Write(folder, "README.md", Readme(market, seed));
    }

    /// <summary>Reads a written file back as text.</summary>
    public static string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, file), Utf8NoBom);

    /// <summary>An ISO date.</summary>
    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A cent amount as a decimal number with two decimals.</summary>
    public static string FormatCents(long cents) => Inv($"{cents / 100}.{cents % 100:00}");

    /// <summary>An amount in 1/10000 of a dollar, with the trailing zeros dropped ("0" for zero).</summary>
    public static string FormatTenThousandths(long amount)
    {
        if (amount == 0)
        {
            return "0";
        }

        var text = Inv($"{amount / 10000}.{amount % 10000:0000}").TrimEnd('0');
        return text.EndsWith('.') ? text[..^1] : text;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Write(string folder, string file, string content)
    {
        if (content.Contains('\r', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file}: content must use LF line endings.");
        }

        File.WriteAllText(Path.Combine(folder, file), content, Utf8NoBom);
    }

    private static string PriceCsv(IReadOnlyList<PriceRow> rows)
    {
        var text = new StringBuilder(rows.Count * 64);
        text.Append(PriceHeader).Append('\n');
        foreach (var row in rows)
        {
            text.Append(Iso(row.Date)).Append(',')
                .Append(row.Symbol).Append(',')
                .Append(FormatCents(row.CloseCents)).Append(',')
                .Append(FormatTenThousandths(row.DividendTenThousandths)).Append(',')
                .Append(row.SplitRatio.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Shares?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.MarketCap?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static string UniverseCsv()
    {
        var text = new StringBuilder();
        text.Append(UniverseHeader).Append('\n');
        foreach (var stock in DemoUniverse.Stocks)
        {
            text.Append(stock.Symbol).Append(',').Append(stock.Name).Append(',').Append(stock.Theme.ToName()).Append('\n');
        }

        return text.ToString();
    }

    private static string Readme(DemoMarket market, ulong seed)
    {
        var splits = string.Join(", ", DemoUniverse.Stocks
            .SelectMany(s => s.Splits.Select(split => (s.Symbol, split)))
            .OrderBy(x => x.split.ExDate)
            .Select(x => Inv($"{x.Symbol} {x.split.Ratio}-for-1 on {Iso(x.split.ExDate)}")));
        var payers = string.Join(", ", DemoUniverse.Stocks.Where(s => s.Dividends is not null).Select(s => s.Symbol).Order(StringComparer.Ordinal));
        var ipos = string.Join(", ", DemoUniverse.Stocks.Where(s => s.ListedOn is not null).Select(s => Inv($"{s.Symbol} (first row {Iso(s.ListedOn!.Value)})")));
        var delistings = string.Join(", ", DemoUniverse.Stocks.Where(s => s.DelistedAfter is not null).Select(s => Inv($"{s.Symbol} (last row {Iso(s.DelistedAfter!.Value)})")));
        var policies = DemoUniverse.Stocks.Where(s => s.Dividends is not null).Select(s => (s.Symbol, Policy: s.Dividends!)).ToList();
        var minYield = Inv($"{policies.Min(p => p.Policy.QuarterlyYield) * 100:0.0#}");
        var maxYield = Inv($"{policies.Max(p => p.Policy.QuarterlyYield) * 100:0.0#}");
        var windows = string.Join(", ", policies
            .Where(p => p.Policy.First > DemoUniverse.Start || p.Policy.Last < DemoUniverse.End)
            .Select(p => p.Policy.First > DemoUniverse.Start
                ? Inv($"{p.Symbol} (from {Iso(p.Policy.First)})")
                : Inv($"{p.Symbol} (until {Iso(p.Policy.Last)})")));
        var first = Iso(market.TradingDays[0]);
        var last = Iso(market.TradingDays[^1]);

        return Inv($$"""
            # Bundled data: the AGIX universe, the default methodology and SYNTHETIC demo prices

            **`prices.csv` and `benchmarks.csv` in this folder are synthetic.** They are generated by the project tool
            `tools/Agix.DemoData` from a seeded random model (seed {{seed}}); they are **not real market data**, and no
            number in them is a real price, dividend or share count. They exist so that a bare `agix backtest` runs out
            of the box and so that tests have a deterministic, license-free data set. Results computed on them say
            nothing about any real company or index. The marker file `SYNTHETIC` tells `agix` to label its output
            accordingly.

            The company names and themes in `universe.csv` are real; only the prices are invented.

            ## Regenerating

            From the repository root:

            ```sh
            {{Command}}
            ```

            Options: `--out DIR` (the folder to write; created if missing) and `--seed N` (default {{DemoUniverse.DefaultSeed}}).
            The output is byte-identical on every run, machine, culture and time zone (own PCG32 generator and
            samplers; no `System.Random`). The tool checks its own output (row counts, sort order, positive finite
            closes, market cap = close x shares, continuity across splits) and fails if a check does not hold.

            ## Using real data instead

            Point `agix` at a folder with the same four files, or override single files:

            ```sh
            agix backtest --data path/to/real-data
            agix backtest --prices my-prices.csv --benchmarks my-benchmarks.csv
            ```

            (`--universe FILE` and `--methodology FILE` work the same way.) The repository README ("Your own data") says
            what `agix` accepts; it is more lenient than the files here (any row order, a BOM, CRLF line ends, quoted
            fields, `market_cap` or `shares_outstanding` alone, non-NYSE dates as warnings).

            ## Files

            The generated files are UTF-8 without BOM with LF line endings, a header row, comma separators, no
            quoting, `.` as the decimal point and ISO dates (`yyyy-MM-dd`).

            ### `universe.csv`

            `{{UniverseHeader}}`: one row per index member.

            | column | meaning |
            |---|---|
            | `symbol` | ticker, as used in `prices.csv` |
            | `name` | company name (informative only) |
            | `theme` | one of `compute`, `cloud`, `edge`, `interconnect`, `software` |

            Optional columns `added` and `removed` (ISO dates, member on `added <= date < removed`) are understood by
            `agix` but not used here: the universe is shared with the real data, where every name is a member
            throughout, and eligibility follows from the price rows. So the fictitious early end of DELL in the
            synthetic prices is reported by every command as a warning (`DELL: data ends on 2025-06-30 …`), which also
            makes `--strict` fail on the demo data: that is the deletion rule at work, not a fault.

            ### `prices.csv` (stocks) and `benchmarks.csv` (benchmarks)

            `{{PriceHeader}}`: one row per (trading day, symbol), sorted by date, then symbol (ordinal).

            | column | unit | meaning |
            |---|---|---|
            | `date` | ISO date | an NYSE trading day |
            | `symbol` | | ticker |
            | `close` | USD per share (index points for `^` symbols) | the raw close as traded that day: not adjusted for later splits or dividends |
            | `dividend` | USD per share | the cash dividend whose ex-date is this day, in the units of this day's close (whole cents for stocks, up to 4 decimals for ETFs); `0` on other days |
            | `split_ratio` | | `N` on the ex-date of an N-for-1 split (the close drops by about N, the share count multiplies by N); `1` otherwise |
            | `shares_outstanding` | shares | shares outstanding on that day (stocks only; empty for benchmarks) |
            | `market_cap` | USD | `round(close x shares_outstanding)` as an integer (stocks only; empty for benchmarks) |

            ### `methodology.json`

            The default methodology of the `agix` command-line contract, unchanged: theme budgets, 10 % stock cap,
            quarterly rebalancing, base date 2022-11-30, base value 1000, gross total return, benchmarks SPY, QQQ,
            ^GSPC and ^NDX.

            ### `SYNTHETIC`

            A one-line marker: its presence means the prices and benchmarks of this folder are synthetic.

            ## What the synthetic data contains

            * {{market.TradingDays.Count}} NYSE trading days, {{first}} to {{last}} (holidays from `NyseCalendar`, including the
              2025-01-09 closure); `prices.csv` has {{market.Prices.Count}} rows for {{DemoUniverse.Stocks.Count}} symbols,
              `benchmarks.csv` has {{market.Benchmarks.Count}} rows.
            * Model: daily simple returns r = drift + beta x market shock + theme shock + own shock. Each shock is
              Student-t with 4 degrees of freedom (fat tails), centred within each calendar year, so that the yearly
              log return is about beta x market scenario + theme scenario + alpha + a random yearly surprise. The
              scenario is a 2022 bear market followed by a rally, with compute and interconnect leading. Annual
              volatility is about 25-60 % per name. Start prices and share counts are rough magnitudes, so market
              caps stay between about 1e10 and 5e12 USD; share counts change a little at each quarter start
              (buybacks, issuance).
            * Splits: {{splits}}.
            * Quarterly cash dividends: {{payers}}; the amount (whole cents) is reset at the first ex-date of each
              year and after a split, to {{minYield}}-{{maxYield}} % of the previous close, depending on the name.
              Dividends start or stop inside the period for {{windows}}.
            * Listing inside the period: {{ipos}}; no rows before.
            * Data ending early (a fictitious delisting): {{delistings}}; no rows after.
            * Benchmarks: `^GSPC` is the market factor itself, `^NDX` loads on the market and the compute, cloud and
              software factors; `SPY` and `QQQ` track them net of a fee, pay quarterly dividends (ex-dates in March,
              June, September and December) and drop by the dividend on the ex-date. `^GSPC` and `^NDX` are index
              levels without dividends.

            """);
    }
}
